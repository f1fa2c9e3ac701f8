import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropChatwootDatabase, generateChatwoot, loadChatwoot, simulateActivity, type LoadChatwootResult } from '../../src/main/sim/chatwoot';
import { invariantViolations } from './chatwoot-invariants';

const SERVER = 'postgres://postgres@127.0.0.1:5432';
const END = new Date('2026-10-15T18:30:00Z');
const testDb = () => `${SERVER}/nexus_test_cw_${randomBytes(5).toString('hex')}`;
const zeroes = (v: Record<string, number>) => Object.fromEntries(Object.keys(v).map((k) => [k, 0]));

async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const one = async (c: Client, sql: string, params: unknown[] = []) => Object.values((await c.query(sql, params)).rows[0])[0];

describe('Chatwoot generated database (2,000 conversations)', () => {
  const url = testDb();
  let loaded: LoadChatwootResult;

  beforeAll(async () => {
    loaded = await loadChatwoot(url, { conversations: 2000, seed: 11, end: END });
  }, 120_000);
  afterAll(() => dropChatwootDatabase(url));

  it('loads every table with the counts it reports', async () => {
    expect(loaded.counts.conversations).toBe(2006);
    expect(loaded.counts.messages).toBeGreaterThan(25_000);
    await withClient(url, async (c) => {
      for (const [table, count] of Object.entries(loaded.counts)) expect(Number(await one(c, `SELECT count(*) FROM ${table}`)), table).toBe(count);
      const inboxes = (await c.query(`SELECT channel_type, timezone, working_hours_enabled, csat_survey_enabled FROM inboxes WHERE account_id = 1`)).rows;
      expect(inboxes.length).toBeGreaterThanOrEqual(5);
      expect(new Set(inboxes.map((i) => i.channel_type))).toEqual(new Set(['Channel::WebWidget', 'Channel::Api', 'Channel::Whatsapp']));
      expect(inboxes.some((i) => i.timezone === 'America/Manaus') && inboxes.some((i) => i.timezone === 'America/Sao_Paulo')).toBe(true);
      expect(inboxes.some((i) => i.working_hours_enabled) && inboxes.some((i) => !i.working_hours_enabled)).toBe(true);
      expect(Number(await one(c, `SELECT count(*) FROM agent_bot_inboxes WHERE status = 0`))).toBe(1);
    });
  });

  it('keeps every §7 invariant', async () => {
    const violations = await withClient(url, invariantViolations);
    expect(violations).toEqual(zeroes(violations));
  });

  it('holds the edge cases real data has', async () => {
    await withClient(url, async (c) => {
      const counts = (await c.query(`SELECT
        (SELECT count(*) FROM conversations c WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id)) AS no_messages,
        (SELECT count(*) FROM messages m WHERE m.sender_type = 'User' AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = m.sender_id)) AS deleted_sender,
        (SELECT count(*) FROM reporting_events WHERE ((created_at AT TIME ZONE 'UTC') AT TIME ZONE 'America/Sao_Paulo')::time = '00:00') AS midnight_events,
        (SELECT count(*) FROM conversations WHERE ((created_at AT TIME ZONE 'UTC') AT TIME ZONE 'America/Sao_Paulo')::time = '00:00') AS midnight_conversations,
        (SELECT count(*) FROM conversations WHERE assignee_id IS NULL) AS unassigned,
        (SELECT count(*) FROM conversations WHERE team_id IS NOT NULL) AS with_team,
        (SELECT count(*) FROM conversations WHERE status = 3) AS snoozed,
        (SELECT count(*) FROM conversations WHERE status = 2) AS pending,
        (SELECT count(*) FROM conversations WHERE status = 0) AS open,
        (SELECT count(*) FROM conversations WHERE status = 1 AND contact_id IN (SELECT id FROM contacts WHERE blocked)) AS blocked_resolved,
        (SELECT count(*) FROM messages WHERE private) AS notes,
        (SELECT count(*) FROM messages WHERE sender_type = 'AgentBot') AS bot_messages,
        (SELECT count(*) FROM (SELECT conversation_id FROM reporting_events WHERE name = 'conversation_resolved' GROUP BY 1 HAVING count(*) > 1) s) AS resolved_twice,
        (SELECT max(greatest(created_at, updated_at)) FROM messages) AS last_message,
        (SELECT max(created_at) FROM reporting_events) AS last_event,
        (SELECT count(*) FROM conversations WHERE account_id = 2) AS other_account,
        (SELECT count(*) FROM messages m JOIN inboxes i ON i.id = m.inbox_id WHERE m.account_id = 2 AND i.account_id <> 2) AS cross_account`)).rows[0];
      expect(Number(counts.no_messages)).toBeGreaterThanOrEqual(1);
      expect(Number(counts.deleted_sender)).toBeGreaterThan(0);
      expect(Number(counts.midnight_events)).toBeGreaterThanOrEqual(1);
      expect(Number(counts.midnight_conversations)).toBeGreaterThanOrEqual(1);
      expect(Number(counts.unassigned) / 2006).toBeGreaterThan(0.05);
      expect(Number(counts.unassigned) / 2006).toBeLessThan(0.3);
      expect(Number(counts.with_team) / 2006).toBeGreaterThan(0.55);
      expect(Number(counts.with_team) / 2006).toBeLessThan(0.85);
      expect(Number(counts.pending)).toBeGreaterThan(0);
      expect(Number(counts.open)).toBeGreaterThan(0);
      expect(Number(counts.notes)).toBeGreaterThan(0);
      expect(Number(counts.bot_messages)).toBeGreaterThan(0);
      expect(Number(counts.resolved_twice)).toBeGreaterThan(0);
      expect(counts.last_message.getTime()).toBeLessThanOrEqual(END.getTime());
      expect(counts.last_event.getTime()).toBeLessThanOrEqual(END.getTime());
      expect(Number(counts.other_account)).toBeGreaterThan(0);
      expect(Number(counts.cross_account)).toBe(0);
    });
  });

  it('answers the reference §5 KPI SQL with real numbers', async () => {
    await withClient(url, async (c) => {
      const params = [1, '2026-04-15T00:00:00', END.toISOString().slice(0, 19)];
      const k = (await c.query(`SELECT
 (SELECT count(*) FROM conversations WHERE account_id=$1 AND created_at >= $2 AND created_at < $3) AS conversations_count,
 (SELECT count(*) FROM messages WHERE account_id=$1 AND message_type=0 AND created_at >= $2 AND created_at < $3) AS incoming_messages_count,
 (SELECT count(*) FROM messages WHERE account_id=$1 AND message_type=1 AND created_at >= $2 AND created_at < $3) AS outgoing_messages_count,
 (SELECT avg(value) FROM reporting_events WHERE account_id=$1 AND name='first_response' AND created_at >= $2 AND created_at < $3) AS avg_first_response_time,
 (SELECT avg(value) FROM reporting_events WHERE account_id=$1 AND name='conversation_resolved' AND created_at >= $2 AND created_at < $3) AS avg_resolution_time,
 (SELECT avg(value_in_business_hours) FROM reporting_events WHERE account_id=$1 AND name='conversation_resolved' AND created_at >= $2 AND created_at < $3) AS avg_resolution_business,
 (SELECT count(*) FROM reporting_events WHERE account_id=$1 AND name='conversation_resolved' AND created_at >= $2 AND created_at < $3) AS resolutions_count,
 (SELECT avg(value) FROM reporting_events WHERE account_id=$1 AND name='reply_time' AND created_at >= $2 AND created_at < $3) AS reply_time,
 (SELECT count(*) FROM reporting_events WHERE account_id=$1 AND name='conversation_bot_resolved' AND created_at >= $2 AND created_at < $3) AS bot_resolutions_count,
 (SELECT count(DISTINCT re.conversation_id) FROM reporting_events re JOIN conversations c ON c.id=re.conversation_id
   WHERE re.account_id=$1 AND re.name='conversation_bot_handoff' AND re.created_at >= $2 AND re.created_at < $3) AS bot_handoffs_count,
 (SELECT count(DISTINCT conversation_id) FROM reporting_events WHERE account_id=$1 AND name='conversation_opened' AND event_start_time > (SELECT min(created_at) FROM conversations)
   AND value > 0 AND created_at >= $2 AND created_at < $3) AS reopened`, params)).rows[0];
      expect(Number(k.conversations_count)).toBeGreaterThan(1000);
      expect(Number(k.incoming_messages_count)).toBeGreaterThan(Number(k.conversations_count));
      expect(Number(k.outgoing_messages_count)).toBeGreaterThan(Number(k.conversations_count));
      expect(Number(k.avg_first_response_time)).toBeGreaterThan(60);
      expect(Number(k.avg_resolution_time)).toBeGreaterThan(Number(k.avg_first_response_time));
      expect(Number(k.avg_resolution_business)).toBeGreaterThan(0);
      expect(Number(k.avg_resolution_business)).toBeLessThan(Number(k.avg_resolution_time));
      expect(Number(k.resolutions_count)).toBeGreaterThan(500);
      expect(Number(k.reply_time)).toBeGreaterThan(0);
      expect(Number(k.bot_resolutions_count)).toBeGreaterThan(0);
      expect(Number(k.bot_handoffs_count)).toBeGreaterThan(0);
      expect(Number(k.reopened)).toBeGreaterThan(0);
      const live = (await c.query(`SELECT count(*) FILTER (WHERE status=0) AS open,
       count(*) FILTER (WHERE status=0 AND (first_reply_created_at IS NULL OR waiting_since IS NOT NULL)) AS unattended,
       count(*) FILTER (WHERE status=0 AND assignee_id IS NULL) AS unassigned, count(*) FILTER (WHERE status=2) AS pending
       FROM conversations WHERE account_id=$1`, [1])).rows[0];
      expect(Number(live.open)).toBeGreaterThan(Number(live.unattended));
      expect(Number(live.unattended)).toBeGreaterThan(0);
      expect(Number(live.pending)).toBeGreaterThan(0);
      const csat = (await c.query(`WITH r AS (SELECT * FROM csat_survey_responses WHERE account_id=$1 AND created_at >= $2 AND created_at < $3),
     s AS (SELECT count(*) n FROM messages WHERE account_id=$1 AND content_type=9 AND created_at >= $2 AND created_at < $3)
SELECT (SELECT count(*) FROM r) AS total_responses,
       round(100.0*(SELECT count(*) FROM r WHERE rating>=4)/nullif((SELECT count(*) FROM r),0),2) AS satisfaction_score,
       round(100.0*(SELECT count(*) FROM r)/nullif((SELECT n FROM s),0),2) AS response_rate`, params)).rows[0];
      expect(Number(csat.total_responses)).toBeGreaterThan(50);
      expect(Number(csat.satisfaction_score)).toBeGreaterThan(60);
      expect(Number(csat.response_rate)).toBeGreaterThan(40);
      expect(Number(csat.response_rate)).toBeLessThan(75);
    });
  });

  it('generates rows whose keys are exactly the table columns', async () => {
    const data = generateChatwoot({ conversations: 30, seed: 11, end: END });
    const [bundle] = data.bundles;
    const samples: Record<string, Record<string, unknown>> = Object.fromEntries(Object.entries(data.base).map(([table, rows]) => [table, rows[0]]));
    samples.conversations = bundle.conversation;
    samples.messages = bundle.messages[0];
    samples.reporting_events = bundle.reportingEvents[0];
    await withClient(url, async (c) => {
      for (const [table, row] of Object.entries(samples)) {
        const columns = (await c.query(`SELECT column_name FROM information_schema.columns WHERE table_name = $1`, [table])).rows.map((r) => r.column_name);
        expect(Object.keys(row).sort(), table).toEqual(columns.sort());
      }
    });
  });

  it('simulates live activity that keeps the invariants and bumps updated_at', async () => {
    const at = new Date(END.getTime() + 3600_000);
    const before = await withClient(url, (c) => one(c, `SELECT count(*) FROM conversations`));
    const result = await simulateActivity(url, { seed: 5, at, newConversations: 5, replies: 8, resolutions: 6, reopenings: 4 });
    expect(result.conversationIds.length).toBe(5 + 8 + 8 + 6 + 4);
    expect(result.messages).toBeGreaterThanOrEqual(5 + 16 + 6 + 8);
    expect(result.events).toBeGreaterThanOrEqual(8 + 6 + 4);
    await withClient(url, async (c) => {
      expect(Number(await one(c, `SELECT count(*) FROM conversations`))).toBe(Number(before) + 5);
      const touched = (await c.query(`SELECT id, updated_at, display_id FROM conversations WHERE id = ANY ($1::int[])`, [result.conversationIds])).rows;
      expect(touched.length).toBe(result.conversationIds.length);
      for (const row of touched) expect(row.updated_at.getTime(), `conversation ${row.id}`).toBe(at.getTime());
      expect(Number(await one(c, `SELECT count(*) FROM conversations WHERE updated_at = $1 AND NOT (id = ANY ($2::int[]))`, [at.toISOString().slice(0, 23), result.conversationIds]))).toBe(0);
      expect(Number(await one(c, `SELECT count(*) FROM reporting_events WHERE created_at = $1`, [at.toISOString().slice(0, 23)]))).toBe(result.events);
      expect(Number(await one(c, `SELECT count(*) FROM messages WHERE created_at = $1`, [at.toISOString().slice(0, 23)]))).toBe(result.messages);
      // New conversations took their display_id from the account's sequence, after the loaded ones.
      const newest = (await c.query(`SELECT display_id FROM conversations WHERE account_id = 1 ORDER BY id DESC LIMIT 5`)).rows.map((r) => r.display_id);
      expect(newest).toEqual([2005, 2004, 2003, 2002, 2001]);
      const violations = await invariantViolations(c);
      // Activity rows are written by a job that ran "at", inside the 0–5 s window as well.
      expect(violations).toEqual(zeroes(violations));
    });
  });
});

