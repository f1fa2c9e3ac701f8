import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { BusinessCalendar } from '../../time/businessDate';
import type { ChatwootSession } from './session';
import type { TableStreamSpec } from './tableStream';

/**
 * The Chatwoot tables the connector reads, as the session returns them (timestamps already epoch
 * ms, bigints numbers), and how each becomes a mirror row. Only the configured account is read.
 */

export interface InboxRecord {
  id: number;
  name: string;
  channel_type: string | null;
  timezone: string | null;
  working_hours_enabled: boolean | null;
  csat_survey_enabled: boolean | null;
  bot_active: boolean;
  working_hours: unknown;
  created_at: number;
  updated_at: number;
}

export interface AgentRecord {
  id: number;
  name: string;
  display_name: string | null;
  email: string | null;
  role: number | null;
  availability: number | null;
  active_at: number | null;
  updated_at: number;
}

export interface TeamRecord {
  id: number;
  name: string;
  description: string | null;
  updated_at: number;
}

export interface LabelRecord {
  id: number;
  title: string | null;
  color: string | null;
  description: string | null;
  updated_at: number;
}

export interface ContactRecord {
  id: number;
  name: string | null;
  email: string | null;
  phone_number: string | null;
  contact_type: number | null;
  blocked: boolean;
  city: string | null;
  created_at: number;
  updated_at: number;
}

export interface ConversationRecord {
  id: number;
  display_id: number;
  inbox_id: number;
  status: number;
  assignee_id: number | null;
  team_id: number | null;
  contact_id: number | null;
  priority: number | null;
  created_at: number;
  updated_at: number;
  last_activity_at: number | null;
  first_reply_created_at: number | null;
  waiting_since: number | null;
  snoozed_until: number | null;
  /** Filled by `enrich`: the labels the conversation carries (taggings → tags). */
  labels?: string[];
}

export interface MessageRecord {
  id: number;
  conversation_id: number;
  inbox_id: number;
  message_type: number;
  content_type: number;
  private: boolean;
  sender_type: string | null;
  sender_id: number | null;
  status: number | null;
  content: string | null;
  content_attributes: Record<string, unknown> | null;
  campaign_id: string | null;
  created_at: number;
  updated_at: number;
}

export interface CsatRecord {
  id: number;
  conversation_id: number;
  message_id: number;
  rating: number;
  feedback_message: string | null;
  contact_id: number | null;
  assigned_agent_id: number | null;
  created_at: number;
  updated_at: number;
}

export interface EventRecord {
  id: number;
  name: string;
  value: number | null;
  value_in_business_hours: number | null;
  inbox_id: number | null;
  user_id: number | null;
  conversation_id: number | null;
  event_start_time: number | null;
  event_end_time: number | null;
  created_at: number;
  updated_at: number;
}

export type AnyChatwootRecord = InboxRecord | AgentRecord | TeamRecord | LabelRecord | ContactRecord | ConversationRecord | MessageRecord | CsatRecord | EventRecord;

const bool = (v: boolean | null | undefined) => (v ? 1 : 0);
const hash = (value: unknown) => createHash('sha1').update(JSON.stringify(value)).digest('base64');

/** Local hour (0–23) and weekday (0 = Sunday) of an instant in the company's zone. */
export function localParts(calendar: BusinessCalendar, ms: number): { day: string; hour: number; weekday: number } {
  const local = ms + calendar.offsetAt(ms);
  const dayNumber = Math.floor(local / 86_400_000);
  return { day: calendar.dayOf(ms), hour: Math.floor((local - dayNumber * 86_400_000) / 3_600_000), weekday: (((dayNumber + 4) % 7) + 7) % 7 };
}

/**
 * A human reply as Chatwoot's `Message#human_response?` defines it (reference §3): outgoing, sent
 * by a User, not private, not from an automation rule or a campaign.
 */
