import type { Db } from '../../db/database';
import { BusinessCalendar } from '../../time/businessDate';
import { localParts } from './records';

/**
 * The per-conversation analytics row (`cw_conversation_facts`): everything a manager asks about
 * one conversation, derived from the mirror's conversation, messages, reporting events and CSAT
 * answer. Recomputed for the conversations listed in `cw_dirty`, in the sync's final transaction.
 * Definitions: docs/KPIS.md, "Atendimento (Chatwoot)".
 */

export const FACT_COLUMNS = [
  'conversation_id', 'display_id', 'inbox_id', 'inbox_name', 'channel_type', 'channel', 'bot_inbox', 'team_id', 'team_name',
  'assignee_id', 'assignee_name', 'contact_id', 'contact_name', 'contact_email', 'contact_phone', 'contact_type', 'contact_city',
  'status', 'status_label', 'priority', 'priority_label', 'labels', 'label_count', 'first_label',
  'created_at', 'updated_at', 'last_activity_at', 'first_reply_created_at', 'waiting_since', 'snoozed_until', 'waiting_now', 'unattended_now',
  'created_day', 'created_week', 'created_month', 'created_quarter', 'created_year', 'created_hour', 'created_weekday', 'created_weekday_label',
  'period_of_day', 'is_weekend', 'created_in_business_hours',
  'messages_count', 'incoming_count', 'outgoing_count', 'public_outgoing_count', 'private_notes_count', 'activity_count', 'template_count',
  'human_messages_count', 'human_replies_count', 'bot_messages_count', 'contact_messages_count', 'csat_messages_count', 'agents_involved',
  'incoming_chars', 'outgoing_chars', 'avg_incoming_chars',
  'first_message_at', 'last_message_at', 'duration_seconds', 'first_incoming_at', 'last_incoming_at', 'first_bot_reply_at',
  'first_human_reply_at', 'last_human_reply_at', 'first_incoming_preview', 'last_message_preview',
  'first_response_seconds', 'first_response_bh_seconds', 'first_response_agent_id', 'first_response_day', 'first_response_bucket',
  'first_bot_response_seconds', 'reply_time_count', 'reply_time_avg_seconds', 'reply_time_max_seconds', 'reply_time_bh_avg_seconds',
  'resolutions_count', 'first_resolved_at', 'last_resolved_at', 'first_resolution_seconds', 'last_resolution_seconds',
  'last_resolution_bh_seconds', 'resolution_bucket', 'resolved_day', 'resolved_hour', 'reopen_count', 'reopened',
  'handoff', 'handoff_at', 'time_to_handoff_seconds', 'handoff_to_human_seconds', 'bot_messages_before_handoff',
  'bot_resolved', 'bot_only', 'human_intervention', 'resolved_without_human', 'service_level',
  'csat_sent', 'csat_rating', 'csat_feedback', 'csat_category', 'csat_at', 'csat_agent_id', 'csat_positive',
  'derived_at',
] as const;

export type FactColumn = (typeof FACT_COLUMNS)[number];

const STATUS = ['Aberta', 'Resolvida', 'Pendente', 'Adiada'];
const PRIORITY = ['Baixa', 'Média', 'Alta', 'Urgente'];
const CONTACT_TYPE = ['Visitante', 'Lead', 'Cliente'];
export const WEEKDAYS = ['domingo', 'segunda-feira', 'terça-feira', 'quarta-feira', 'quinta-feira', 'sexta-feira', 'sábado'];

const CHANNELS: Record<string, string> = {
  'Channel::WebWidget': 'Site',
  'Channel::Api': 'API',
  'Channel::Email': 'E-mail',
  'Channel::FacebookPage': 'Facebook',
  'Channel::Instagram': 'Instagram',
  'Channel::TwitterProfile': 'Twitter',
  'Channel::TwilioSms': 'Twilio SMS',
  'Channel::Sms': 'SMS',
  'Channel::Whatsapp': 'WhatsApp',
  'Channel::Telegram': 'Telegram',
  'Channel::Line': 'LINE',
  'Channel::Tiktok': 'TikTok',
  'Channel::Voice': 'Voz',
};

export const channelLabel = (type: string | null): string => (type ? (CHANNELS[type] ?? type.replace(/^Channel::/, '')) : 'Desconhecido');
export const statusLabel = (status: number): string => STATUS[status] ?? `Status ${status}`;
export const priorityLabel = (priority: number | null): string => (priority === null ? 'Sem prioridade' : (PRIORITY[priority] ?? `Prioridade ${priority}`));

