import type { SupportGroupBy, SupportKpis, SupportMetrics, SupportQuery, SupportScope, SupportTimeseries } from '../../../../shared/support';
import type { Company } from '../../companies/companyStore';
import type { Db } from '../../db/database';
import { UserError } from '../../errors';
import { channelLabel, durationBucket, statusLabel } from '../../sources/chatwoot/facts';
import { localParts } from '../../sources/chatwoot/records';
import { checkRange } from '../crm';
import { csatSummary, summaryMetrics, type InstantRange } from './metrics';
import { scopeSql } from './scope';

/**
 * The support area over the Chatwoot mirror: Chatwoot's own report formulas (reference
 * chatwoot.md §4) plus the AI-agent view over the analytics rows. Definitions: docs/KPIS.md.
 */

const DAY_MS = 86_400_000;
const ALL: InstantRange = { since: -8.64e15, until: 8.64e15 };

export interface ResolvedRange extends InstantRange {
  from: string | null;
  to: string | null;
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
const previousDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);

/** [from 00:00, to+1 00:00) in the company's zone; `from` alone runs to today; neither is all history. */
export function resolveRange(company: Company, query: { from?: string; to?: string }, today: string = company.calendar.dayOf(Date.now())): ResolvedRange {
  const checked = checkRange(query);
  const from = checked.from;
  const to = from && !checked.to ? today : checked.to;
  if (from && to && from > to) throw new UserError(`Período invertido: ${from} é depois de ${to}; troque as datas.`, 'bad-range');
  return {
    from,
    to,
    since: from ? company.calendar.startOfDay(from) : ALL.since,
    until: to ? company.calendar.startOfDay(nextDay(to)) : ALL.until,
  };
}

function checkScope(db: Db, scope: SupportScope): void {
  const exists = (sql: string, value: unknown) => db.prepare(sql).get(value) !== undefined;
  const missing =
    (scope.kind === 'inbox' && !exists('SELECT 1 FROM cw_inboxes WHERE id = ?', scope.id) && 'Caixa de entrada') ||
    (scope.kind === 'agent' && !exists('SELECT 1 FROM cw_agents WHERE id = ?', scope.id) && 'Agente') ||
    (scope.kind === 'team' && !exists('SELECT 1 FROM cw_teams WHERE id = ?', scope.id) && 'Time');
  if (missing) throw new UserError(`${missing} ${'id' in scope ? scope.id : ''} não existe no espelho do Chatwoot desta empresa; sincronize ou escolha outro filtro.`, 'unknown-scope');
}

export function supportKpis(company: Company, query: SupportQuery = {}, today?: string): SupportKpis {
  const db = company.db;
  const range = resolveRange(company, query, today);
  const scope = query.scope ?? { kind: 'account' };
  checkScope(db, scope);
  const sql = scopeSql(scope);
  const businessHours = query.businessHours ?? false;
  const metrics = summaryMetrics(db, range, sql, businessHours);
  const csat = csatSummary(db, range, sql);

  let previous: SupportKpis['previous'] = null;
  if (range.from && range.to) {
    const length = range.until - range.since;
    const prev = { since: range.since - length, until: range.since };
    const days = Math.round(length / DAY_MS);
    let prevFrom = range.from;
    for (let i = 0; i < days; i++) prevFrom = previousDay(prevFrom);
    const prevCsat = csatSummary(db, prev, sql);
    previous = {
      ...summaryMetrics(db, prev, sql, businessHours),
      from: prevFrom,
      to: previousDay(range.from),
      csat_total_responses: prevCsat.total,
      csat_satisfaction_score: prevCsat.satisfaction,
    };
  }

  return {
    area: 'support',
    company: company.slug,
    timezone: company.calendar.timeZone,
    from: range.from,
    to: range.to,
    business_hours: businessHours,
    scope,
    ...metrics,
    csat_total_responses: csat.total,
    csat_satisfaction_score: csat.satisfaction,
    csat_response_rate: csat.responseRate,
    csat_sent_count: csat.sent,
    csat_ratings: csat.ratings,
    previous,
    live: live(db, sql),
    bot: botMetrics(db, range),
    ai: aiView(db, range, sql),
    by_agent: byAgent(db, range, businessHours),
    by_inbox: byInbox(db, range, businessHours),
    by_team: byTeam(db, range, businessHours),
    by_label: byLabel(db, range, businessHours),
    by_channel: byChannel(db, range, sql),
    by_status: byStatus(db, range, sql),
    by_priority: byPriority(db, range, sql),
    first_response_distribution: firstResponseDistribution(db, range, sql),
    heatmap: heatmap(db, range, sql),
    resolutions_heatmap: resolutionsHeatmap(db, range, sql, company),
    mirror: mirrorState(db),
  };
}

