import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { expect } from 'vitest';
import { NexusCore } from '../../src/main/core/nexusCore';
import { KeychainVault } from '../../src/main/core/secrets/vault';
import type { Company } from '../../src/main/core/companies/companyStore';
import { resolveRange, supportKpis } from '../../src/main/core/kpi/support';
import { dropChatwootDatabase, loadChatwoot } from '../../src/main/sim/chatwoot';
import type { SupportScope } from '../../src/shared/support';

export const PG_SERVER = 'postgres://postgres@127.0.0.1:5432';

/** A uniquely named Chatwoot database on the machine's PostgreSQL, filled by the generator. */
export async function chatwootDatabase(options: { conversations: number; seed: number; end?: Date }): Promise<{ url: string; drop(): Promise<void> }> {
  const url = `${PG_SERVER}/nexus_test_cw_${randomBytes(5).toString('hex')}`;
  await loadChatwoot(url, options);
  return { url, drop: () => dropChatwootDatabase(url) };
}

/** A core on a fresh data dir with company "acme" reading that database's account 1. */
export function chatwootCore(url: string): { core: NexusCore; dataDir: string; close(): void } {
  const dataDir = mkdtempSync(join(tmpdir(), 'nexus-cw-'));
  const core = new NexusCore({ dataDir, vault: new KeychainVault() });
  core.addCompany('acme', 'Acme Atendimento');
  core.setSourceSettings('acme', 'chatwoot', { url, account_id: '1' });
  return {
    core,
    dataDir,
    close() {
      core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function syncChatwoot(core: NexusCore, options: { full?: boolean } = {}): Promise<void> {
  const outcome = await core.startSync('acme', 'chatwoot', options).done;
  expect(outcome.error, JSON.stringify(outcome.error)).toBeNull();
  expect(outcome.status).toBe('succeeded');
}

/** Runs SQL on the Chatwoot database itself (the independent side of every comparison). */
export async function withPg<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export const TS = (p: number) => `(to_timestamp($${p}::double precision / 1000) AT TIME ZONE 'UTC')`;

function scopeWhere(scope: SupportScope, table: 'c' | 'm' | 'e' | 'r'): string {
  const conversationsOf = (cond: string) => `${table === 'c' ? 'c.id' : `${table}.conversation_id`} IN (SELECT id FROM conversations WHERE ${cond})`;
  switch (scope.kind) {
    case 'account':
      return 'true';
    case 'inbox':
      return table === 'r' ? conversationsOf(`inbox_id = ${scope.id}`) : `${table}.inbox_id = ${scope.id}`;
    case 'agent':
      return { c: `c.assignee_id = ${scope.id}`, m: `m.sender_type = 'User' AND m.sender_id = ${scope.id}`, e: `e.user_id = ${scope.id}`, r: `r.assigned_agent_id = ${scope.id}` }[table];
    case 'team':
      return table === 'c' ? `c.team_id = ${scope.id}` : conversationsOf(`team_id = ${scope.id}`);
    case 'label': {
      const tagged = `SELECT tg.taggable_id FROM taggings tg JOIN tags ON tags.id = tg.tag_id WHERE tg.taggable_type = 'Conversation' AND tg.context = 'labels' AND tags.name = '${scope.label.replace(/'/g, "''")}'`;
      return `${table === 'c' ? 'c.id' : `${table}.conversation_id`} IN (${tagged})`;
    }
  }
}

/** The reference's SQL (§5), with the scope and business-hours variants. */
export async function pgKpis(client: pg.Client, since: number, until: number, scope: SupportScope, businessHours: boolean) {
  const v = businessHours ? 'value_in_business_hours' : 'value';
  const range = (t: string) => `${t}.created_at >= ${TS(1)} AND ${t}.created_at < ${TS(2)}`;
  const { rows } = await client.query(
    `SELECT
      (SELECT count(*) FROM conversations c WHERE c.account_id = 1 AND ${range('c')} AND ${scopeWhere(scope, 'c')})::int AS conversations_count,
      (SELECT count(*) FROM messages m WHERE m.account_id = 1 AND m.message_type = 0 AND ${range('m')} AND ${scopeWhere(scope, 'm')})::int AS incoming_messages_count,
      (SELECT count(*) FROM messages m WHERE m.account_id = 1 AND m.message_type = 1 AND ${range('m')} AND ${scopeWhere(scope, 'm')})::int AS outgoing_messages_count,
      (SELECT avg(e.${v}) FROM reporting_events e WHERE e.account_id = 1 AND e.name = 'first_response' AND ${range('e')} AND ${scopeWhere(scope, 'e')}) AS avg_first_response_time,
      (SELECT avg(e.${v}) FROM reporting_events e WHERE e.account_id = 1 AND e.name = 'conversation_resolved' AND ${range('e')} AND ${scopeWhere(scope, 'e')}) AS avg_resolution_time,
      (SELECT avg(e.${v}) FROM reporting_events e WHERE e.account_id = 1 AND e.name = 'reply_time' AND ${range('e')} AND ${scopeWhere(scope, 'e')}) AS avg_reply_time,
      (SELECT count(*) FROM reporting_events e WHERE e.account_id = 1 AND e.name = 'conversation_resolved' AND ${range('e')} AND ${scopeWhere(scope, 'e')})::int AS resolutions_count,
      (SELECT count(*) FROM reporting_events e WHERE e.account_id = 1 AND e.name = 'conversation_bot_resolved' AND ${range('e')} AND ${scopeWhere(scope, 'e')})::int AS bot_resolutions_count,
      (SELECT count(DISTINCT e.conversation_id) FROM reporting_events e JOIN conversations cc ON cc.id = e.conversation_id
        WHERE e.account_id = 1 AND e.name = 'conversation_bot_handoff' AND ${range('e')} AND ${scopeWhere(scope, 'e')})::int AS bot_handoffs_count,
      (SELECT count(*) FROM csat_survey_responses r WHERE r.account_id = 1 AND ${range('r')} AND ${scopeWhere(scope, 'r')})::int AS csat_total_responses,
      (SELECT round(100.0 * count(*) FILTER (WHERE r.rating >= 4) / nullif(count(*), 0), 2) FROM csat_survey_responses r WHERE r.account_id = 1 AND ${range('r')} AND ${scopeWhere(scope, 'r')})::float8 AS csat_satisfaction_score,
      (SELECT round(100.0 * (SELECT count(*) FROM csat_survey_responses r WHERE r.account_id = 1 AND ${range('r')} AND ${scopeWhere(scope, 'r')})
          / nullif(count(*), 0), 2) FROM messages m WHERE m.account_id = 1 AND m.content_type = 9 AND ${range('m')})::float8 AS csat_response_rate`,
    [since, until],
  );
  return rows[0] as Record<string, number | null>;
}


/** Chatwoot's inbox, team and label overview tables (base/inbox/team/label summary builders), in SQL. */
export async function pgSegments(client: pg.Client, since: number, until: number) {
  const range = (t: string) => `${t}.created_at >= ${TS(1)} AND ${t}.created_at < ${TS(2)}`;
  const entity = async (groupConv: string, groupEvents: string, from: string) => {
    const conv = await client.query(`SELECT ${groupConv} AS key, count(*)::int AS n FROM conversations c WHERE c.account_id = 1 AND ${range('c')} GROUP BY 1`, [since, until]);
    const ev = await client.query(
      `SELECT ${groupEvents} AS key, count(*) FILTER (WHERE e.name = 'conversation_resolved')::int AS resolved,
         avg(e.value) FILTER (WHERE e.name = 'conversation_resolved') AS resolution, avg(e.value) FILTER (WHERE e.name = 'first_response') AS first_response,
         avg(e.value) FILTER (WHERE e.name = 'reply_time') AS reply
       FROM ${from} WHERE e.account_id = 1 AND ${range('e')} GROUP BY 1`,
      [since, until],
    );
    return { conversations: new Map(conv.rows.map((r) => [Number(r.key), r.n])), events: new Map(ev.rows.map((r) => [Number(r.key), r])) };
  };
  const labelsConv = await client.query(
    `SELECT tags.name AS key, count(*)::int AS n FROM taggings tg JOIN tags ON tags.id = tg.tag_id JOIN conversations c ON c.id = tg.taggable_id
     WHERE tg.taggable_type = 'Conversation' AND tg.context = 'labels' AND c.account_id = 1 AND ${range('c')} GROUP BY 1`,
    [since, until],
  );
  const labelsResolved = await client.query(
    `SELECT tags.name AS key, count(*)::int AS n FROM reporting_events e JOIN taggings tg ON tg.taggable_id = e.conversation_id AND tg.taggable_type = 'Conversation' AND tg.context = 'labels'
     JOIN tags ON tags.id = tg.tag_id WHERE e.account_id = 1 AND e.name = 'conversation_resolved' AND ${range('e')} GROUP BY 1`,
    [since, until],
  );
  const labelsAvg = await client.query(
    `SELECT tags.name AS key, avg(e.value) FILTER (WHERE e.name = 'conversation_resolved') AS resolution,
       avg(e.value) FILTER (WHERE e.name = 'first_response') AS first_response, avg(e.value) FILTER (WHERE e.name = 'reply_time') AS reply
     FROM reporting_events e JOIN conversations c ON c.id = e.conversation_id
     JOIN taggings tg ON tg.taggable_id = c.id AND tg.taggable_type = 'Conversation' AND tg.context = 'labels' JOIN tags ON tags.id = tg.tag_id
     WHERE e.account_id = 1 AND ${range('c')} GROUP BY 1`,
    [since, until],
  );
  return {
    inbox: await entity('c.inbox_id', 'e.inbox_id', 'reporting_events e'),
    team: await entity('c.team_id', 'conv.team_id', 'reporting_events e JOIN conversations conv ON conv.id = e.conversation_id'),
    agent: await entity('c.assignee_id', 'e.user_id', 'reporting_events e'),
    label: {
      conversations: new Map(labelsConv.rows.map((r) => [r.key as string, r.n as number])),
      resolved: new Map(labelsResolved.rows.map((r) => [r.key as string, r.n as number])),
      averages: new Map(labelsAvg.rows.map((r) => [r.key as string, r])),
    },
  };
}

const closeTo = (a: number | null, b: unknown, label: string) => {
  if (b === null || b === undefined) expect(a, label).toBeNull();
  else expect(a, label).toBeCloseTo(Number(b), 6);
};

/** Every row of the four overview tables equals the same builder run in SQL on the Chatwoot database. */
export async function expectSegmentsEqual(company: Company, url: string, range: { from: string; to: string }): Promise<void> {
  const ours = supportKpis(company, range);
  const { since, until } = resolveRange(company, range);
  const theirs = await withPg(url, (client) => pgSegments(client, since, until));
  const rows: Array<[string, Array<{ key: number; conversations_count: number; resolved_conversations_count: number; avg_first_response_time: number | null; avg_resolution_time: number | null; avg_reply_time: number | null }>, Awaited<ReturnType<typeof pgSegments>>['inbox']]> = [
    ['inbox', ours.by_inbox.map((r) => ({ ...r, key: r.inbox_id })), theirs.inbox],
    ['team', ours.by_team.map((r) => ({ ...r, key: r.team_id })), theirs.team],
    ['agent', ours.by_agent.map((r) => ({ ...r, key: r.agent_id })), theirs.agent],
  ];
  for (const [kind, list, pgSide] of rows) {
    expect(list.some((r) => r.conversations_count > 0), kind).toBe(true);
    for (const r of list) {
      const label = `${kind} ${r.key} ${range.from}..${range.to}`;
      expect(r.conversations_count, label).toBe(pgSide.conversations.get(r.key) ?? 0);
      const ev = pgSide.events.get(r.key);
      expect(r.resolved_conversations_count, label).toBe(ev?.resolved ?? 0);
      closeTo(r.avg_resolution_time, ev?.resolution ?? null, `${label} resolução`);
      closeTo(r.avg_first_response_time, ev?.first_response ?? null, `${label} 1ª resposta`);
      closeTo(r.avg_reply_time, ev?.reply ?? null, `${label} espera`);
    }
  }
  expect(ours.by_label.some((r) => r.conversations_count > 0)).toBe(true);
  for (const r of ours.by_label) {
    const label = `label ${r.label}`;
    expect(r.conversations_count, label).toBe(theirs.label.conversations.get(r.label) ?? 0);
    expect(r.resolved_conversations_count, label).toBe(theirs.label.resolved.get(r.label) ?? 0);
    const avg = theirs.label.averages.get(r.label);
    // Chatwoot's label table turns a missing average into 0.
    expect(r.avg_resolution_time, label).toBeCloseTo(Number(avg?.resolution ?? 0), 6);
    expect(r.avg_first_response_time, label).toBeCloseTo(Number(avg?.first_response ?? 0), 6);
    expect(r.avg_reply_time, label).toBeCloseTo(Number(avg?.reply ?? 0), 6);
  }
}
