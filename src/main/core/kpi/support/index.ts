import type { SupportGroupBy, SupportKpis, SupportMetrics, SupportQuery, SupportScope, SupportTimeseries } from '../../../../shared/support';
import type { Company } from '../../companies/companyStore';
import type { Db } from '../../db/database';
import { UserError } from '../../errors';
import { channelLabel, durationBucket, statusLabel } from '../../sources/chatwoot/facts';
import { localParts } from '../../sources/chatwoot/records';
import { checkRange } from '../crm';
import { csatSummary, eventRollupFilter, messageRollupFilter, OPEN_END, OPEN_START, summaryMetrics, type DayRange } from './metrics';
import { conversationBreakdown, currentMetrics, eventCells, type ConversationBreakdown, type EventCell } from './cells';
import { scopeSql } from './scope';

/**
 * The support area over the Chatwoot mirror: Chatwoot's own report formulas (reference
 * chatwoot.md §4) plus the AI-agent view over the analytics rows. Definitions: docs/KPIS.md.
 */

const DAY_MS = 86_400_000;

export interface ResolvedRange extends DayRange {
  from: string | null;
  to: string | null;
  /** The same range as instants (epoch ms), [first 00:00, last+1 00:00) in the company's zone. */
  since: number;
  until: number;
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** [from 00:00, to+1 00:00) in the company's zone; `from` alone runs to today; neither is all history. */
export function resolveRange(company: Company, query: { from?: string; to?: string }, today: string = company.calendar.dayOf(Date.now())): ResolvedRange {
  const checked = checkRange(query);
  const from = checked.from;
  const to = from && !checked.to ? today : checked.to;
  if (from && to && from > to) throw new UserError(`Período invertido: ${from} é depois de ${to}; troque as datas.`, 'bad-range');
  return {
    from,
    to,
    first: from ?? OPEN_START,
    last: to ?? OPEN_END,
    since: from ? company.calendar.startOfDay(from) : -8.64e15,
    until: to ? company.calendar.startOfDay(nextDay(to)) : 8.64e15,
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
  // Two reads feed most of the page: the range's conversations grouped by every dimension, and
  // the daily event roll-up grouped by inbox, agent and team; the breakdowns are summed here.
  const scoped = conversationBreakdown(db, range, sql.conversations);
  const everyone = scope.kind === 'account' ? scoped : conversationBreakdown(db, range, ['', []]);
  const events = eventCells(db, range, businessHours);
  const metrics = currentMetrics(db, range, scope, sql, businessHours, scoped, events);
  const csat = csatSummary(db, range, sql);

  let previous: SupportKpis['previous'] = null;
  if (range.from && range.to) {
    // The window of equal length just before (Chatwoot's `previous`), in whole local days.
    const days = Math.round((Date.parse(`${range.to}T00:00:00Z`) - Date.parse(`${range.from}T00:00:00Z`)) / DAY_MS) + 1;
    const prev = { first: addDays(range.from, -days), last: addDays(range.from, -1) };
    const prevCsat = csatSummary(db, prev, sql);
    previous = {
      ...summaryMetrics(db, prev, scope, sql, businessHours),
      from: prev.first,
      to: prev.last,
      csat_total_responses: prevCsat.total,
      csat_satisfaction_score: prevCsat.satisfaction,
    };
  }

  const heat = scoped.heat.map((n, i) => ({ weekday: Math.floor(i / 24), hour: i % 24, conversations_count: n }));
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
    ai: aiView(db, range, sql, heat),
    by_agent: byAgent(db, everyone, events),
    by_inbox: byInbox(db, everyone, events),
    by_team: byTeam(db, everyone, events),
    by_label: byLabel(db, range, businessHours),
    by_channel: byChannel(db, scoped),
    by_status: byStatus(scoped),
    by_priority: byPriority(scoped),
    first_response_distribution: firstResponseDistribution(db, range, sql),
    heatmap: heat,
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
function botMetrics(db: Db, range: DayRange): SupportKpis['bot'] {
  const inboxes = db.prepare('SELECT id FROM cw_inboxes WHERE bot_active = 1').pluck().all() as number[];
  const ids = JSON.stringify(inboxes);
  const conversations =
    (db
      .prepare('SELECT count(*) FROM cw_conversations c WHERE c.inbox_id IN (SELECT value FROM json_each(?)) AND c.day >= ? AND c.day <= ?')
      .pluck()
      .get(ids, range.first, range.last) as number) ?? 0;
  const messages =
    (db
      .prepare(
        `SELECT count(*) FROM cw_conversations c CROSS JOIN cw_messages m ON m.conversation_id = c.id AND m.day >= ? AND m.day <= ? AND m.message_type = 1
         WHERE c.inbox_id IN (SELECT value FROM json_each(?)) AND c.day >= ? AND c.day <= ?`,
      )
      .pluck()
      .get(range.first, range.last, ids, range.first, range.last) as number) ?? 0;
  const distinct = (name: string) =>
    (db.prepare('SELECT count(DISTINCT e.conversation_id) FROM cw_events e WHERE e.name = ? AND e.day >= ? AND e.day <= ?').pluck().get(name, range.first, range.last) as number) ?? 0;
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

function aiView(db: Db, range: DayRange, sql: Sql, heat: SupportKpis['heatmap']): SupportKpis['ai'] {
  const byHour = new Array<number>(24).fill(0);
  for (const cell of heat) byHour[cell.hour] += cell.conversations_count;
  const peakHours = byHour
    .map((conversations_count, hour) => ({ hour, conversations_count }))
    .filter((h) => h.conversations_count > 0)
    .sort((a, b) => b.conversations_count - a.conversations_count || a.hour - b.hour)
    .slice(0, 3);
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
       FROM cw_conversation_facts f WHERE f.created_day >= ? AND f.created_day <= ?${where}`,
    )
    .get(range.first, range.last, ...params) as Record<string, number | null>;
  const n = (k: string) => Number(row[k] ?? 0);
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
    peak_hours: peakHours,
  };
}

interface EntityFigures {
  resolved: number;
  resolution: number | null;
  first_response: number | null;
  reply: number | null;
}

/** Sums event cells by one key (agent, inbox or team) into the overview tables' figures. */
function eventFiguresBy(events: EventCell[], key: 'user_id' | 'inbox_id' | 'team_id'): Map<unknown, EntityFigures> {
  const acc = new Map<unknown, { resolved: number; sums: Record<string, [number, number]> }>();
  for (const e of events) {
    if (e.name !== 'conversation_resolved' && e.name !== 'first_response' && e.name !== 'reply_time') continue;
    let a = acc.get(e[key]);
    if (!a) acc.set(e[key], (a = { resolved: 0, sums: {} }));
    if (e.name === 'conversation_resolved') a.resolved += e.n;
    const s = (a.sums[e.name] ??= [0, 0]);
    s[0] += e.value_sum;
    s[1] += e.value_n;
  }
  const avg = (s: [number, number] | undefined) => (s && s[1] ? s[0] / s[1] : null);
  return new Map(
    [...acc.entries()].map(([k, a]) => [
      k,
      { resolved: a.resolved, resolution: avg(a.sums.conversation_resolved), first_response: avg(a.sums.first_response), reply: avg(a.sums.reply_time) },
    ]),
  );
}

function entityRow(counts: Map<unknown, number>, events: Map<unknown, EntityFigures>, key: unknown) {
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

function byAgent(db: Db, cells: ConversationBreakdown, events: EventCell[]): SupportKpis['by_agent'] {
  const counts = cells.byAssignee as Map<unknown, number>;
  const figures = eventFiguresBy(events, 'user_id');
  const agents = db.prepare('SELECT id, name, email FROM cw_agents').all() as Array<{ id: number; name: string; email: string | null }>;
  return byConversations(agents.map((a) => ({ agent_id: a.id, name: a.name, email: a.email, ...entityRow(counts, figures, a.id) })));
}

function byInbox(db: Db, cells: ConversationBreakdown, events: EventCell[]): SupportKpis['by_inbox'] {
  const counts = cells.byInbox as Map<unknown, number>;
  const figures = eventFiguresBy(events, 'inbox_id');
  const inboxes = db.prepare('SELECT id, name, channel_type FROM cw_inboxes').all() as Array<{ id: number; name: string; channel_type: string | null }>;
  return byConversations(inboxes.map((i) => ({ inbox_id: i.id, name: i.name, channel: channelLabel(i.channel_type), ...entityRow(counts, figures, i.id) })));
}

/** Team reports group events by the conversation's team NOW (team_summary_builder.rb); the roll-up carries it. */
function byTeam(db: Db, cells: ConversationBreakdown, events: EventCell[]): SupportKpis['by_team'] {
  const counts = cells.byTeam as Map<unknown, number>;
  const figures = eventFiguresBy(events, 'team_id');
  const teams = db.prepare('SELECT id, name FROM cw_teams').all() as Array<{ id: number; name: string }>;
  return byConversations(teams.map((t) => ({ team_id: t.id, name: t.name, ...entityRow(counts, figures, t.id) })));
}

/**
 * Label overview (label_summary_builder.rb): conversations = taggings on conversations created in
 * the range; resolutions = resolved events created in the range on labelled conversations; the
 * averages take the events of conversations CREATED in the range, and missing values are 0.
 */
function byLabel(db: Db, range: DayRange, businessHours: boolean): SupportKpis['by_label'] {
  const col = (base: string) => (businessHours ? `${base}_bh` : base);
  const avgOf = (base: string) => `total(${col(base)}_sum) / nullif(total(${col(base)}_n), 0)`;
  const figures = new Map(
    (
      db
        .prepare(
          `SELECT label, total(conversations) AS conversations, total(resolved) AS resolved,
             ${avgOf('res')} AS resolution, ${avgOf('fr')} AS first_response, ${avgOf('reply')} AS reply
           FROM cw_label_days WHERE day >= ? AND day <= ? GROUP BY label`,
        )
        .all(range.first, range.last) as Array<{ label: string; conversations: number; resolved: number; resolution: number | null; first_response: number | null; reply: number | null }>
    ).map((r) => [r.label, r]),
  );
  const labels = db.prepare('SELECT title, color FROM cw_labels').all() as Array<{ title: string; color: string | null }>;
  // Chatwoot's label table shows a missing average as 0 (label_summary_builder.rb).
  return byConversations(
    labels.map((l) => {
      const f = figures.get(l.title);
      return {
        label: l.title,
        color: l.color,
        conversations_count: f?.conversations ?? 0,
        resolved_conversations_count: f?.resolved ?? 0,
        avg_first_response_time: f?.first_response ?? 0,
        avg_resolution_time: f?.resolution ?? 0,
        avg_reply_time: f?.reply ?? 0,
      };
    }),
  );
}

function byChannel(db: Db, cells: ConversationBreakdown): SupportKpis['by_channel'] {
  const channelOf = new Map((db.prepare('SELECT id, channel_type FROM cw_inboxes').all() as Array<{ id: number; channel_type: string | null }>).map((i) => [i.id, i.channel_type]));
  const rows = new Map<string, SupportKpis['by_channel'][number]>();
  for (const [inbox, statuses] of cells.byInboxStatus) {
    const channel = channelLabel(channelOf.get(inbox) ?? null);
    let row = rows.get(channel);
    if (!row) rows.set(channel, (row = { channel, open: 0, resolved: 0, pending: 0, snoozed: 0, total: 0 }));
    row.open += statuses[0];
    row.resolved += statuses[1];
    row.pending += statuses[2];
    row.snoozed += statuses[3];
    row.total += cells.byInbox.get(inbox) ?? 0;
  }
  return [...rows.values()].sort((a, b) => b.total - a.total);
}

function byStatus(cells: ConversationBreakdown): SupportKpis['by_status'] {
  return [0, 1, 2, 3].map((status) => ({ status, label: statusLabel(status), conversations_count: cells.byStatus[status] }));
}

function byPriority(cells: ConversationBreakdown): SupportKpis['by_priority'] {
  const labels: Array<[number | null, string]> = [[3, 'Urgente'], [2, 'Alta'], [1, 'Média'], [0, 'Baixa'], [null, 'Sem prioridade']];
  return labels.map(([p, label]) => ({ priority: label, conversations_count: cells.byPriority.get(p) ?? 0 }));
}

function firstResponseDistribution(db: Db, range: DayRange, sql: Sql): SupportKpis['first_response_distribution'] {
  const [where, params] = sql.events;
  const values = db
    .prepare(`SELECT e.value FROM cw_events e WHERE e.name = 'first_response' AND e.day >= ? AND e.day <= ?${where}`)
    .pluck()
    .all(range.first, range.last, ...params) as Array<number | null>;
  const buckets = ['0–1 h', '1–4 h', '4–8 h', '8–24 h', '24 h ou mais'];
  const counts = new Map<string, number>();
  for (const v of values) {
    const bucket = durationBucket(v ?? 0) as string;
    counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
  }
  return buckets.map((bucket) => ({ bucket, count: counts.get(bucket) ?? 0 }));
}

function resolutionsHeatmap(db: Db, range: DayRange, sql: Sql, company: Company): SupportKpis['resolutions_heatmap'] {
  const [where, params] = sql.events;
  const times = db
    .prepare(`SELECT e.created_at FROM cw_events e WHERE e.name = 'conversation_resolved' AND e.day >= ? AND e.day <= ?${where}`)
    .pluck()
    .all(range.first, range.last, ...params) as number[];
  const counts = new Array<number>(7 * 24).fill(0);
  for (const t of times) {
    const { weekday, hour } = localParts(company.calendar, t);
    counts[weekday * 24 + hour]++;
  }
  return counts.map((n, i) => ({ weekday: Math.floor(i / 24), hour: i % 24, resolutions_count: n }));
}

function mirrorState(db: Db): SupportKpis['mirror'] {
  const row = db.prepare('SELECT conversations, messages, first_day, last_day FROM cw_totals WHERE id = 1').get() as
    | { conversations: number; messages: number; first_day: string | null; last_day: string | null }
    | undefined;
  const synced = db.prepare("SELECT 1 FROM sync_cursors WHERE source = 'chatwoot' LIMIT 1").get() !== undefined;
  return { conversations: row?.conversations ?? 0, messages: row?.messages ?? 0, first_day: row?.first_day ?? null, last_day: row?.last_day ?? null, synced };
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
  const bh = query.businessHours ?? false;
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
  for (const r of db.prepare(`SELECT c.day AS day, count(*) AS n FROM cw_conversations c WHERE c.day >= ? AND c.day <= ?${cWhere} GROUP BY c.day`).all(range.first, range.last, ...cParams) as Array<{ day: string; n: number }>) {
    const b = at(r.day);
    if (b) b.conversations_count += r.n;
  }
  const messageRollup = messageRollupFilter(scope);
  const messageRows = (
    messageRollup
      ? db
          .prepare(
            `SELECT day, total(n) FILTER (WHERE message_type = 0) AS incoming, total(n) FILTER (WHERE message_type = 1) AS outgoing
             FROM cw_message_days WHERE day >= ? AND day <= ? AND message_type IN (0, 1)${messageRollup[0]} GROUP BY day`,
          )
          .all(range.first, range.last, ...messageRollup[1])
      : db
          .prepare(
            `SELECT m.day AS day, count(*) FILTER (WHERE m.message_type = 0) AS incoming, count(*) FILTER (WHERE m.message_type = 1) AS outgoing
             FROM cw_messages m WHERE m.day >= ? AND m.day <= ? AND m.message_type IN (0, 1)${sql.messages[0]} GROUP BY m.day`,
          )
          .all(range.first, range.last, ...sql.messages[1])
  ) as Array<{ day: string; incoming: number; outgoing: number }>;
  for (const r of messageRows) {
    const b = at(r.day);
    if (!b) continue;
    b.incoming_messages_count += r.incoming;
    b.outgoing_messages_count += r.outgoing;
  }
  const names = "'first_response', 'conversation_resolved', 'reply_time', 'conversation_bot_resolved'";
  const eventRollup = eventRollupFilter(scope);
  const eventRows = (
    eventRollup
      ? db
          .prepare(
            `SELECT day, name, total(n) AS n, total(${bh ? 'bh_sum' : 'value_sum'}) AS total, total(${bh ? 'bh_n' : 'value_n'}) AS valued
             FROM cw_event_days WHERE name IN (${names}) AND day >= ? AND day <= ?${eventRollup[0]} GROUP BY day, name`,
          )
          .all(range.first, range.last, ...eventRollup[1])
      : db
          .prepare(
            `SELECT e.day AS day, e.name AS name, count(*) AS n, total(${bh ? 'e.value_in_business_hours' : 'e.value'}) AS total, count(${bh ? 'e.value_in_business_hours' : 'e.value'}) AS valued
             FROM cw_events e WHERE e.name IN (${names}) AND e.day >= ? AND e.day <= ?${sql.events[0]} GROUP BY e.day, e.name`,
          )
          .all(range.first, range.last, ...sql.events[1])
  ) as Array<{ day: string; name: string; n: number; total: number; valued: number }>;
  for (const r of eventRows) {
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
  const [eWhere, eParams] = sql.events;
  for (const r of db
    .prepare(
      `SELECT day, count(*) AS n FROM (SELECT min(e.day) AS day FROM cw_events e JOIN cw_conversations conv ON conv.id = e.conversation_id
         WHERE e.name = 'conversation_bot_handoff' AND e.day >= ? AND e.day <= ?${eWhere} GROUP BY e.conversation_id, e.day) GROUP BY day`,
    )
    .all(range.first, range.last, ...eParams) as Array<{ day: string; n: number }>) {
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