type Sql = ReturnType<typeof scopeSql>;

function live(db: Db, sql: Sql): SupportKpis['live'] {
  const [where, params] = sql.conversations;
  const row = db
    .prepare(
      `SELECT count(*) FILTER (WHERE c.status = 0) AS open,
         count(*) FILTER (WHERE c.status = 0 AND (c.first_reply_created_at IS NULL OR c.waiting_since IS NOT NULL)) AS unattended,
         count(*) FILTER (WHERE c.status = 0 AND c.assignee_id IS NULL) AS unassigned,
         count(*) FILTER (WHERE c.status = 2) AS pending,
         count(*) FILTER (WHERE c.status = 3) AS snoozed
       FROM cw_conversations c WHERE c.status IN (0, 2, 3)${where}`,
    )
    .get(...params) as SupportKpis['live'];
  return { open: row.open ?? 0, unattended: row.unattended ?? 0, unassigned: row.unassigned ?? 0, pending: row.pending ?? 0, snoozed: row.snoozed ?? 0 };
}

/**
 * Chatwoot's bot report (bot_metrics_builder.rb): bot inboxes are those with an active bot now;
 * the rates' numerators are account-wide distinct conversations with the event in the range.
 */
function botMetrics(db: Db, range: InstantRange): SupportKpis['bot'] {
  const inboxes = db.prepare('SELECT id FROM cw_inboxes WHERE bot_active = 1').pluck().all() as number[];
  const ids = JSON.stringify(inboxes);
  const conversations =
    (db
      .prepare('SELECT count(*) FROM cw_conversations c WHERE c.inbox_id IN (SELECT value FROM json_each(?)) AND c.created_at >= ? AND c.created_at < ?')
      .pluck()
      .get(ids, range.since, range.until) as number) ?? 0;
  const messages =
    (db
      .prepare(
        `SELECT count(*) FROM cw_messages m WHERE m.message_type = 1 AND m.created_at >= ? AND m.created_at < ?
           AND m.conversation_id IN (SELECT c.id FROM cw_conversations c WHERE c.inbox_id IN (SELECT value FROM json_each(?)) AND c.created_at >= ? AND c.created_at < ?)`,
      )
      .pluck()
      .get(range.since, range.until, ids, range.since, range.until) as number) ?? 0;
  const distinct = (name: string) =>
    (db.prepare('SELECT count(DISTINCT e.conversation_id) FROM cw_events e WHERE e.name = ? AND e.created_at >= ? AND e.created_at < ?').pluck().get(name, range.since, range.until) as number) ?? 0;
  const rate = (n: number) => (conversations ? Math.trunc((100 * n) / conversations) : 0);
  return {
    bot_inboxes: inboxes.length,
    conversation_count: conversations,
    message_count: messages,
    resolution_rate: rate(distinct('conversation_bot_resolved')),
    handoff_rate: rate(distinct('conversation_bot_handoff')),
  };
}

const ratio = (n: number, d: number) => (d ? n / d : null);

