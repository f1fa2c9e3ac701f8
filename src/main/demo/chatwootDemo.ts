import { generateChatwoot, type ChatwootBase, type Row } from '../sim/chatwoot';
import { MirrorWriter } from '../core/sync/mirrorWriter';
import type { Connector, StreamPage, SyncStream } from '../core/sync/types';
import type { BusinessCalendar } from '../core/time/businessDate';
import { deriveConversationFacts } from '../core/sources/chatwoot/facts';
import { rebuildRollups } from '../core/sources/chatwoot/rollups';
import type { AnyChatwootRecord, AgentRecord, ContactRecord, ConversationRecord, CsatRecord, EventRecord, InboxRecord, LabelRecord, MessageRecord, TeamRecord } from '../core/sources/chatwoot/records';
import { tableSpecs } from '../core/sources/chatwoot/records';
import { markDirty, markUnseenDirty, type TableStreamSpec } from '../core/sources/chatwoot/tableStream';

/**
 * Demo mode: a desktop has no Chatwoot PostgreSQL, so the demo company's "Chatwoot" is the test
 * generator's rows, fed through the same mapping, mirror writer, sync engine and analytics
 * derivation as a real sync (only the reading differs). Every run re-reads the whole dataset, which
 * moves with the clock: its last conversation is minutes old.
 */

export const DEMO_CONVERSATIONS = 3000;
const PAGE = 2000;

const ms = (value: unknown): number | null => (value instanceof Date ? value.getTime() : value === null || value === undefined ? null : Number(value));
const num = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
const str = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

interface DemoData {
  base: ChatwootBase;
  bundles: ReturnType<typeof generateChatwoot>['bundles'];
}

function inboxes(data: DemoData, account: number): InboxRecord[] {
  return data.base.inboxes
    .filter((i) => i.account_id === account)
    .map((i) => ({
      id: Number(i.id),
      name: String(i.name),
      channel_type: str(i.channel_type),
      timezone: str(i.timezone),
      working_hours_enabled: Boolean(i.working_hours_enabled),
      csat_survey_enabled: Boolean(i.csat_survey_enabled),
      bot_active: data.base.agent_bot_inboxes.some((b) => b.inbox_id === i.id && b.status === 0),
      working_hours: data.base.working_hours
        .filter((w) => w.inbox_id === i.id)
        .sort((a, b) => Number(a.day_of_week) - Number(b.day_of_week))
        .map((w) => ({
          day: w.day_of_week,
          closed: w.closed_all_day,
          all_day: w.open_all_day,
          open: w.open_hour === null ? null : Number(w.open_hour) * 60 + Number(w.open_minutes),
          close: w.close_hour === null ? null : Number(w.close_hour) * 60 + Number(w.close_minutes),
        })),
      created_at: ms(i.created_at) as number,
      updated_at: ms(i.updated_at) as number,
    }));
}

function agents(data: DemoData, account: number): AgentRecord[] {
  const users = new Map(data.base.users.map((u) => [u.id, u]));
  return data.base.account_users.flatMap((au) => {
    const u = users.get(au.user_id);
    if (au.account_id !== account || !u) return [];
    return [
      {
        id: Number(u.id),
        name: String(u.name),
        display_name: str(u.display_name),
        email: str(u.email),
        role: num(au.role),
        availability: num(au.availability),
        active_at: ms(au.active_at),
        updated_at: Math.max(ms(u.updated_at) ?? 0, ms(au.updated_at) ?? 0),
      },
    ];
  });
}

function conversationRecord(row: Row, labels: string[]): ConversationRecord {
  return {
    id: Number(row.id),
    display_id: Number(row.display_id),
    inbox_id: Number(row.inbox_id),
    status: Number(row.status),
    assignee_id: num(row.assignee_id),
    team_id: num(row.team_id),
    contact_id: num(row.contact_id),
    priority: num(row.priority),
    created_at: ms(row.created_at) as number,
    updated_at: ms(row.updated_at) as number,
    last_activity_at: ms(row.last_activity_at),
    first_reply_created_at: ms(row.first_reply_created_at),
    waiting_since: ms(row.waiting_since),
    snoozed_until: ms(row.snoozed_until),
    labels,
  };
}

function messageRecord(row: Row): MessageRecord {
  const extra = (row.additional_attributes ?? {}) as Record<string, unknown>;
  return {
    id: Number(row.id),
    conversation_id: Number(row.conversation_id),
    inbox_id: Number(row.inbox_id),
    message_type: Number(row.message_type),
    content_type: Number(row.content_type),
    private: Boolean(row.private),
    sender_type: str(row.sender_type),
    sender_id: num(row.sender_id),
    status: num(row.status),
    content: str(row.content),
    content_attributes: (row.content_attributes ?? null) as Record<string, unknown> | null,
    campaign_id: str(extra.campaign_id),
    created_at: ms(row.created_at) as number,
    updated_at: ms(row.updated_at) as number,
  };
}