/** NPS-style reading of a 1–5 rating: 5 promoter, 4 neutral, 1–3 detractor (docs/KPIS.md). */
export function csatCategory(rating: number | null): string | null {
  if (rating === null) return null;
  return rating >= 5 ? 'promotor' : rating === 4 ? 'neutro' : 'detrator';
}

/** The buckets of Chatwoot 4.11's first-response-time distribution, reused for resolution. */
export function durationBucket(seconds: number | null): string | null {
  if (seconds === null) return null;
  if (seconds < 3600) return '0–1 h';
  if (seconds < 4 * 3600) return '1–4 h';
  if (seconds < 8 * 3600) return '4–8 h';
  if (seconds < 24 * 3600) return '8–24 h';
  return '24 h ou mais';
}

function periodOfDay(hour: number): string {
  if (hour < 6) return 'madrugada';
  if (hour < 12) return 'manhã';
  if (hour < 18) return 'tarde';
  return 'noite';
}

interface WorkingDay {
  day: number;
  closed: boolean | null;
  all_day: boolean | null;
  open: number | null;
  close: number | null;
}

const zoneCalendars = new Map<string, BusinessCalendar>();
function zoneCalendar(zone: string): BusinessCalendar {
  let calendar = zoneCalendars.get(zone);
  if (!calendar) {
    try {
      calendar = new BusinessCalendar(zone);
      calendar.offsetAt(0);
    } catch {
      calendar = new BusinessCalendar('UTC');
    }
    zoneCalendars.set(zone, calendar);
  }
  return calendar;
}

/** Whether an instant falls in the inbox's working hours (its own zone); null when they are off. */
export function inBusinessHours(ms: number, enabled: boolean, workingHours: WorkingDay[] | null, zone: string | null): boolean | null {
  if (!enabled || !workingHours?.length) return null;
  const { hour, weekday } = localParts(zoneCalendar(zone || 'UTC'), ms);
  const local = ms + zoneCalendar(zone || 'UTC').offsetAt(ms);
  const minute = hour * 60 + Math.floor((local % 3_600_000) / 60_000);
  const day = workingHours.find((d) => d.day === weekday);
  if (!day || day.closed) return false;
  if (day.all_day) return true;
  return day.open !== null && day.close !== null && minute >= day.open && minute < day.close;
}

function parseWorkingHours(json: string | null): WorkingDay[] | null {
  if (!json) return null;
  try {
    return JSON.parse(json) as WorkingDay[];
  } catch {
    return null;
  }
}

interface ConversationRow {
  id: number;
  display_id: number;
  inbox_id: number;
  status: number;
  assignee_id: number | null;
  team_id: number | null;
  contact_id: number | null;
  priority: number | null;
  labels: string | null;
  created_at: number;
  updated_at: number;
  last_activity_at: number | null;
  first_reply_created_at: number | null;
  waiting_since: number | null;
  snoozed_until: number | null;
  inbox_name: string | null;
  channel_type: string | null;
  bot_active: number | null;
  working_hours_enabled: number | null;
  working_hours: string | null;
  inbox_timezone: string | null;
  team_name: string | null;
  assignee_name: string | null;
  contact_name: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  contact_type: number | null;
  contact_city: string | null;
}

interface MessageRow {
  conversation_id: number;
  message_type: number;
  content_type: number;
  private: number;
  sender_type: string | null;
  sender_id: number | null;
  human_reply: number;
  content: string | null;
  created_at: number;
}

interface EventRow {
  conversation_id: number;
  name: string;
  value: number | null;
  value_in_business_hours: number | null;
  user_id: number | null;
  event_end_time: number | null;
  created_at: number;
}

interface CsatRow {
  conversation_id: number;
  rating: number;
  feedback_message: string | null;
  assigned_agent_id: number | null;
  created_at: number;
}

const CHUNK = 2000;
const preview = (text: string | null) => (text ? text.replace(/\s+/g, ' ').trim().slice(0, 200) : null);
const isBot = (senderType: string | null) => senderType === 'AgentBot' || senderType === 'Captain::Assistant';

function groupBy<T extends { conversation_id: number }>(rows: T[]): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const row of rows) {
    const list = out.get(row.conversation_id);
    if (list) list.push(row);
    else out.set(row.conversation_id, [row]);
  }
  return out;
}

const avg = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);

