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
  'fr_sum', 'fr_n', 'fr_bh_sum', 'fr_bh_n', 'res_sum', 'res_n', 'res_bh_sum', 'res_bh_n', 'reply_sum', 'reply_n', 'reply_bh_sum', 'reply_bh_n',
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
  day: string;
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

/** Per-conversation message tallies, order-independent (rows arrive in any order). */
interface MessageTally {
  n: number;
  incoming: number;
  outgoing: number;
  publicOutgoing: number;
  privateNotes: number;
  activity: number;
  template: number;
  human: number;
  humanReplies: number;
  bot: number;
  contact: number;
  csat: number;
  agents: Set<number>;
  incomingChars: number;
  outgoingChars: number;
  first: [number, number] | null;
  last: [number, number] | null;
  firstIncoming: [number, number] | null;
  lastIncomingAt: number | null;
  firstBotAt: number | null;
  firstHumanAt: number | null;
  lastHumanAt: number | null;
  botTimes: number[];
}

/** The first/last rows by (created_at, id) of a kind, and the sums behind each average. */
interface EventTally {
  firstResponse: EventRow | null;
  handoff: EventRow | null;
  firstResolution: EventRow | null;
  lastResolution: EventRow | null;
  resolutions: number;
  opened: number;
  botResolved: boolean;
  replyN: number;
  replySum: number;
  replyMax: number | null;
  replyBhSum: number;
  sums: Record<'fr' | 'res' | 'reply', { sum: number; n: number; bhSum: number; bhN: number }>;
}

interface EventRow {
  id: number;
  value: number | null;
  bh: number | null;
  user: number | null;
  end: number | null;
  at: number;
}

interface CsatRow {
  id: number;
  rating: number;
  feedback: string | null;
  agent: number | null;
  at: number;
}

const CHUNK = 2000;
const preview = (text: string | null) => (text ? text.replace(/\s+/g, ' ').trim().slice(0, 200) : null);
const isBot = (senderType: string | null) => senderType === 'AgentBot' || senderType === 'Captain::Assistant';
const before = (a: [number, number] | null, at: number, id: number) => !a || at < a[0] || (at === a[0] && id < a[1]);
const after = (a: [number, number] | null, at: number, id: number) => !a || at > a[0] || (at === a[0] && id > a[1]);
const earlier = (a: EventRow | null, b: EventRow) => !a || b.at < a.at || (b.at === a.at && b.id < a.id);

const newMessageTally = (): MessageTally => ({
  n: 0, incoming: 0, outgoing: 0, publicOutgoing: 0, privateNotes: 0, activity: 0, template: 0, human: 0, humanReplies: 0, bot: 0, contact: 0, csat: 0,
  agents: new Set(), incomingChars: 0, outgoingChars: 0, first: null, last: null, firstIncoming: null, lastIncomingAt: null, firstBotAt: null,
  firstHumanAt: null, lastHumanAt: null, botTimes: [],
});

const newEventTally = (): EventTally => ({
  firstResponse: null, handoff: null, firstResolution: null, lastResolution: null, resolutions: 0, opened: 0, botResolved: false,
  replyN: 0, replySum: 0, replyMax: null, replyBhSum: 0,
  sums: { fr: { sum: 0, n: 0, bhSum: 0, bhN: 0 }, res: { sum: 0, n: 0, bhSum: 0, bhN: 0 }, reply: { sum: 0, n: 0, bhSum: 0, bhN: 0 } },
});

type MessageTuple = [number, number, number, number, number, string | null, number | null, number, number | null, number];

function tallyMessage(t: MessageTally, m: MessageTuple): void {
  const [id, , type, contentType, priv, senderType, senderId, humanReply, length, at] = m;
  t.n++;
  if (contentType === 9) t.csat++;
  if (before(t.first, at, id)) t.first = [at, id];
  if (after(t.last, at, id)) t.last = [at, id];
  if (type === 0) {
    t.incoming++;
    t.incomingChars += length ?? 0;
    if (before(t.firstIncoming, at, id)) t.firstIncoming = [at, id];
    if (t.lastIncomingAt === null || at > t.lastIncomingAt) t.lastIncomingAt = at;
  } else if (type === 1) {
    t.outgoing++;
    if (priv) t.privateNotes++;
    else {
      t.publicOutgoing++;
      t.outgoingChars += length ?? 0;
    }
  } else if (type === 2) t.activity++;
  else if (type === 3) t.template++;
  if (senderType === 'Contact') t.contact++;
  if (type === 1 && !priv && senderType === 'User') {
    t.human++;
    if (senderId !== null) t.agents.add(senderId);
  }
  if (humanReply) {
    t.humanReplies++;
    if (t.firstHumanAt === null || at < t.firstHumanAt) t.firstHumanAt = at;
    if (t.lastHumanAt === null || at > t.lastHumanAt) t.lastHumanAt = at;
  }
  if (type === 1 && isBot(senderType)) {
    t.bot++;
    t.botTimes.push(at);
    if (t.firstBotAt === null || at < t.firstBotAt) t.firstBotAt = at;
  }
}

