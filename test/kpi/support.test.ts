import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NexusCore } from '../../src/main/core/nexusCore';
import ExcelJS from 'exceljs';
import { resolveRange, supportKpis, supportTimeseries } from '../../src/main/core/kpi/support';
import { exportSupportTable } from '../../src/main/core/kpi/support/export';
import { SupportExportTable } from '../../src/shared/support';
import type { SupportKpis, SupportScope } from '../../src/shared/support';
import { chatwootCore, chatwootDatabase, expectSegmentsEqual, pgKpis, syncChatwoot, TS, withPg } from '../helpers/chatwoot';

/**
 * Every headline KPI of the support area equals the same formula run by PostgreSQL on the
 * Chatwoot database itself (reference chatwoot.md §4/§5), for several ranges, scopes and the
 * business-hours switch.
 */

const END = new Date('2026-10-31T15:00:00Z');
let db: Awaited<ReturnType<typeof chatwootDatabase>>;
let env: ReturnType<typeof chatwootCore>;
let core: NexusCore;

beforeAll(async () => {
  db = await chatwootDatabase({ conversations: 2500, seed: 42, end: END });
  env = chatwootCore(db.url);
  core = env.core;
  await syncChatwoot(core);
}, 120_000);

afterAll(async () => {
  env?.close();
  await db?.drop();
});

const HEADLINE = [
  'conversations_count', 'incoming_messages_count', 'outgoing_messages_count', 'avg_first_response_time', 'avg_resolution_time', 'avg_reply_time',
  'resolutions_count', 'bot_resolutions_count', 'bot_handoffs_count', 'csat_total_responses', 'csat_satisfaction_score', 'csat_response_rate',
] as const;

function expectSame(ours: SupportKpis, theirs: Record<string, number | null>, label: string): void {
  for (const key of HEADLINE) {
    const a = ours[key];
    const b = theirs[key] === null ? null : Number(theirs[key]);
    if (b === null || a === null) expect(a, `${label}: ${key}`).toBe(b);
    else expect(a, `${label}: ${key}`).toBeCloseTo(b, 6);
  }
}

const RANGES: Array<{ from?: string; to?: string; name: string }> = [
  { from: '2000-01-01', to: '2100-12-31', name: 'todo o histórico' },
  { from: '2026-10-01', to: '2026-10-31', name: 'outubro' },
  { from: '2026-10-25', to: '2026-10-31', name: 'últimos 7 dias' },
  { from: '2026-08-15', to: '2026-08-15', name: 'um dia' },
];