function aiView(db: Db, range: InstantRange, sql: Sql): SupportKpis['ai'] {
  const [where, params] = sql.facts;
  const row = db
    .prepare(
      `SELECT count(*) AS conversations,
         count(*) FILTER (WHERE f.bot_inbox = 1) AS bot_conversations,
         count(*) FILTER (WHERE f.bot_inbox = 1 AND f.bot_resolved = 1 AND f.human_intervention = 0) AS bot_only_resolved,
         count(*) FILTER (WHERE f.bot_inbox = 1 AND f.handoff = 1) AS handoffs,
         avg(f.time_to_handoff_seconds) AS time_to_handoff,
         avg(f.handoff_to_human_seconds) AS handoff_to_human,
         count(*) FILTER (WHERE f.human_intervention = 1) AS human,
         avg(f.first_bot_response_seconds) AS frt_bot,
         avg(f.first_response_seconds) AS frt_human,
         avg(f.incoming_count + f.outgoing_count) AS messages,
         count(*) FILTER (WHERE f.reopened = 1) AS reopened,
         count(f.csat_rating) FILTER (WHERE f.human_intervention = 0) AS csat_bot_n,
         avg(f.csat_rating) FILTER (WHERE f.human_intervention = 0) AS csat_bot_avg,
         count(*) FILTER (WHERE f.human_intervention = 0 AND f.csat_rating >= 4) AS csat_bot_pos,
         count(f.csat_rating) FILTER (WHERE f.human_intervention = 1) AS csat_human_n,
         avg(f.csat_rating) FILTER (WHERE f.human_intervention = 1) AS csat_human_avg,
         count(*) FILTER (WHERE f.human_intervention = 1 AND f.csat_rating >= 4) AS csat_human_pos
       FROM cw_conversation_facts f WHERE f.created_at >= ? AND f.created_at < ?${where}`,
    )
    .get(range.since, range.until, ...params) as Record<string, number | null>;
  const n = (k: string) => Number(row[k] ?? 0);
  const hours = db
    .prepare(`SELECT f.created_hour AS hour, count(*) AS conversations_count FROM cw_conversation_facts f WHERE f.created_at >= ? AND f.created_at < ?${where} GROUP BY f.created_hour ORDER BY conversations_count DESC, hour LIMIT 3`)
    .all(range.since, range.until, ...params) as Array<{ hour: number; conversations_count: number }>;
  const score = (pos: number, total: number) => (total ? Number(((pos * 100) / total).toFixed(2)) : null);
  return {
    conversations: n('conversations'),
    bot_conversations: n('bot_conversations'),
    resolved_by_bot_share: ratio(n('bot_only_resolved'), n('bot_conversations')),
    handoff_rate: ratio(n('handoffs'), n('bot_conversations')),
    avg_time_to_handoff: row.time_to_handoff,
    avg_handoff_to_human: row.handoff_to_human,
    human_intervention_rate: ratio(n('human'), n('conversations')),
    avg_first_response_bot: row.frt_bot,
    avg_first_response_human: row.frt_human,
    messages_per_conversation: n('conversations') ? row.messages : null,
    reopened_rate: ratio(n('reopened'), n('conversations')),
    csat_bot_only: { responses: n('csat_bot_n'), avg_rating: row.csat_bot_avg, satisfaction_score: score(n('csat_bot_pos'), n('csat_bot_n')) },
    csat_human: { responses: n('csat_human_n'), avg_rating: row.csat_human_avg, satisfaction_score: score(n('csat_human_pos'), n('csat_human_n')) },
    peak_hours: hours,
  };
}

interface EventAggregate {
  key: number | string | null;
  resolved: number;
  resolution: number | null;
  first_response: number | null;
  reply: number | null;
}

function eventAggregates(db: Db, range: InstantRange, businessHours: boolean, groupSql: string, from: string): Map<unknown, EventAggregate> {
  const value = businessHours ? 'e.value_in_business_hours' : 'e.value';
  const rows = db
    .prepare(
      `SELECT ${groupSql} AS key,
         count(*) FILTER (WHERE e.name = 'conversation_resolved') AS resolved,
         avg(CASE WHEN e.name = 'conversation_resolved' THEN ${value} END) AS resolution,
         avg(CASE WHEN e.name = 'first_response' THEN ${value} END) AS first_response,
         avg(CASE WHEN e.name = 'reply_time' THEN ${value} END) AS reply
       FROM ${from}
       WHERE e.name IN ('conversation_resolved', 'first_response', 'reply_time') AND e.created_at >= ? AND e.created_at < ?
       GROUP BY key`,
    )
    .all(range.since, range.until) as EventAggregate[];
  return new Map(rows.map((r) => [r.key, r]));
}