function tallyEvent(t: EventTally, name: string, e: EventRow): void {
  const add = (key: 'fr' | 'res' | 'reply') => {
    const s = t.sums[key];
    if (e.value !== null) {
      s.sum += e.value;
      s.n++;
    }
    if (e.bh !== null) {
      s.bhSum += e.bh;
      s.bhN++;
    }
  };
  switch (name) {
    case 'first_response':
      if (earlier(t.firstResponse, e)) t.firstResponse = e;
      add('fr');
      break;
    case 'reply_time':
      t.replyN++;
      t.replySum += e.value ?? 0;
      t.replyBhSum += e.bh ?? 0;
      t.replyMax = Math.max(t.replyMax ?? -Infinity, e.value ?? 0);
      add('reply');
      break;
    case 'conversation_resolved':
      t.resolutions++;
      if (earlier(t.firstResolution, e)) t.firstResolution = e;
      if (!t.lastResolution || e.at > t.lastResolution.at || (e.at === t.lastResolution.at && e.id > t.lastResolution.id)) t.lastResolution = e;
      add('res');
      break;
    case 'conversation_opened':
      t.opened++;
      break;
    case 'conversation_bot_handoff':
      if (earlier(t.handoff, e)) t.handoff = e;
      break;
    case 'conversation_bot_resolved':
      t.botResolved = true;
      break;
  }
}

/**
 * Recomputes the analytics rows of every conversation listed in cw_dirty, then empties it. Rows
 * are read as arrays in chunks of conversations and tallied in any order (no sort, no row
 * objects): a full sync derives 100k conversations in a few seconds with bounded memory.
 */
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
  const messages = db
    .prepare(
      `SELECT id, conversation_id, message_type, content_type, private, sender_type, sender_id, human_reply, length(content), created_at
       FROM cw_messages WHERE conversation_id IN (SELECT value FROM json_each(?))`,
    )
    .raw(true);
  const contents = db.prepare('SELECT id, content FROM cw_messages WHERE id IN (SELECT value FROM json_each(?))').raw(true);
  const events = db
    .prepare(
      `SELECT conversation_id, name, id, value, value_in_business_hours, user_id, event_end_time, created_at
       FROM cw_events WHERE conversation_id IN (SELECT value FROM json_each(?))`,
    )
    .raw(true);
  const csat = db
    .prepare('SELECT conversation_id, id, rating, feedback_message, assigned_agent_id, created_at FROM cw_csat_responses WHERE conversation_id IN (SELECT value FROM json_each(?))')
    .raw(true);
  const previous = db.prepare('SELECT conversation_id, team_id, labels, created_day FROM cw_conversation_facts WHERE conversation_id IN (SELECT value FROM json_each(?))').raw(true);
  const markDays = db.prepare('INSERT OR IGNORE INTO cw_dirty_days (day) SELECT value FROM json_each(?)');
  const markEventDays = db.prepare('INSERT OR IGNORE INTO cw_dirty_days (day) SELECT DISTINCT day FROM cw_events WHERE conversation_id IN (SELECT value FROM json_each(?))');
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
    const messageTallies = new Map<number, MessageTally>();
    for (const m of messages.all(ids) as MessageTuple[]) {
      let t = messageTallies.get(m[1]);
      if (!t) messageTallies.set(m[1], (t = newMessageTally()));
      tallyMessage(t, m);
    }
    const eventTallies = new Map<number, EventTally>();
    for (const [conversation, name, id, value, bh, user, end, at] of events.all(ids) as Array<[number, string, number, number | null, number | null, number | null, number | null, number]>) {
      let t = eventTallies.get(conversation);
      if (!t) eventTallies.set(conversation, (t = newEventTally()));
      tallyEvent(t, name, { id, value, bh, user, end, at });
    }
    const lastCsat = new Map<number, CsatRow>();
    for (const [conversation, id, rating, feedback, agent, at] of csat.all(ids) as Array<[number, number, number, string | null, number | null, number]>) {
      const current = lastCsat.get(conversation);
      if (!current || at > current.at || (at === current.at && id > current.id)) lastCsat.set(conversation, { id, rating, feedback, agent, at });
    }
    // Only two texts per conversation are shown (first customer message, last message).
    const wanted: number[] = [];
    for (const t of messageTallies.values()) {
      if (t.firstIncoming) wanted.push(t.firstIncoming[1]);
      if (t.last) wanted.push(t.last[1]);
    }
    const text = new Map((contents.all(JSON.stringify(wanted)) as Array<[number, string | null]>).map(([id, content]) => [id, content]));
    // Roll-ups to rebuild: the created day of every changed (or deleted) conversation, and — as team
    // and label reports follow what a conversation carries NOW — the days of all its events when its
    // team or labels changed.
    const before = new Map((previous.all(ids) as Array<[number, number | null, string | null, string]>).map(([id, team, labels, day]) => [id, { team, labels: labels ?? '', day }]));
    const days = new Set<string>([...before.values()].map((b) => b.day));
    for (const c of rows) days.add(c.day);
    markDays.run(JSON.stringify([...days]));
    const moved = rows
      .filter((c) => {
        const b = before.get(c.id);
        return b && (b.team !== c.team_id || b.labels !== (c.labels ?? ''));
      })
      .map((c) => c.id);
    if (moved.length) markEventDays.run(JSON.stringify(moved));
    // A conversation deleted at the source leaves no analytics row and no labels behind.
    removeFacts.run(ids);
    removeOrphanLabels.run(ids);
    for (const c of rows) {
      const fact = factOf(c, messageTallies.get(c.id) ?? newMessageTally(), eventTallies.get(c.id) ?? newEventTally(), lastCsat.get(c.id) ?? null, text, calendar, now);
      upsert.run(FACT_COLUMNS.map((k) => fact[k]));
      written++;
    }
    clearDirty.run(ids);
  }
  return written;
}

