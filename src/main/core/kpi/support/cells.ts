import type { SupportMetrics, SupportScope } from '../../../../shared/support';
import type { Db } from '../../db/database';
import { assembleMetrics, eventTotals, type DayRange, type EventTotals } from './metrics';
import type { ScopeSql } from './scope';

/**
 * The two grouped reads behind most of the dashboard: a range's conversations by every dimension
 * the page breaks them down by, and the daily event roll-up by inbox, agent and team. Summing
 * these in memory replaces a dozen scans of the same rows (measured: bench/chatwootSync.ts).
 */

/** A range's conversations counted by every dimension the page breaks them down by. */
export interface ConversationBreakdown {
  total: number;
  byInbox: Map<number, number>;
  byAssignee: Map<number | null, number>;
  byTeam: Map<number | null, number>;
  byPriority: Map<number | null, number>;
  /** inbox id → counts by status (0–3). */
  byInboxStatus: Map<number, number[]>;
  byStatus: number[];
  /** weekday × 24 + hour. */
  heat: number[];
}

const bump = <K>(map: Map<K, number>, key: K) => map.set(key, (map.get(key) ?? 0) + 1);

export function conversationBreakdown(db: Db, range: DayRange, [where, params]: [string, unknown[]]): ConversationBreakdown {
  // Read from the covering index and counted in one pass: cheaper than one GROUP BY per breakdown.
  const rows = db
    .prepare(`SELECT c.inbox_id, c.assignee_id, c.team_id, c.status, c.priority, c.weekday, c.hour FROM cw_conversations c WHERE c.day >= ? AND c.day <= ?${where}`)
    .raw(true)
    .all(range.first, range.last, ...params) as Array<[number, number | null, number | null, number, number | null, number, number]>;
  const out: ConversationBreakdown = {
    total: rows.length,
    byInbox: new Map(),
    byAssignee: new Map(),
    byTeam: new Map(),
    byPriority: new Map(),
    byInboxStatus: new Map(),
    byStatus: [0, 0, 0, 0],
    heat: new Array<number>(7 * 24).fill(0),
  };
  for (const [inbox, assignee, team, status, priority, weekday, hour] of rows) {
    bump(out.byInbox, inbox);
    bump(out.byAssignee, assignee);
    bump(out.byTeam, team);
    bump(out.byPriority, priority);
    let statuses = out.byInboxStatus.get(inbox);
    if (!statuses) out.byInboxStatus.set(inbox, (statuses = [0, 0, 0, 0]));
    if (status >= 0 && status <= 3) {
      statuses[status]++;
      out.byStatus[status]++;
    }
    out.heat[weekday * 24 + hour]++;
  }
  return out;
}

export interface EventCell {
  name: string;
  inbox_id: number | null;
  user_id: number | null;
  team_id: number | null;
  n: number;
  value_n: number;
  value_sum: number;
}

/** Event roll-up cells of the range; `value_*` are the business-hours figures when asked. */
export function eventCells(db: Db, range: DayRange, businessHours: boolean): EventCell[] {
  return db
    .prepare(
      `SELECT name, inbox_id, user_id, team_id, total(n) AS n, total(${businessHours ? 'bh_n' : 'value_n'}) AS value_n, total(${businessHours ? 'bh_sum' : 'value_sum'}) AS value_sum
       FROM cw_event_days
       WHERE name IN ('first_response', 'conversation_resolved', 'reply_time', 'conversation_bot_resolved') AND day >= ? AND day <= ?
       GROUP BY name, inbox_id, user_id, team_id`,
    )
    .all(range.first, range.last) as EventCell[];
}

function inScope(cell: EventCell, scope: SupportScope): boolean {
  switch (scope.kind) {
    case 'account':
      return true;
    case 'inbox':
      return cell.inbox_id === scope.id;
    case 'agent':
      return cell.user_id === scope.id;
    case 'team':
      return cell.team_id === scope.id;
    case 'label':
      return false;
  }
}

/** The summary metrics of the current range, from the grouped reads (label scope reads events itself). */
export function currentMetrics(db: Db, range: DayRange, scope: SupportScope, sql: ScopeSql, businessHours: boolean, conversations: ConversationBreakdown, events: EventCell[]): SupportMetrics {
  if (scope.kind === 'label') return assembleMetrics(db, range, scope, sql, conversations.total, eventTotals(db, range, scope, sql, businessHours));
  const totals = new Map<string, EventTotals>();
  for (const e of events) {
    if (!inScope(e, scope)) continue;
    const t = totals.get(e.name) ?? { n: 0, valueN: 0, valueSum: 0 };
    t.n += e.n;
    t.valueN += e.value_n;
    t.valueSum += e.value_sum;
    totals.set(e.name, t);
  }
  return assembleMetrics(db, range, scope, sql, conversations.total, totals);
}