function conversationCounts(db: Db, range: InstantRange, column: string): Map<unknown, number> {
  const rows = db.prepare(`SELECT ${column} AS key, count(*) AS n FROM cw_conversations c WHERE c.created_at >= ? AND c.created_at < ? GROUP BY key`).all(range.since, range.until) as Array<{
    key: unknown;
    n: number;
  }>;
  return new Map(rows.map((r) => [r.key, r.n]));
}

function entityRow(counts: Map<unknown, number>, events: Map<unknown, EventAggregate>, key: unknown) {
  const e = events.get(key);
  return {
    conversations_count: counts.get(key) ?? 0,
    resolved_conversations_count: e?.resolved ?? 0,
    avg_first_response_time: e?.first_response ?? null,
    avg_resolution_time: e?.resolution ?? null,
    avg_reply_time: e?.reply ?? null,
  };
}

const byConversations = <T extends { conversations_count: number; name?: string; label?: string }>(rows: T[]) =>
  rows.sort((a, b) => b.conversations_count - a.conversations_count || String(a.name ?? a.label).localeCompare(String(b.name ?? b.label), 'pt-BR'));

function byAgent(db: Db, range: InstantRange, businessHours: boolean): SupportKpis['by_agent'] {
  const counts = conversationCounts(db, range, 'c.assignee_id');
  const events = eventAggregates(db, range, businessHours, 'e.user_id', 'cw_events e');
  const agents = db.prepare('SELECT id, name, email FROM cw_agents').all() as Array<{ id: number; name: string; email: string | null }>;
  return byConversations(agents.map((a) => ({ agent_id: a.id, name: a.name, email: a.email, ...entityRow(counts, events, a.id) })));
}

function byInbox(db: Db, range: InstantRange, businessHours: boolean): SupportKpis['by_inbox'] {
  const counts = conversationCounts(db, range, 'c.inbox_id');
  const events = eventAggregates(db, range, businessHours, 'e.inbox_id', 'cw_events e');
  const inboxes = db.prepare('SELECT id, name, channel_type FROM cw_inboxes').all() as Array<{ id: number; name: string; channel_type: string | null }>;
  return byConversations(inboxes.map((i) => ({ inbox_id: i.id, name: i.name, channel: channelLabel(i.channel_type), ...entityRow(counts, events, i.id) })));
}

function byTeam(db: Db, range: InstantRange, businessHours: boolean): SupportKpis['by_team'] {
  const counts = conversationCounts(db, range, 'c.team_id');
  // Team reports group events by the conversation's team NOW (team_summary_builder.rb).
  const events = eventAggregates(db, range, businessHours, 'conv.team_id', 'cw_events e JOIN cw_conversations conv ON conv.id = e.conversation_id');
  const teams = db.prepare('SELECT id, name FROM cw_teams').all() as Array<{ id: number; name: string }>;
  return byConversations(teams.map((t) => ({ team_id: t.id, name: t.name, ...entityRow(counts, events, t.id) })));
}

/**
 * Label overview (label_summary_builder.rb): conversations = taggings on conversations created in
 * the range; resolutions = resolved events created in the range on labelled conversations; the
 * averages take the events of conversations CREATED in the range, and missing values are 0.
 */