type Fact = Record<FactColumn, string | number | null>;

function factOf(c: ConversationRow, m: MessageTally, e: EventTally, response: CsatRow | null, text: Map<number, string | null>, calendar: BusinessCalendar, now: number): Fact {
  const created = localParts(calendar, c.created_at);
  const createdDayStart = Date.parse(`${created.day}T00:00:00Z`);
  const week = new Date(createdDayStart - created.weekday * 86_400_000).toISOString().slice(0, 10);
  const month = created.day.slice(0, 7);
  const quarter = `${created.day.slice(0, 4)}-T${Math.floor((Number(created.day.slice(5, 7)) - 1) / 3) + 1}`;
  const resolvedAt = (r: EventRow | null) => (r ? (r.end ?? r.at) : null);
  const resolvedLocal = e.lastResolution ? localParts(calendar, resolvedAt(e.lastResolution) as number) : null;
  const handoffAt = e.handoff ? (e.handoff.end ?? e.handoff.at) : null;
  const humanIntervention = m.human > 0;
  const waitingNow = c.waiting_since !== null && c.status !== 1;
  const serviceLevel = e.botResolved && !humanIntervention ? 'bot' : humanIntervention ? (m.firstBotAt !== null ? 'bot + humano' : 'humano') : 'sem resposta';
  const businessHours = inBusinessHours(c.created_at, Boolean(c.working_hours_enabled), parseWorkingHours(c.working_hours), c.inbox_timezone);
  const labels = c.labels ? c.labels.split(',').map((s) => s.trim()).filter(Boolean) : [];
  const frValue = e.firstResponse?.value ?? null;
  const lastResolutionValue = e.lastResolution?.value ?? null;
  const orNull = (sum: number, n: number) => (n ? sum : null);

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
    messages_count: m.n,
    incoming_count: m.incoming,
    outgoing_count: m.outgoing,
    public_outgoing_count: m.publicOutgoing,
    private_notes_count: m.privateNotes,
    activity_count: m.activity,
    template_count: m.template,
    human_messages_count: m.human,
    human_replies_count: m.humanReplies,
    bot_messages_count: m.bot,
    contact_messages_count: m.contact,
    csat_messages_count: m.csat,
    agents_involved: m.agents.size,
    incoming_chars: m.incomingChars,
    outgoing_chars: m.outgoingChars,
    avg_incoming_chars: m.incoming ? m.incomingChars / m.incoming : null,
    first_message_at: m.first?.[0] ?? null,
    last_message_at: m.last?.[0] ?? null,
    duration_seconds: m.first && m.last ? (m.last[0] - m.first[0]) / 1000 : null,
    first_incoming_at: m.firstIncoming?.[0] ?? null,
    last_incoming_at: m.lastIncomingAt,
    first_bot_reply_at: m.firstBotAt,
    first_human_reply_at: m.firstHumanAt,
    last_human_reply_at: m.lastHumanAt,
    first_incoming_preview: m.firstIncoming ? preview(text.get(m.firstIncoming[1]) ?? null) : null,
    last_message_preview: m.last ? preview(text.get(m.last[1]) ?? null) : null,
    first_response_seconds: frValue,
    first_response_bh_seconds: e.firstResponse?.bh ?? null,
    first_response_agent_id: e.firstResponse?.user ?? null,
    first_response_day: e.firstResponse ? calendar.dayOf(e.firstResponse.at) : null,
    first_response_bucket: durationBucket(frValue),
    first_bot_response_seconds: m.firstBotAt !== null ? (m.firstBotAt - c.created_at) / 1000 : null,
    reply_time_count: e.replyN,
    reply_time_avg_seconds: e.replyN ? e.replySum / e.replyN : null,
    reply_time_max_seconds: e.replyMax,
    reply_time_bh_avg_seconds: e.replyN ? e.replyBhSum / e.replyN : null,
    resolutions_count: e.resolutions,
    first_resolved_at: resolvedAt(e.firstResolution),
    last_resolved_at: resolvedAt(e.lastResolution),
    first_resolution_seconds: e.firstResolution?.value ?? null,
    last_resolution_seconds: lastResolutionValue,
    last_resolution_bh_seconds: e.lastResolution?.bh ?? null,
    resolution_bucket: durationBucket(lastResolutionValue),
    resolved_day: resolvedLocal?.day ?? null,
    resolved_hour: resolvedLocal?.hour ?? null,
    reopen_count: e.opened,
    reopened: e.opened ? 1 : 0,
    handoff: e.handoff ? 1 : 0,
    handoff_at: handoffAt,
    time_to_handoff_seconds: e.handoff?.value ?? null,
    handoff_to_human_seconds: handoffAt !== null && m.firstHumanAt !== null ? Math.max(0, (m.firstHumanAt - handoffAt) / 1000) : null,
    bot_messages_before_handoff: handoffAt === null ? null : m.botTimes.filter((at) => at <= handoffAt).length,
    bot_resolved: e.botResolved ? 1 : 0,
    bot_only: c.bot_active && !humanIntervention ? 1 : 0,
    human_intervention: humanIntervention ? 1 : 0,
    resolved_without_human: e.resolutions && !humanIntervention ? 1 : 0,
    service_level: serviceLevel,
    csat_sent: m.csat ? 1 : 0,
    csat_rating: response?.rating ?? null,
    csat_feedback: response?.feedback ?? null,
    csat_category: csatCategory(response?.rating ?? null),
    csat_at: response?.at ?? null,
    csat_agent_id: response?.agent ?? null,
    csat_positive: response ? (response.rating >= 4 ? 1 : 0) : null,
    fr_sum: orNull(e.sums.fr.sum, e.sums.fr.n),
    fr_n: e.sums.fr.n,
    fr_bh_sum: orNull(e.sums.fr.bhSum, e.sums.fr.bhN),
    fr_bh_n: e.sums.fr.bhN,
    res_sum: orNull(e.sums.res.sum, e.sums.res.n),
    res_n: e.sums.res.n,
    res_bh_sum: orNull(e.sums.res.bhSum, e.sums.res.bhN),
    res_bh_n: e.sums.res.bhN,
    reply_sum: orNull(e.sums.reply.sum, e.sums.reply.n),
    reply_n: e.sums.reply.n,
    reply_bh_sum: orNull(e.sums.reply.bhSum, e.sums.reply.bhN),
    reply_bh_n: e.sums.reply.bhN,
    derived_at: now,
  };
}
