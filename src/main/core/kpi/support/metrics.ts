import type { SupportMetrics, SupportScope } from '../../../../shared/support';
import type { Db } from '../../db/database';
import type { ScopeSql } from './scope';

/**
 * A range of local days [first, last] in the company's zone: the same rows as Chatwoot's half-open
 * instant range [first 00:00, last+1 00:00), because every counted row carries its local `day`.
 */
export interface DayRange {
  first: string;
  last: string;
}

export const OPEN_START = '0000-01-01';
export const OPEN_END = '9999-12-31';

const EVENT_NAMES = ['first_response', 'conversation_resolved', 'reply_time', 'conversation_bot_resolved'] as const;

/** Where the daily event roll-up can stand in for the events themselves (label scope cannot). */
export function eventRollupFilter(scope: SupportScope): [string, unknown[]] | null {
  switch (scope.kind) {
    case 'account':
      return ['', []];
    case 'inbox':
      return [' AND inbox_id = ?', [scope.id]];
    case 'agent':
      return [' AND user_id = ?', [scope.id]];
    case 'team':
      return [' AND team_id = ?', [scope.id]];
    case 'label':
      return null;
  }
}

/** Where the daily message roll-up can stand in for the messages (account and inbox scopes). */
export function messageRollupFilter(scope: SupportScope): [string, unknown[]] | null {
  if (scope.kind === 'account') return ['', []];
  if (scope.kind === 'inbox') return [' AND inbox_id = ?', [scope.id]];
  return null;
}

export interface EventTotals {
  n: number;
  valueN: number;
  valueSum: number;
}

/** Per event name: how many, and the sum and count of values behind the average. */
export function eventTotals(db: Db, range: DayRange, scope: SupportScope, sql: ScopeSql, businessHours: boolean): Map<string, EventTotals> {
  const rollup = eventRollupFilter(scope);
  const names = EVENT_NAMES.map(() => '?').join(', ');
  const rows = rollup
    ? (db
        .prepare(
          `SELECT name, total(n) AS n, total(${businessHours ? 'bh_n' : 'value_n'}) AS valueN, total(${businessHours ? 'bh_sum' : 'value_sum'}) AS valueSum
           FROM cw_event_days WHERE name IN (${names}) AND day >= ? AND day <= ?${rollup[0]} GROUP BY name`,
        )
        .all(...EVENT_NAMES, range.first, range.last, ...rollup[1]) as Array<{ name: string } & EventTotals>)
    : (db
        .prepare(
          `SELECT e.name AS name, count(*) AS n, count(${businessHours ? 'e.value_in_business_hours' : 'e.value'}) AS valueN,
             total(${businessHours ? 'e.value_in_business_hours' : 'e.value'}) AS valueSum
           FROM cw_events e WHERE e.name IN (${names}) AND e.day >= ? AND e.day <= ?${sql.events[0]} GROUP BY e.name`,
        )
        .all(...EVENT_NAMES, range.first, range.last, ...sql.events[1]) as Array<{ name: string } & EventTotals>);
  return new Map(rows.map((r) => [r.name, { n: r.n, valueN: r.valueN, valueSum: r.valueSum }]));
}

/** Incoming and outgoing messages of the range: from the daily roll-up where the scope allows. */
export function messageCounts(db: Db, range: DayRange, scope: SupportScope, sql: ScopeSql): { incoming: number | null; outgoing: number | null } {
  const rollup = messageRollupFilter(scope);
  return (
    rollup
      ? db
          .prepare(
            `SELECT total(n) FILTER (WHERE message_type = 0) AS incoming, total(n) FILTER (WHERE message_type = 1) AS outgoing
             FROM cw_message_days WHERE day >= ? AND day <= ? AND message_type IN (0, 1)${rollup[0]}`,
          )
          .get(range.first, range.last, ...rollup[1])
      : db
          .prepare(
            `SELECT count(*) FILTER (WHERE m.message_type = 0) AS incoming, count(*) FILTER (WHERE m.message_type = 1) AS outgoing
             FROM cw_messages m WHERE m.day >= ? AND m.day <= ? AND m.message_type IN (0, 1)${sql.messages[0]}`,
          )
          .get(range.first, range.last, ...sql.messages[1])
  ) as { incoming: number | null; outgoing: number | null };
}