/** Recomputes the analytics rows of every conversation listed in cw_dirty, then empties it. */
export function deriveConversationFacts(db: Db, calendar: BusinessCalendar, now: number = Date.now()): number {
  const dirty = (db.prepare('SELECT conversation_id FROM cw_dirty ORDER BY conversation_id').pluck().all() as number[]) ?? [];
  if (!dirty.length) return 0;
  const conversations = db.prepare(`
    SELECT c.*, i.name AS inbox_name, i.channel_type, i.bot_active, i.working_hours_enabled, i.working_hours, i.timezone AS inbox_timezone,
      t.name AS team_name, a.name AS assignee_name, p.name AS contact_name, p.email AS contact_email, p.phone_number AS contact_phone,
      p.contact_type, p.city AS contact_city
    FROM cw_conversations c
    LEFT JOIN cw_inboxes i ON i.id = c.inbox_id
    LEFT JOIN cw_teams t ON t.id = c.team_id
    LEFT JOIN cw_agents a ON a.id = c.assignee_id
    LEFT JOIN cw_contacts p ON p.id = c.contact_id
    WHERE c.id IN (SELECT value FROM json_each(?))`);
  const messages = db.prepare(`
    SELECT conversation_id, message_type, content_type, private, sender_type, sender_id, human_reply, content, created_at
    FROM cw_messages WHERE conversation_id IN (SELECT value FROM json_each(?)) ORDER BY conversation_id, created_at, id`);
  const events = db.prepare(`
    SELECT conversation_id, name, value, value_in_business_hours, user_id, event_end_time, created_at
    FROM cw_events WHERE conversation_id IN (SELECT value FROM json_each(?)) ORDER BY conversation_id, created_at, id`);
  const csat = db.prepare(`
    SELECT conversation_id, rating, feedback_message, assigned_agent_id, created_at
    FROM cw_csat_responses WHERE conversation_id IN (SELECT value FROM json_each(?)) ORDER BY conversation_id, created_at, id`);
  const upsert = db.prepare(
    `INSERT OR REPLACE INTO cw_conversation_facts (${FACT_COLUMNS.join(', ')}) VALUES (${FACT_COLUMNS.map(() => '?').join(', ')})`,
  );
  const removeFacts = db.prepare('DELETE FROM cw_conversation_facts WHERE conversation_id IN (SELECT value FROM json_each(?))');
  const removeOrphanLabels = db.prepare(
    'DELETE FROM cw_conversation_labels WHERE conversation_id IN (SELECT value FROM json_each(?)) AND conversation_id NOT IN (SELECT id FROM cw_conversations)',
  );
  const clearDirty = db.prepare('DELETE FROM cw_dirty WHERE conversation_id IN (SELECT value FROM json_each(?))');

  let written = 0;
  for (let i = 0; i < dirty.length; i += CHUNK) {
    const ids = JSON.stringify(dirty.slice(i, i + CHUNK));
    const rows = conversations.all(ids) as ConversationRow[];
    const byConversationMessages = groupBy(messages.all(ids) as MessageRow[]);
    const byConversationEvents = groupBy(events.all(ids) as EventRow[]);
    const byConversationCsat = groupBy(csat.all(ids) as CsatRow[]);
    // A conversation deleted at the source leaves no analytics row and no labels behind.
    removeFacts.run(ids);
    removeOrphanLabels.run(ids);
    for (const c of rows) {
      const fact = factOf(c, byConversationMessages.get(c.id) ?? [], byConversationEvents.get(c.id) ?? [], byConversationCsat.get(c.id) ?? [], calendar, now);
      upsert.run(FACT_COLUMNS.map((k) => fact[k]));
      written++;
    }
    clearDirty.run(ids);
  }
  return written;
}

type Fact = Record<FactColumn, string | number | null>;