/** The records of one table, for the account, in (updated_at, id) order like the real cursor. */
function* tableRecords(name: string, data: DemoData, account: number): Generator<AnyChatwootRecord> {
  const b = data.base;
  switch (name) {
    case 'inboxes':
      yield* inboxes(data, account);
      return;
    case 'agents':
      yield* agents(data, account);
      return;
    case 'teams':
      for (const t of b.teams.filter((t) => t.account_id === account)) {
        yield { id: Number(t.id), name: String(t.name), description: str(t.description), updated_at: ms(t.updated_at) as number } satisfies TeamRecord;
      }
      return;
    case 'labels':
      for (const l of b.labels.filter((l) => l.account_id === account)) {
        yield { id: Number(l.id), title: str(l.title), color: str(l.color), description: str(l.description), updated_at: ms(l.updated_at) as number } satisfies LabelRecord;
      }
      return;
    case 'contacts':
      for (const c of b.contacts.filter((c) => c.account_id === account)) {
        yield {
          id: Number(c.id),
          name: str(c.name),
          email: str(c.email),
          phone_number: str(c.phone_number),
          contact_type: num(c.contact_type),
          blocked: Boolean(c.blocked),
          city: str((c.additional_attributes as Record<string, unknown> | null)?.city),
          created_at: ms(c.created_at) as number,
          updated_at: ms(c.updated_at) as number,
        } satisfies ContactRecord;
      }
      return;
  }
  const tags = new Map(b.tags.map((t) => [t.id, String(t.name)]));
  for (const bundle of data.bundles) {
    if (bundle.conversation.account_id !== account) continue;
    if (name === 'conversations') {
      const labels = bundle.taggings.map((t) => tags.get(t.tag_id)).filter((t): t is string => Boolean(t)).sort();
      yield conversationRecord(bundle.conversation, labels);
    } else if (name === 'messages') yield* bundle.messages.map(messageRecord);
    else if (name === 'csat') {
      for (const r of bundle.csatResponses) {
        yield {
          id: Number(r.id), conversation_id: Number(r.conversation_id), message_id: Number(r.message_id), rating: Number(r.rating), feedback_message: str(r.feedback_message),
          contact_id: num(r.contact_id), assigned_agent_id: num(r.assigned_agent_id), created_at: ms(r.created_at) as number, updated_at: ms(r.updated_at) as number,
        } satisfies CsatRecord;
      }
    } else if (name === 'events') {
      for (const e of bundle.reportingEvents) {
        yield {
          id: Number(e.id), name: String(e.name), value: num(e.value), value_in_business_hours: num(e.value_in_business_hours), inbox_id: num(e.inbox_id),
          user_id: num(e.user_id), conversation_id: num(e.conversation_id), event_start_time: ms(e.event_start_time), event_end_time: ms(e.event_end_time),
          created_at: ms(e.created_at) as number, updated_at: ms(e.updated_at) as number,
        } satisfies EventRecord;
      }
    }
  }
}

interface DemoCursor {
  scan: number;
  offset: number;
}

function demoStream(spec: TableStreamSpec<{ id: number; updated_at: number }>, data: () => DemoData, account: number): SyncStream<DemoCursor> {
  let rows: Array<{ id: number; updated_at: number }> | null = null;
  let writer: MirrorWriter | null = null;
  return {
    name: spec.name,
    label: spec.label,
    unit: spec.unit,
    begin: () => ({ scan: Date.now(), offset: 0 }),
    async fetch(cursor, signal) {
      signal.throwIfAborted();
      rows ??= [...tableRecords(spec.name, data(), account)].sort((a, b) => a.updated_at - b.updated_at || a.id - b.id);
      const records = rows.slice(cursor.offset, cursor.offset + PAGE);
      const done = cursor.offset + PAGE >= rows.length;
      return { records, next: { scan: cursor.scan, offset: done ? 0 : cursor.offset + PAGE }, done, estimatedTotal: rows.length } satisfies StreamPage<DemoCursor>;
    },
    write(db, records, cursor) {
      writer ??= new MirrorWriter(db, spec.mirror);
      const typed = records as Array<{ id: number; updated_at: number }>;
      const counts = writer.write(typed.map((r) => spec.row(r)), cursor.scan, true);
      if (spec.extraOf) spec.writeExtra?.(db, typed.map((r) => spec.extraOf?.(r)));
      markDirty(db, typed, spec);
      return counts;
    },
    complete(db, ended) {
      if (!writer) return 0;
      if (!writer.metAll(ended.scan)) markUnseenDirty(db, spec, ended.scan);
      return writer.deleteUnseen(ended.scan);
    },
  };
}

/** The demo company's Chatwoot: generated data, no database, no keychain. */
export function createDemoChatwootConnector(calendar: BusinessCalendar, options: { conversations?: number; seed?: number } = {}): Connector {
  let data: DemoData | null = null;
  const load = () => {
    if (!data) {
      // The data ends now (to the minute), so "últimos 7 dias" always has conversations.
      const generated = generateChatwoot({ conversations: options.conversations ?? DEMO_CONVERSATIONS, seed: options.seed ?? 1, end: new Date(Math.floor(Date.now() / 60_000) * 60_000) });
      data = { base: generated.base, bundles: generated.bundles };
    }
    return data;
  };
  const account = 1;
  const specs = tableSpecs(account, calendar);
  const ordered = [specs.inboxes, specs.agents, specs.teams, specs.labels, specs.contacts, specs.conversations, specs.messages, specs.csat, specs.events];
  return {
    source: 'chatwoot',
    label: 'Chatwoot (demonstração)',
    streams: ordered.map((spec) => demoStream(spec as unknown as TableStreamSpec<{ id: number; updated_at: number }>, load, account)),
    async testConnection() {
      return 'Chatwoot de demonstração: dados gerados no próprio computador (nenhum servidor é usado).';
    },
    afterSync(db) {
      deriveConversationFacts(db, calendar);
      rebuildRollups(db);
    },
  };
}