function byLabel(db: Db, range: InstantRange, businessHours: boolean): SupportKpis['by_label'] {
  const value = businessHours ? 'e.value_in_business_hours' : 'e.value';
  const counts = new Map(
    (
      db
        .prepare('SELECT l.label AS key, count(*) AS n FROM cw_conversation_labels l JOIN cw_conversations c ON c.id = l.conversation_id WHERE c.created_at >= ? AND c.created_at < ? GROUP BY l.label')
        .all(range.since, range.until) as Array<{ key: string; n: number }>
    ).map((r) => [r.key, r.n]),
  );
  const resolved = new Map(
    (
      db
        .prepare(
          `SELECT l.label AS key, count(*) AS n FROM cw_events e JOIN cw_conversation_labels l ON l.conversation_id = e.conversation_id
           WHERE e.name = 'conversation_resolved' AND e.created_at >= ? AND e.created_at < ? GROUP BY l.label`,
        )
        .all(range.since, range.until) as Array<{ key: string; n: number }>
    ).map((r) => [r.key, r.n]),
  );
  const averages = new Map(
    (
      db
        .prepare(
          `SELECT l.label AS key,
             avg(CASE WHEN e.name = 'conversation_resolved' THEN ${value} END) AS resolution,
             avg(CASE WHEN e.name = 'first_response' THEN ${value} END) AS first_response,
             avg(CASE WHEN e.name = 'reply_time' THEN ${value} END) AS reply
           FROM cw_events e JOIN cw_conversations c ON c.id = e.conversation_id JOIN cw_conversation_labels l ON l.conversation_id = c.id
           WHERE e.name IN ('conversation_resolved', 'first_response', 'reply_time') AND c.created_at >= ? AND c.created_at < ?
           GROUP BY l.label`,
        )
        .all(range.since, range.until) as Array<{ key: string; resolution: number | null; first_response: number | null; reply: number | null }>
    ).map((r) => [r.key, r]),
  );
  const labels = db.prepare('SELECT title, color FROM cw_labels').all() as Array<{ title: string; color: string | null }>;
  return byConversations(
    labels.map((l) => {
      const a = averages.get(l.title);
      return {
        label: l.title,
        color: l.color,
        conversations_count: counts.get(l.title) ?? 0,
        resolved_conversations_count: resolved.get(l.title) ?? 0,
        avg_first_response_time: a?.first_response ?? 0,
        avg_resolution_time: a?.resolution ?? 0,
        avg_reply_time: a?.reply ?? 0,
      };
    }),
  );
}

function byChannel(db: Db, range: InstantRange, sql: Sql): SupportKpis['by_channel'] {
  const [where, params] = sql.conversations;
  const rows = db
    .prepare(
      `SELECT i.channel_type AS channel_type,
         count(*) FILTER (WHERE c.status = 0) AS open, count(*) FILTER (WHERE c.status = 1) AS resolved,
         count(*) FILTER (WHERE c.status = 2) AS pending, count(*) FILTER (WHERE c.status = 3) AS snoozed, count(*) AS total
       FROM cw_conversations c LEFT JOIN cw_inboxes i ON i.id = c.inbox_id
       WHERE c.created_at >= ? AND c.created_at < ?${where} GROUP BY i.channel_type ORDER BY total DESC`,
    )
    .all(range.since, range.until, ...params) as Array<{ channel_type: string | null; open: number; resolved: number; pending: number; snoozed: number; total: number }>;
  return rows.map(({ channel_type, ...counts }) => ({ channel: channelLabel(channel_type), ...counts }));
}

function byStatus(db: Db, range: InstantRange, sql: Sql): SupportKpis['by_status'] {
  const [where, params] = sql.conversations;
  const rows = db
    .prepare(`SELECT c.status AS status, count(*) AS n FROM cw_conversations c WHERE c.created_at >= ? AND c.created_at < ?${where} GROUP BY c.status`)
    .all(range.since, range.until, ...params) as Array<{ status: number; n: number }>;
  const byStatus = new Map(rows.map((r) => [r.status, r.n]));
  return [0, 1, 2, 3].map((status) => ({ status, label: statusLabel(status), conversations_count: byStatus.get(status) ?? 0 }));
}

function byPriority(db: Db, range: InstantRange, sql: Sql): SupportKpis['by_priority'] {
  const [where, params] = sql.conversations;
  const rows = db
    .prepare(`SELECT c.priority AS priority, count(*) AS n FROM cw_conversations c WHERE c.created_at >= ? AND c.created_at < ?${where} GROUP BY c.priority`)
    .all(range.since, range.until, ...params) as Array<{ priority: number | null; n: number }>;
  const labels: Array<[number | null, string]> = [[3, 'Urgente'], [2, 'Alta'], [1, 'Média'], [0, 'Baixa'], [null, 'Sem prioridade']];
  const counts = new Map(rows.map((r) => [r.priority, r.n]));
  return labels.map(([p, label]) => ({ priority: label, conversations_count: counts.get(p) ?? 0 }));
}

