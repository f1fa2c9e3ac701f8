import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { expect } from 'vitest';
import { NexusCore } from '../../src/main/core/nexusCore';
import { KeychainVault } from '../../src/main/core/secrets/vault';
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