function factOf(c: ConversationRow, messages: MessageRow[], events: EventRow[], csat: CsatRow[], calendar: BusinessCalendar, now: number): Fact {
  const created = localParts(calendar, c.created_at);
  const createdDayStart = Date.parse(`${created.day}T00:00:00Z`);
  const week = new Date(createdDayStart - created.weekday * 86_400_000).toISOString().slice(0, 10);
  const month = created.day.slice(0, 7);
  const quarter = `${created.day.slice(0, 4)}-T${Math.floor((Number(created.day.slice(5, 7)) - 1) / 3) + 1}`;

  let incoming = 0, outgoing = 0, publicOutgoing = 0, privateNotes = 0, activity = 0, template = 0;
  let humanMessages = 0, humanReplies = 0, botMessages = 0, contactMessages = 0, csatMessages = 0;
  let incomingChars = 0, outgoingChars = 0;
  let firstIncoming: MessageRow | null = null, lastIncoming: MessageRow | null = null;
  let firstBot: MessageRow | null = null, firstHuman: MessageRow | null = null, lastHuman: MessageRow | null = null;
  const agents = new Set<number>();
  for (const m of messages) {
    if (m.content_type === 9) csatMessages++;
    if (m.message_type === 0) {
      incoming++;
      incomingChars += m.content?.length ?? 0;
      firstIncoming ??= m;
      lastIncoming = m;
    } else if (m.message_type === 1) {
      outgoing++;
      if (m.private) privateNotes++;
      else {
        publicOutgoing++;
        outgoingChars += m.content?.length ?? 0;
      }
    } else if (m.message_type === 2) activity++;
    else if (m.message_type === 3) template++;
    if (m.sender_type === 'Contact') contactMessages++;
    if (m.message_type === 1 && !m.private && m.sender_type === 'User') {
      humanMessages++;
      if (m.sender_id !== null) agents.add(m.sender_id);
    }
    if (m.human_reply) {
      humanReplies++;
      firstHuman ??= m;
      lastHuman = m;
    }
    if (m.message_type === 1 && isBot(m.sender_type)) {
      botMessages++;
      firstBot ??= m;
    }
  }

  const named = (name: string) => events.filter((e) => e.name === name);
  const firstResponse = named('first_response')[0] ?? null;
  const replies = named('reply_time');
  const resolutions = named('conversation_resolved');
  const opened = named('conversation_opened');
  const handoff = named('conversation_bot_handoff')[0] ?? null;
  const botResolved = named('conversation_bot_resolved').length > 0;
  const lastResolution = resolutions[resolutions.length - 1] ?? null;
  const firstResolution = resolutions[0] ?? null;
  const resolvedAt = (e: EventRow | null) => (e ? (e.event_end_time ?? e.created_at) : null);
  const resolvedLocal = lastResolution ? localParts(calendar, resolvedAt(lastResolution) as number) : null;
  const handoffAt = handoff ? (handoff.event_end_time ?? handoff.created_at) : null;
  const botMessagesBeforeHandoff = handoffAt === null ? null : messages.filter((m) => m.message_type === 1 && isBot(m.sender_type) && m.created_at <= handoffAt).length;
  const response = csat[csat.length - 1] ?? null;
  const replyValues = replies.map((e) => e.value ?? 0);
  const replyBh = replies.map((e) => e.value_in_business_hours ?? 0);
  const humanIntervention = humanMessages > 0;
  const waitingNow = c.waiting_since !== null && c.status !== 1;
  const serviceLevel = botResolved && !humanIntervention ? 'bot' : humanIntervention ? (firstBot ? 'bot + humano' : 'humano') : 'sem resposta';
  const workingHours = parseWorkingHours(c.working_hours);
  const businessHours = inBusinessHours(c.created_at, Boolean(c.working_hours_enabled), workingHours, c.inbox_timezone);
  const first = messages[0] ?? null;
  const last = messages[messages.length - 1] ?? null;
  const labels = c.labels ? c.labels.split(',').map((s) => s.trim()).filter(Boolean) : [];

  return {
    conversation_id: c.id,
    display_id: c.display_id,
    inbox_id: c.inbox_id,
    inbox_name: c.inbox_name,
    channel_type: c.channel_type,
    channel: channelLabel(c.channel_type),
    bot_inbox: c.bot_active ? 1 : 0,
    team_id: c.team_id,
    team_name: c.team_name,
    assignee_id: c.assignee_id,
    assignee_name: c.assignee_id === null ? null : (c.assignee_name ?? `Agente #${c.assignee_id} (removido)`),
    contact_id: c.contact_id,
    contact_name: c.contact_name,
    contact_email: c.contact_email,
    contact_phone: c.contact_phone,
    contact_type: c.contact_type === null ? null : (CONTACT_TYPE[c.contact_type] ?? null),
    contact_city: c.contact_city,
    status: c.status,
    status_label: statusLabel(c.status),
    priority: c.priority,
    priority_label: priorityLabel(c.priority),
    labels: labels.join(', '),
    label_count: labels.length,
    first_label: labels[0] ?? null,
    created_at: c.created_at,
    updated_at: c.updated_at,
    last_activity_at: c.last_activity_at,
    first_reply_created_at: c.first_reply_created_at,
    waiting_since: c.waiting_since,
    snoozed_until: c.snoozed_until,
    waiting_now: waitingNow ? 1 : 0,
    unattended_now: c.status === 0 && (c.first_reply_created_at === null || c.waiting_since !== null) ? 1 : 0,
    created_day: created.day,
    created_week: week,
    created_month: month,
    created_quarter: quarter,
    created_year: Number(created.day.slice(0, 4)),
    created_hour: created.hour,
    created_weekday: created.weekday,
    created_weekday_label: WEEKDAYS[created.weekday],
    period_of_day: periodOfDay(created.hour),
    is_weekend: created.weekday === 0 || created.weekday === 6 ? 1 : 0,
    created_in_business_hours: businessHours === null ? null : businessHours ? 1 : 0,
    messages_count: messages.length,
    incoming_count: incoming,
    outgoing_count: outgoing,
    public_outgoing_count: publicOutgoing,
    private_notes_count: privateNotes,
    activity_count: activity,
    template_count: template,
    human_messages_count: humanMessages,
    human_replies_count: humanReplies,
    bot_messages_count: botMessages,
    contact_messages_count: contactMessages,
    csat_messages_count: csatMessages,
    agents_involved: agents.size,
    incoming_chars: incomingChars,
    outgoing_chars: outgoingChars,
    avg_incoming_chars: incoming ? incomingChars / incoming : null,
    first_message_at: first?.created_at ?? null,
    last_message_at: last?.created_at ?? null,
    duration_seconds: first && last ? (last.created_at - first.created_at) / 1000 : null,
    first_incoming_at: firstIncoming?.created_at ?? null,
    last_incoming_at: lastIncoming?.created_at ?? null,
    first_bot_reply_at: firstBot?.created_at ?? null,
    first_human_reply_at: firstHuman?.created_at ?? null,
    last_human_reply_at: lastHuman?.created_at ?? null,
    first_incoming_preview: preview(firstIncoming?.content ?? null),
    last_message_preview: preview(last?.content ?? null),
    first_response_seconds: firstResponse?.value ?? null,
    first_response_bh_seconds: firstResponse?.value_in_business_hours ?? null,
    first_response_agent_id: firstResponse?.user_id ?? null,
    first_response_day: firstResponse ? calendar.dayOf(firstResponse.created_at) : null,
    first_response_bucket: durationBucket(firstResponse?.value ?? null),
    first_bot_response_seconds: firstBot ? (firstBot.created_at - c.created_at) / 1000 : null,
    reply_time_count: replies.length,
    reply_time_avg_seconds: avg(replyValues),
    reply_time_max_seconds: replyValues.length ? Math.max(...replyValues) : null,
    reply_time_bh_avg_seconds: avg(replyBh),
    resolutions_count: resolutions.length,
    first_resolved_at: resolvedAt(firstResolution),
    last_resolved_at: resolvedAt(lastResolution),
    first_resolution_seconds: firstResolution?.value ?? null,
    last_resolution_seconds: lastResolution?.value ?? null,
    last_resolution_bh_seconds: lastResolution?.value_in_business_hours ?? null,
    resolution_bucket: durationBucket(lastResolution?.value ?? null),
    resolved_day: resolvedLocal?.day ?? null,
    resolved_hour: resolvedLocal?.hour ?? null,
    reopen_count: opened.length,
    reopened: opened.length ? 1 : 0,
    handoff: handoff ? 1 : 0,
    handoff_at: handoffAt,
    time_to_handoff_seconds: handoff?.value ?? null,
    handoff_to_human_seconds: handoffAt !== null && firstHuman ? Math.max(0, (firstHuman.created_at - handoffAt) / 1000) : null,
    bot_messages_before_handoff: botMessagesBeforeHandoff,
    bot_resolved: botResolved ? 1 : 0,
    bot_only: c.bot_active && !humanIntervention ? 1 : 0,
    human_intervention: humanIntervention ? 1 : 0,
    resolved_without_human: resolutions.length && !humanIntervention ? 1 : 0,
    service_level: serviceLevel,
    csat_sent: csatMessages ? 1 : 0,
    csat_rating: response?.rating ?? null,
    csat_feedback: response?.feedback_message ?? null,
    csat_category: csatCategory(response?.rating ?? null),
    csat_at: response?.created_at ?? null,
    csat_agent_id: response?.assigned_agent_id ?? null,
    csat_positive: response ? (response.rating >= 4 ? 1 : 0) : null,
    derived_at: now,
  };
}