function firstResponseDistribution(db: Db, range: InstantRange, sql: Sql): SupportKpis['first_response_distribution'] {
  const [where, params] = sql.events;
  const values = db
    .prepare(`SELECT e.value FROM cw_events e WHERE e.name = 'first_response' AND e.created_at >= ? AND e.created_at < ?${where}`)
    .pluck()
    .all(range.since, range.until, ...params) as Array<number | null>;
  const buckets = ['0–1 h', '1–4 h', '4–8 h', '8–24 h', '24 h ou mais'];
  const counts = new Map<string, number>();
  for (const v of values) {
    const bucket = durationBucket(v ?? 0) as string;
    counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
  }
  return buckets.map((bucket) => ({ bucket, count: counts.get(bucket) ?? 0 }));
}

function heatmap(db: Db, range: InstantRange, sql: Sql): SupportKpis['heatmap'] {
  const [where, params] = sql.conversations;
  const rows = db
    .prepare(`SELECT c.weekday AS weekday, c.hour AS hour, count(*) AS n FROM cw_conversations c WHERE c.created_at >= ? AND c.created_at < ?${where} GROUP BY c.weekday, c.hour`)
    .all(range.since, range.until, ...params) as Array<{ weekday: number; hour: number; n: number }>;
  const counts = new Map(rows.map((r) => [r.weekday * 24 + r.hour, r.n]));
  const out: SupportKpis['heatmap'] = [];
  for (let weekday = 0; weekday < 7; weekday++) for (let hour = 0; hour < 24; hour++) out.push({ weekday, hour, conversations_count: counts.get(weekday * 24 + hour) ?? 0 });
  return out;
}

function resolutionsHeatmap(db: Db, range: InstantRange, sql: Sql, company: Company): SupportKpis['resolutions_heatmap'] {
  const [where, params] = sql.events;
  const times = db
    .prepare(`SELECT e.created_at FROM cw_events e WHERE e.name = 'conversation_resolved' AND e.created_at >= ? AND e.created_at < ?${where}`)
    .pluck()
    .all(range.since, range.until, ...params) as number[];
  const counts = new Array<number>(7 * 24).fill(0);
  for (const t of times) {
    const { weekday, hour } = localParts(company.calendar, t);
    counts[weekday * 24 + hour]++;
  }
  return counts.map((n, i) => ({ weekday: Math.floor(i / 24), hour: i % 24, resolutions_count: n }));
}

function mirrorState(db: Db): SupportKpis['mirror'] {
  const row = db.prepare('SELECT count(*) AS n, min(day) AS first_day, max(day) AS last_day FROM cw_conversations').get() as { n: number; first_day: string | null; last_day: string | null };
  const messages = (db.prepare('SELECT count(*) FROM cw_messages').pluck().get() as number) ?? 0;
  const synced = db.prepare("SELECT 1 FROM sync_cursors WHERE source = 'chatwoot' LIMIT 1").get() !== undefined;
  return { conversations: row.n, messages, first_day: row.first_day, last_day: row.last_day, synced };
}