const average = (t: EventTotals | undefined) => (t && t.valueN ? t.valueSum / t.valueN : null);

/**
 * The seven report metrics plus the bot counts (reference §4, §5), from the range's conversation
 * count and its event totals by name; messages and bot handoffs are read here.
 */
export function assembleMetrics(db: Db, range: DayRange, scope: SupportScope, sql: ScopeSql, conversations: number, events: Map<string, EventTotals>): SupportMetrics {
  const messages = messageCounts(db, range, scope, sql);
  const handoffs = db
    .prepare(
      `SELECT count(DISTINCT e.conversation_id) FROM cw_events e JOIN cw_conversations conv ON conv.id = e.conversation_id
       WHERE e.name = 'conversation_bot_handoff' AND e.day >= ? AND e.day <= ?${sql.events[0]}`,
    )
    .pluck()
    .get(range.first, range.last, ...sql.events[1]) as number;
  return {
    conversations_count: conversations,
    incoming_messages_count: messages.incoming ?? 0,
    outgoing_messages_count: messages.outgoing ?? 0,
    avg_first_response_time: average(events.get('first_response')),
    avg_resolution_time: average(events.get('conversation_resolved')),
    avg_reply_time: average(events.get('reply_time')),
    resolutions_count: events.get('conversation_resolved')?.n ?? 0,
    bot_resolutions_count: events.get('conversation_bot_resolved')?.n ?? 0,
    bot_handoffs_count: handoffs ?? 0,
    first_response_count: events.get('first_response')?.valueN ?? 0,
    reply_count: events.get('reply_time')?.valueN ?? 0,
  };
}

/** The summary metrics of any range and scope (the previous period). */
export function summaryMetrics(db: Db, range: DayRange, scope: SupportScope, sql: ScopeSql, businessHours: boolean): SupportMetrics {
  const [where, params] = sql.conversations;
  const conversations = (db.prepare(`SELECT count(*) FROM cw_conversations c WHERE c.day >= ? AND c.day <= ?${where}`).pluck().get(range.first, range.last, ...params) as number) ?? 0;
  return assembleMetrics(db, range, scope, sql, conversations, eventTotals(db, range, scope, sql, businessHours));
}

/** Chatwoot's frontend rounding: `(x).toFixed(2)` read back as a number. */
export const toFixed2 = (x: number): number => Number(x.toFixed(2));

export interface CsatSummary {
  total: number;
  sent: number;
  satisfaction: number | null;
  responseRate: number | null;
  ratings: Array<{ rating: number; count: number; percent: number | null }>;
}

/**
 * CSAT cards (reference §4): responses created in the range within the scope; the response
 * rate's denominator is every survey message (content_type 9) sent in the range, account-wide.
 */
export function csatSummary(db: Db, range: DayRange, sql: ScopeSql): CsatSummary {
  const [rWhere, rParams] = sql.csat;
  const rows = db
    .prepare(`SELECT r.rating AS rating, count(*) AS n FROM cw_csat_responses r WHERE r.day >= ? AND r.day <= ?${rWhere} GROUP BY r.rating`)
    .all(range.first, range.last, ...rParams) as Array<{ rating: number; n: number }>;
  const sent = (db.prepare('SELECT total(n) FROM cw_message_days WHERE day >= ? AND day <= ? AND csat = 1').pluck().get(range.first, range.last) as number) ?? 0;
  const byRating = new Map(rows.map((r) => [r.rating, r.n]));
  const total = rows.reduce((sum, r) => sum + r.n, 0);
  const positive = (byRating.get(4) ?? 0) + (byRating.get(5) ?? 0);
  return {
    total,
    sent,
    satisfaction: total ? toFixed2((positive * 100) / total) : null,
    responseRate: sent ? toFixed2((total * 100) / sent) : null,
    ratings: [1, 2, 3, 4, 5].map((rating) => {
      const n = byRating.get(rating) ?? 0;
      return { rating, count: n, percent: total ? toFixed2((n * 100) / total) : null };
    }),
  };
}