export function isHumanReply(m: Pick<MessageRecord, 'message_type' | 'sender_type' | 'private' | 'content_attributes' | 'campaign_id'>): boolean {
  if (m.message_type !== 1 || m.sender_type !== 'User' || m.private) return false;
  const rule = m.content_attributes?.automation_rule_id;
  return (rule === undefined || rule === null || rule === '') && !m.campaign_id;
}

export function tableSpecs(accountId: number, calendar: BusinessCalendar): {
  inboxes: TableStreamSpec<InboxRecord>;
  agents: TableStreamSpec<AgentRecord>;
  teams: TableStreamSpec<TeamRecord>;
  labels: TableStreamSpec<LabelRecord>;
  contacts: TableStreamSpec<ContactRecord>;
  conversations: TableStreamSpec<ConversationRecord>;
  messages: TableStreamSpec<MessageRecord>;
  csat: TableStreamSpec<CsatRecord>;
  events: TableStreamSpec<EventRecord>;
} {
  const account = Math.trunc(accountId);
  let labelsDelete: Database.Statement | null = null;
  let labelsInsert: Database.Statement | null = null;
  return {
    inboxes: {
      name: 'inboxes',
      label: 'Caixas de entrada',
      unit: 'caixas',
      incremental: false,
      pageSize: 1000,
      select: `SELECT t.id, t.name, t.channel_type, t.timezone, t.working_hours_enabled, t.csat_survey_enabled, t.created_at, t.updated_at,
          EXISTS (SELECT 1 FROM agent_bot_inboxes b WHERE b.inbox_id = t.id AND b.status = 0) AS bot_active,
          (SELECT json_agg(json_build_object('day', w.day_of_week, 'closed', w.closed_all_day, 'all_day', w.open_all_day,
              'open', w.open_hour * 60 + w.open_minutes, 'close', w.close_hour * 60 + w.close_minutes) ORDER BY w.day_of_week)
             FROM working_hours w WHERE w.inbox_id = t.id) AS working_hours
        FROM inboxes t WHERE t.account_id = ${account}`,
      mirror: {
        table: 'cw_inboxes',
        columns: ['id', 'name', 'channel_type', 'timezone', 'working_hours_enabled', 'csat_survey_enabled', 'bot_active', 'working_hours', 'created_at', 'updated_at', 'version'],
        versionColumn: 'version',
      },
      row: (r) => {
        const values = [r.id, r.name, r.channel_type, r.timezone, bool(r.working_hours_enabled), bool(r.csat_survey_enabled), bool(r.bot_active), r.working_hours ? JSON.stringify(r.working_hours) : null, r.created_at, r.updated_at];
        return [...values, hash(values)];
      },
    },
    agents: {
      name: 'agents',
      label: 'Agentes',
      unit: 'agentes',
      incremental: false,
      pageSize: 1000,
      select: `SELECT * FROM (SELECT u.id, u.name, u.display_name, u.email, au.role, au.availability, au.active_at,
            greatest(u.updated_at, au.updated_at) AS updated_at
          FROM users u JOIN account_users au ON au.user_id = u.id AND au.account_id = ${account}) t WHERE true`,
      mirror: { table: 'cw_agents', columns: ['id', 'name', 'display_name', 'email', 'role', 'availability', 'active_at', 'updated_at', 'version'], versionColumn: 'version' },
      row: (r) => {
        const values = [r.id, r.name, r.display_name, r.email, r.role, r.availability, r.active_at, r.updated_at];
        return [...values, hash(values)];
      },
    },
    teams: {
      name: 'teams',
      label: 'Times',
      unit: 'times',
      incremental: false,
      pageSize: 1000,
      select: `SELECT t.id, t.name, t.description, t.updated_at FROM teams t WHERE t.account_id = ${account}`,
      mirror: { table: 'cw_teams', columns: ['id', 'name', 'description', 'updated_at', 'version'], versionColumn: 'version' },
      row: (r) => {
        const values = [r.id, r.name, r.description, r.updated_at];
        return [...values, hash(values)];
      },
    },
    labels: {
      name: 'labels',
      label: 'Etiquetas',
      unit: 'etiquetas',
      incremental: false,
      pageSize: 1000,
      select: `SELECT t.id, t.title, t.color, t.description, t.updated_at FROM labels t WHERE t.account_id = ${account}`,
      mirror: { table: 'cw_labels', columns: ['id', 'title', 'color', 'description', 'updated_at', 'version'], versionColumn: 'version' },
      row: (r) => {
        const values = [r.id, r.title ?? '', r.color, r.description, r.updated_at];
        return [...values, hash(values)];
      },
    },
    contacts: {
      name: 'contacts',
      label: 'Contatos',
      unit: 'contatos',
      incremental: true,
      pageSize: 5000,
      select: `SELECT t.id, t.name, t.email, t.phone_number, t.contact_type, t.blocked, t.additional_attributes->>'city' AS city, t.created_at, t.updated_at
        FROM contacts t WHERE t.account_id = ${account}`,
      mirror: { table: 'cw_contacts', columns: ['id', 'name', 'email', 'phone_number', 'contact_type', 'blocked', 'city', 'created_at', 'updated_at'], versionColumn: 'updated_at' },
      row: (r) => [r.id, r.name, r.email, r.phone_number, r.contact_type, bool(r.blocked), r.city, r.created_at, r.updated_at],
    },
    conversations: {
      name: 'conversations',
      label: 'Conversas',
      unit: 'conversas',
      incremental: true,
      pageSize: 2000,
      select: `SELECT t.id, t.display_id, t.inbox_id, t.status, t.assignee_id, t.team_id, t.contact_id, t.priority,
          t.created_at, t.updated_at, t.last_activity_at, t.first_reply_created_at, t.waiting_since, t.snoozed_until
        FROM conversations t WHERE t.account_id = ${account}`,
      mirror: {
        table: 'cw_conversations',
        columns: [
          'id', 'display_id', 'inbox_id', 'status', 'assignee_id', 'team_id', 'contact_id', 'priority', 'labels', 'created_at', 'updated_at',
          'last_activity_at', 'first_reply_created_at', 'waiting_since', 'snoozed_until', 'day', 'hour', 'weekday',
        ],
        versionColumn: 'updated_at',
      },
      row: (r) => {
        const at = localParts(calendar, r.created_at);
        return [
          r.id, r.display_id, r.inbox_id, r.status, r.assignee_id, r.team_id, r.contact_id, r.priority, (r.labels ?? []).join(', '), r.created_at, r.updated_at,
          r.last_activity_at, r.first_reply_created_at, r.waiting_since, r.snoozed_until, at.day, at.hour, at.weekday,
        ];
      },
      conversationOf: (r) => r.id,
      conversationColumn: 'id',
      async enrich(session, records) {
        const ids = records.map((r) => r.id);
        const { rows } = await session.client.query<{ id: number; name: string }>(
          `SELECT tg.taggable_id AS id, tags.name FROM taggings tg JOIN tags ON tags.id = tg.tag_id
            WHERE tg.taggable_type = 'Conversation' AND tg.context = 'labels' AND tg.taggable_id = ANY($1::int[]) ORDER BY tags.name`,
          [ids],
        );
        const byId = new Map<number, string[]>();
        for (const row of rows) {
          const list = byId.get(row.id) ?? [];
          list.push(row.name);
          byId.set(row.id, list);
        }
        for (const record of records) record.labels = byId.get(record.id) ?? [];
      },
      extraOf: (r) => [r.id, r.labels ?? []],
      writeExtra(db, extras) {
        labelsDelete ??= db.prepare('DELETE FROM cw_conversation_labels WHERE conversation_id = ?');
        labelsInsert ??= db.prepare('INSERT OR IGNORE INTO cw_conversation_labels (conversation_id, label) VALUES (?, ?)');
        for (const [id, labels] of extras as Array<[number, string[]]>) {
          labelsDelete.run(id);
          for (const label of labels) labelsInsert.run(id, label);
        }
      },
    },
    messages: {
      name: 'messages',
      label: 'Mensagens',
      unit: 'mensagens',
      incremental: true,
      pageSize: 5000,
      select: `SELECT t.id, t.conversation_id, t.inbox_id, t.message_type, t.content_type, t.private, t.sender_type, t.sender_id, t.status, t.content,
          t.content_attributes, t.additional_attributes->>'campaign_id' AS campaign_id, t.created_at, t.updated_at
        FROM messages t WHERE t.account_id = ${account}`,
      mirror: {
        table: 'cw_messages',
        columns: ['id', 'conversation_id', 'inbox_id', 'message_type', 'content_type', 'private', 'sender_type', 'sender_id', 'status', 'content', 'content_attributes', 'human_reply', 'created_at', 'updated_at', 'day'],
        versionColumn: 'updated_at',
      },
      row: (r) => {
        const attributes = r.content_attributes && Object.keys(r.content_attributes).length ? JSON.stringify(r.content_attributes) : null;
        return [
          r.id, r.conversation_id, r.inbox_id, r.message_type, r.content_type, bool(r.private), r.sender_type, r.sender_id, r.status, r.content, attributes,
          isHumanReply(r) ? 1 : 0, r.created_at, r.updated_at, calendar.dayOf(r.created_at),
        ];
      },
      dayOf: (r) => calendar.dayOf(r.created_at),
      conversationOf: (r) => r.conversation_id,
      conversationColumn: 'conversation_id',
    },
    csat: {
      name: 'csat',
      label: 'Pesquisas de satisfação',
      unit: 'respostas',
      incremental: true,
      pageSize: 5000,
      select: `SELECT t.id, t.conversation_id, t.message_id, t.rating, t.feedback_message, t.contact_id, t.assigned_agent_id, t.created_at, t.updated_at
        FROM csat_survey_responses t WHERE t.account_id = ${account}`,
      mirror: {
        table: 'cw_csat_responses',
        columns: ['id', 'conversation_id', 'message_id', 'rating', 'feedback_message', 'contact_id', 'assigned_agent_id', 'created_at', 'updated_at', 'day'],
        versionColumn: 'updated_at',
      },
      row: (r) => [r.id, r.conversation_id, r.message_id, r.rating, r.feedback_message, r.contact_id, r.assigned_agent_id, r.created_at, r.updated_at, calendar.dayOf(r.created_at)],
      conversationOf: (r) => r.conversation_id,
      conversationColumn: 'conversation_id',
    },
    events: {
      name: 'events',
      label: 'Eventos de relatório',
      unit: 'eventos',
      incremental: true,
      pageSize: 5000,
      select: `SELECT t.id, t.name, t.value, t.value_in_business_hours, t.inbox_id, t.user_id, t.conversation_id, t.event_start_time, t.event_end_time, t.created_at, t.updated_at
        FROM reporting_events t WHERE t.account_id = ${account}`,
      mirror: {
        table: 'cw_events',
        columns: ['id', 'name', 'value', 'value_in_business_hours', 'inbox_id', 'user_id', 'conversation_id', 'event_start_time', 'event_end_time', 'created_at', 'updated_at', 'day'],
        versionColumn: 'updated_at',
      },
      row: (r) => [
        r.id, r.name ?? '', r.value, r.value_in_business_hours, r.inbox_id, r.user_id, r.conversation_id, r.event_start_time, r.event_end_time, r.created_at, r.updated_at,
        calendar.dayOf(r.created_at),
      ],
      dayOf: (r) => calendar.dayOf(r.created_at),
      conversationOf: (r) => r.conversation_id,
      conversationColumn: 'conversation_id',
    },
  };
}

export type { ChatwootSession };