describe('support KPIs equal Chatwoot’s formulas run on its own database', () => {
  it('headline KPIs for several ranges, business hours on and off', async () => {
    const company = core.company('acme');
    await withPg(db.url, async (client) => {
      // Rows stamped exactly at a local midnight belong to the day that starts there, not the one
      // that ends there (half-open ranges): test both days around each of them.
      const { rows: midnights } = await client.query<{ day: string }>(
        `SELECT DISTINCT to_char((t AT TIME ZONE 'UTC') AT TIME ZONE 'America/Sao_Paulo', 'YYYY-MM-DD') AS day FROM (
           SELECT created_at AS t FROM conversations UNION ALL SELECT created_at FROM messages UNION ALL SELECT created_at FROM reporting_events) x
         WHERE ((t AT TIME ZONE 'UTC') AT TIME ZONE 'America/Sao_Paulo')::time = '00:00:00'`,
      );
      expect(midnights.length, 'the generator puts rows on a local midnight').toBeGreaterThan(0);
      const boundaryRanges = midnights.flatMap(({ day }) => {
        const before = new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
        return [{ from: before, to: before, name: `véspera de ${day}` }, { from: day, to: day, name: day }];
      });
      for (const r of [...RANGES, ...boundaryRanges]) {
        const { since, until } = resolveRange(company, r);
        for (const businessHours of [false, true]) {
          const ours = supportKpis(company, { from: r.from, to: r.to, businessHours });
          expectSame(ours, await pgKpis(client, since, until, { kind: 'account' }, businessHours), `${r.name}${businessHours ? ' (horário comercial)' : ''}`);
        }
      }
    });
    const all = supportKpis(company, { from: '2000-01-01', to: '2100-12-31' });
    expect(all.conversations_count).toBeGreaterThan(2000);
    expect(all.bot_handoffs_count).toBeGreaterThan(0);
    expect(all.bot_resolutions_count).toBeGreaterThan(0);
    expect(all.avg_reply_time).not.toBeNull();
    expect(all.csat_total_responses).toBeGreaterThan(0);
    // No range at all is the whole history.
    const none = supportKpis(company, {});
    for (const key of HEADLINE) expect(none[key]).toEqual(all[key]);
  });

  it('every scope: inbox, agent, team and label', async () => {
    const company = core.company('acme');
    const kpis = supportKpis(company, { from: '2026-09-01', to: '2026-10-31' });
    const busiest = <T extends { conversations_count: number }>(rows: T[]) => rows.filter((r) => r.conversations_count > 0)[0];
    const scopes: SupportScope[] = [
      { kind: 'inbox', id: busiest(kpis.by_inbox).inbox_id },
      { kind: 'agent', id: busiest(kpis.by_agent).agent_id },
      { kind: 'team', id: busiest(kpis.by_team).team_id },
      { kind: 'label', label: busiest(kpis.by_label).label },
    ];
    await withPg(db.url, async (client) => {
      const { since, until } = resolveRange(company, { from: '2026-09-01', to: '2026-10-31' });
      for (const scope of scopes) {
        const ours = supportKpis(company, { from: '2026-09-01', to: '2026-10-31', scope });
        expect(ours.conversations_count, JSON.stringify(scope)).toBeGreaterThan(0);
        expectSame(ours, await pgKpis(client, since, until, scope, false), JSON.stringify(scope));
      }
    });
  });

  it('agent overview, live counts, heat map and previous period', async () => {
    const company = core.company('acme');
    const range = { from: '2026-10-01', to: '2026-10-31' };
    const { since, until } = resolveRange(company, range);
    const ours = supportKpis(company, range);
    await withPg(db.url, async (client) => {
      const agents = await client.query(
        `WITH re AS (SELECT user_id, count(*) FILTER (WHERE name='conversation_resolved')::int AS resolved_count,
            avg(value) FILTER (WHERE name='conversation_resolved') AS avg_resolution_time,
            avg(value) FILTER (WHERE name='first_response') AS avg_first_response_time,
            avg(value) FILTER (WHERE name='reply_time') AS avg_reply_time
          FROM reporting_events WHERE account_id = 1 AND created_at >= ${TS(1)} AND created_at < ${TS(2)} GROUP BY user_id),
        cc AS (SELECT assignee_id, count(*)::int n FROM conversations WHERE account_id = 1 AND created_at >= ${TS(1)} AND created_at < ${TS(2)} GROUP BY assignee_id)
        SELECT au.user_id::int AS user_id, coalesce(cc.n, 0) AS conversations_count, coalesce(re.resolved_count, 0) AS resolved_conversations_count,
          re.avg_resolution_time, re.avg_first_response_time, re.avg_reply_time
        FROM account_users au LEFT JOIN cc ON cc.assignee_id = au.user_id LEFT JOIN re ON re.user_id = au.user_id WHERE au.account_id = 1`,
        [since, until],
      );
      expect(ours.by_agent).toHaveLength(agents.rows.length);
      for (const row of agents.rows) {
        const mine = ours.by_agent.find((a) => a.agent_id === row.user_id);
        expect(mine, `agent ${row.user_id}`).toBeDefined();
        expect(mine!.conversations_count).toBe(row.conversations_count);
        expect(mine!.resolved_conversations_count).toBe(row.resolved_conversations_count);
        for (const key of ['avg_resolution_time', 'avg_first_response_time', 'avg_reply_time'] as const) {
          if (row[key] === null) expect(mine![key]).toBeNull();
          else expect(mine![key]).toBeCloseTo(row[key], 6);
        }
      }
      const live = await client.query(
        `SELECT count(*) FILTER (WHERE status=0)::int AS open,
           count(*) FILTER (WHERE status=0 AND (first_reply_created_at IS NULL OR waiting_since IS NOT NULL))::int AS unattended,
           count(*) FILTER (WHERE status=0 AND assignee_id IS NULL)::int AS unassigned,
           count(*) FILTER (WHERE status=2)::int AS pending
         FROM conversations WHERE account_id = 1`,
      );
      expect({ ...ours.live, snoozed: undefined }).toEqual({ ...live.rows[0], snoozed: undefined });
      expect(ours.live.open + ours.live.pending).toBeGreaterThan(0);
      const heat = await client.query(
        `SELECT extract(dow FROM (created_at AT TIME ZONE 'UTC') AT TIME ZONE 'America/Sao_Paulo')::int AS weekday,
           extract(hour FROM (created_at AT TIME ZONE 'UTC') AT TIME ZONE 'America/Sao_Paulo')::int AS hour, count(*)::int AS n
         FROM conversations WHERE account_id = 1 AND created_at >= ${TS(1)} AND created_at < ${TS(2)} GROUP BY 1, 2`,
        [since, until],
      );
      expect(ours.heatmap).toHaveLength(168);
      const cells = new Map(heat.rows.map((r) => [r.weekday * 24 + r.hour, r.n]));
      for (const cell of ours.heatmap) expect(cell.conversations_count, `${cell.weekday} ${cell.hour}h`).toBe(cells.get(cell.weekday * 24 + cell.hour) ?? 0);
      // The previous period is the window of equal length just before (September 1–30 + 1 day = 31 days).
      expect(ours.previous).not.toBeNull();
      expect(ours.previous!.from).toBe('2026-08-31');
      expect(ours.previous!.to).toBe('2026-09-30');
      const prev = await pgKpis(client, since - (until - since), since, { kind: 'account' }, false);
      expect(ours.previous!.conversations_count).toBe(prev.conversations_count);
      expect(ours.previous!.resolutions_count).toBe(prev.resolutions_count);
    });
  });

  it('inbox, team, agent and label tables equal Chatwoot’s overview builders', async () => {
    const company = core.company('acme');
    for (const range of [{ from: '2026-10-01', to: '2026-10-31' }, { from: '2000-01-01', to: '2100-12-31' }]) {
      await expectSegmentsEqual(company, db.url, range);
    }
  });

  it('every table of the dashboard exports to CSV and Excel with the rows the screen shows', async () => {
    const company = core.company('acme');
    const range = { from: '2026-10-01', to: '2026-10-31' };
    const k = supportKpis(company, range);
    const expected: Record<string, number> = {
      agents: k.by_agent.length, inboxes: k.by_inbox.length, teams: k.by_team.length, labels: k.by_label.length, summary: 12, timeseries: 31, heatmap: 24,
      resolutions_heatmap: 24, status: 4, priority: 5, channels: k.by_channel.length, first_response: 5, ratings: 5,
      conversations: k.conversations_count, csat: k.csat_total_responses,
    };
    for (const table of SupportExportTable.options) {
      const csv = await exportSupportTable(company, table, 'csv', range);
      expect(csv.rows, table).toBe(expected[table]);
      const text = Buffer.from(csv.content, 'base64').toString('utf8');
      expect(text.startsWith('\uFEFF'), table).toBe(true);
      expect(text.trim().split('\r\n'), table).toHaveLength(expected[table] + 1);
      const xlsx = await exportSupportTable(company, table, 'xlsx', range);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(Buffer.from(xlsx.content, 'base64') as unknown as ArrayBuffer);
      expect(book.worksheets[0].rowCount, table).toBe(expected[table] + 1);
      expect(xlsx.fileName).toBe(`atendimento-${table}-acme-2026-10-01-2026-10-31.xlsx`);
    }
    // A sample cell: the channel table's first row equals the KPI.
    const channels = await exportSupportTable(company, 'channels', 'csv', range);
    const [, first] = Buffer.from(channels.content, 'base64').toString('utf8').replace('\uFEFF', '').split('\r\n');
    const c = k.by_channel[0];
    expect(first).toBe([c.channel, c.open, c.pending, c.snoozed, c.resolved, c.total].join(';'));
  });

  it('timeseries buckets by day, Sunday week and month add up to the summary', async () => {
    const company = core.company('acme');
    const range = { from: '2026-09-01', to: '2026-10-31' };
    const kpis = supportKpis(company, range);
    for (const groupBy of ['day', 'week', 'month'] as const) {
      const series = supportTimeseries(company, { ...range, groupBy });
      const sum = (k: 'conversations_count' | 'incoming_messages_count' | 'resolutions_count' | 'bot_handoffs_count') => series.points.reduce((s, p) => s + p[k], 0);
      expect(sum('conversations_count'), groupBy).toBe(kpis.conversations_count);
      expect(sum('incoming_messages_count'), groupBy).toBe(kpis.incoming_messages_count);
      expect(sum('resolutions_count'), groupBy).toBe(kpis.resolutions_count);
      expect(sum('bot_handoffs_count'), groupBy).toBe(kpis.bot_handoffs_count);
      if (groupBy === 'day') expect(series.points).toHaveLength(61);
      if (groupBy === 'week') for (const p of series.points) expect(new Date(`${p.bucket}T00:00:00Z`).getUTCDay()).toBe(0);
      if (groupBy === 'month') expect(series.points.map((p) => p.bucket)).toEqual(['2026-09-01', '2026-10-01']);
    }
    const daily = supportTimeseries(company, { ...range, groupBy: 'day' });
    const weighted = daily.points.reduce((s, p) => s + (p.avg_first_response_time ?? 0) * p.first_response_count, 0) / daily.points.reduce((s, p) => s + p.first_response_count, 0);
    expect(weighted).toBeCloseTo(kpis.avg_first_response_time!, 4);
  });

  it('the analytics row: one per conversation, consistent with the mirror', () => {
    const db = core.company('acme').db;
    const n = (sql: string) => db.prepare(sql).pluck().get() as number;
    expect(n('SELECT count(*) FROM cw_conversation_facts')).toBe(n('SELECT count(*) FROM cw_conversations'));
    expect(n('SELECT count(*) FROM cw_dirty')).toBe(0);
    expect(n('SELECT count(*) FROM cw_conversation_facts f WHERE f.messages_count != (SELECT count(*) FROM cw_messages m WHERE m.conversation_id = f.conversation_id)')).toBe(0);
    expect(n('SELECT count(*) FROM cw_conversation_facts WHERE reopened = 1')).toBeGreaterThan(0);
    expect(n('SELECT count(*) FROM cw_conversation_facts WHERE bot_resolved = 1 AND human_intervention = 0')).toBeGreaterThan(0);
    expect(n('SELECT count(*) FROM cw_conversation_facts WHERE handoff = 1 AND time_to_handoff_seconds IS NOT NULL')).toBeGreaterThan(0);
    expect(n("SELECT count(*) FROM cw_conversation_facts WHERE csat_category IN ('promotor', 'neutro', 'detrator')")).toBe(n('SELECT count(DISTINCT conversation_id) FROM cw_csat_responses'));
    expect(n("SELECT count(*) FROM cw_conversation_facts WHERE status_label NOT IN ('Aberta', 'Resolvida', 'Pendente', 'Adiada')")).toBe(0);
    const columns = (db.prepare('PRAGMA table_info(cw_conversation_facts)').all() as unknown[]).length;
    expect(columns).toBeGreaterThanOrEqual(100);
  });
});