describe('Chatwoot generator determinism', () => {
  const urls = [testDb(), testDb(), testDb()];
  afterAll(() => Promise.all(urls.map((u) => dropChatwootDatabase(u))));

  const checksum = (url: string) =>
    withClient(url, async (c) => ({
      conversations: await one(c, `SELECT md5(string_agg(t::text, '|' ORDER BY id)) FROM conversations t`),
      messages: await one(c, `SELECT md5(string_agg(t::text, '|' ORDER BY id)) FROM messages t`),
      events: await one(c, `SELECT md5(string_agg(t::text, '|' ORDER BY id)) FROM reporting_events t`),
    }));

  it('gives byte-identical data for the same seed and a different one for another seed', async () => {
    await loadChatwoot(urls[0], { conversations: 300, seed: 4, end: END });
    await loadChatwoot(urls[1], { conversations: 300, seed: 4, end: END });
    await loadChatwoot(urls[2], { conversations: 300, seed: 5, end: END });
    const [a, b, c] = await Promise.all(urls.map(checksum));
    expect(a).toEqual(b);
    expect(a.conversations).not.toBe(c.conversations);
    expect(a.messages).not.toBe(c.messages);
  }, 60_000);

  it('refuses to overwrite a database with tables unless asked to replace it', async () => {
    await expect(loadChatwoot(urls[0], { conversations: 10, seed: 1, end: END })).rejects.toThrow(/já existe e tem tabelas; use --replace/);
    const replaced = await loadChatwoot(urls[0], { conversations: 10, seed: 1, end: END, replace: true });
    expect(replaced.counts.conversations).toBe(16);
  }, 60_000);
});