function bucketOf(day: string, groupBy: SupportGroupBy): string {
  if (groupBy === 'day') return day;
  if (groupBy === 'month') return `${day.slice(0, 7)}-01`;
  if (groupBy === 'year') return `${day.slice(0, 4)}-01-01`;
  const t = Date.parse(`${day}T00:00:00Z`);
  return new Date(t - new Date(t).getUTCDay() * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Chatwoot's timeseries (groupdate): every bucket of the range, weeks starting on Sunday, empty
 * buckets 0 — averages included — in the company's zone.
 */
export function supportTimeseries(company: Company, query: SupportQuery & { groupBy?: SupportGroupBy } = {}, today?: string): SupportTimeseries {
  const db = company.db;
  const range = resolveRange(company, query, today);
  const groupBy = query.groupBy ?? 'day';
  const scope = query.scope ?? { kind: 'account' };
  checkScope(db, scope);
  const sql = scopeSql(scope);
  const value = query.businessHours ? 'e.value_in_business_hours' : 'e.value';
  const first = range.from ?? (db.prepare('SELECT min(day) FROM cw_conversations').pluck().get() as string | null);
  const last = range.to ?? (db.prepare('SELECT max(day) FROM cw_conversations').pluck().get() as string | null);
  if (!first || !last) return { group_by: groupBy, points: [] };

  type Acc = SupportMetrics & { frt_sum: number; res_sum: number; reply_sum: number; resolution_count_for_avg: number };
  const buckets = new Map<string, Acc>();
  const zero = (): Acc => ({
    conversations_count: 0, incoming_messages_count: 0, outgoing_messages_count: 0, avg_first_response_time: 0, avg_resolution_time: 0, avg_reply_time: 0,
    resolutions_count: 0, bot_resolutions_count: 0, bot_handoffs_count: 0, first_response_count: 0, reply_count: 0, frt_sum: 0, res_sum: 0, reply_sum: 0, resolution_count_for_avg: 0,
  });
  for (let day = first; day <= last; day = nextDay(day)) {
    const key = bucketOf(day, groupBy);
    if (!buckets.has(key)) buckets.set(key, zero());
  }
  const at = (day: string) => buckets.get(bucketOf(day, groupBy));
  const [cWhere, cParams] = sql.conversations;
  for (const r of db.prepare(`SELECT c.day AS day, count(*) AS n FROM cw_conversations c WHERE c.created_at >= ? AND c.created_at < ?${cWhere} GROUP BY c.day`).all(range.since, range.until, ...cParams) as Array<{ day: string; n: number }>) {
    const b = at(r.day);
    if (b) b.conversations_count += r.n;
  }
  const [mWhere, mParams] = sql.messages;
  for (const r of db
    .prepare(
      `SELECT m.day AS day, count(*) FILTER (WHERE m.message_type = 0) AS incoming, count(*) FILTER (WHERE m.message_type = 1) AS outgoing
       FROM cw_messages m WHERE m.created_at >= ? AND m.created_at < ? AND m.message_type IN (0, 1)${mWhere} GROUP BY m.day`,
    )
    .all(range.since, range.until, ...mParams) as Array<{ day: string; incoming: number; outgoing: number }>) {
    const b = at(r.day);
    if (!b) continue;
    b.incoming_messages_count += r.incoming;
    b.outgoing_messages_count += r.outgoing;
  }
  const [eWhere, eParams] = sql.events;
  for (const r of db
    .prepare(
      `SELECT e.day AS day, e.name AS name, count(*) AS n, total(${value}) AS total, count(${value}) AS valued FROM cw_events e
       WHERE e.name IN ('first_response', 'conversation_resolved', 'reply_time', 'conversation_bot_resolved') AND e.created_at >= ? AND e.created_at < ?${eWhere}
       GROUP BY e.day, e.name`,
    )
    .all(range.since, range.until, ...eParams) as Array<{ day: string; name: string; n: number; total: number; valued: number }>) {
    const b = at(r.day);
    if (!b) continue;
    if (r.name === 'first_response') {
      b.first_response_count += r.valued;
      b.frt_sum += r.total;
    } else if (r.name === 'conversation_resolved') {
      b.resolutions_count += r.n;
      b.resolution_count_for_avg += r.valued;
      b.res_sum += r.total;
    } else if (r.name === 'reply_time') {
      b.reply_count += r.valued;
      b.reply_sum += r.total;
    } else b.bot_resolutions_count += r.n;
  }
  for (const r of db
    .prepare(
      `SELECT day, count(*) AS n FROM (SELECT min(e.day) AS day FROM cw_events e JOIN cw_conversations conv ON conv.id = e.conversation_id
         WHERE e.name = 'conversation_bot_handoff' AND e.created_at >= ? AND e.created_at < ?${eWhere} GROUP BY e.conversation_id, e.day) GROUP BY day`,
    )
    .all(range.since, range.until, ...eParams) as Array<{ day: string; n: number }>) {
    const b = at(r.day);
    if (b) b.bot_handoffs_count += r.n;
  }
  const points = [...buckets.entries()].map(([bucket, b]) => {
    const { frt_sum, res_sum, reply_sum, ...metrics } = b;
    return {
      ...metrics,
      bucket,
      avg_first_response_time: b.first_response_count ? frt_sum / b.first_response_count : 0,
      avg_resolution_time: b.resolution_count_for_avg ? res_sum / b.resolution_count_for_avg : 0,
      avg_reply_time: b.reply_count ? reply_sum / b.reply_count : 0,
    };
  });
  return { group_by: groupBy, points };
}
