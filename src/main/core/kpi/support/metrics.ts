import type { SupportMetrics } from '../../../../shared/support';
import type { Db } from '../../db/database';
import type { ScopeSql } from './scope';

/** An instant range [since, until) in epoch ms, as Chatwoot's DateRangeHelper makes it. */
export interface InstantRange {
  since: number;
  until: number;
}

/** The seven report metrics plus the bot counts, for one range and scope (reference §4, §5). */
export function summaryMetrics(db: Db, range: InstantRange, scope: ScopeSql, businessHours: boolean): SupportMetrics {
  const { since, until } = range;
  const value = businessHours ? 'e.value_in_business_hours' : 'e.value';
  const count = (sql: string, params: unknown[]) => (db.prepare(sql).pluck().get(...params) as number) ?? 0;
  const [cWhere, cParams] = scope.conversations;
  const [mWhere, mParams] = scope.messages;
  const [eWhere, eParams] = scope.events;

  const conversations = count(`SELECT count(*) FROM cw_conversations c WHERE c.created_at >= ? AND c.created_at < ?${cWhere}`, [since, until, ...cParams]);
  const messages = db
    .prepare(
      `SELECT count(*) FILTER (WHERE m.message_type = 0) AS incoming, count(*) FILTER (WHERE m.message_type = 1) AS outgoing
       FROM cw_messages m WHERE m.created_at >= ? AND m.created_at < ? AND m.message_type IN (0, 1)${mWhere}`,
    )
    .get(since, until, ...mParams) as { incoming: number; outgoing: number };
  const events = db
    .prepare(
      `SELECT e.name AS name, count(*) AS n, avg(${value}) AS average FROM cw_events e
       WHERE e.name IN ('first_response', 'conversation_resolved', 'reply_time', 'conversation_bot_resolved')
         AND e.created_at >= ? AND e.created_at < ?${eWhere}
       GROUP BY e.name`,
    )
    .all(since, until, ...eParams) as Array<{ name: string; n: number; average: number | null }>;
  const byName = new Map(events.map((e) => [e.name, e]));
  const handoffs = count(
    `SELECT count(DISTINCT e.conversation_id) FROM cw_events e JOIN cw_conversations conv ON conv.id = e.conversation_id
     WHERE e.name = 'conversation_bot_handoff' AND e.created_at >= ? AND e.created_at < ?${eWhere}`,
    [since, until, ...eParams],
  );
  return {
    conversations_count: conversations,
    incoming_messages_count: messages.incoming ?? 0,
    outgoing_messages_count: messages.outgoing ?? 0,
    avg_first_response_time: byName.get('first_response')?.average ?? null,
    avg_resolution_time: byName.get('conversation_resolved')?.average ?? null,
    avg_reply_time: byName.get('reply_time')?.average ?? null,
    resolutions_count: byName.get('conversation_resolved')?.n ?? 0,
    bot_resolutions_count: byName.get('conversation_bot_resolved')?.n ?? 0,
    bot_handoffs_count: handoffs,
    first_response_count: byName.get('first_response')?.n ?? 0,
    reply_count: byName.get('reply_time')?.n ?? 0,
  };
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
export function csatSummary(db: Db, range: InstantRange, scope: ScopeSql): CsatSummary {
  const [rWhere, rParams] = scope.csat;
  const rows = db
    .prepare(`SELECT r.rating AS rating, count(*) AS n FROM cw_csat_responses r WHERE r.created_at >= ? AND r.created_at < ?${rWhere} GROUP BY r.rating`)
    .all(range.since, range.until, ...rParams) as Array<{ rating: number; n: number }>;
  const sent = (db.prepare('SELECT count(*) FROM cw_messages m WHERE m.created_at >= ? AND m.created_at < ? AND m.content_type = 9').pluck().get(range.since, range.until) as number) ?? 0;
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
