import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveRange, supportKpis } from '../../src/main/core/kpi/support';
import { chatwootConnection } from '../../src/main/core/sources/chatwoot';
import { openChatwootSession } from '../../src/main/core/sources/chatwoot/session';
import { BusinessCalendar } from '../../src/main/core/time/businessDate';
import { simulateActivity } from '../../src/main/sim/chatwoot';
import { chatwootCore, chatwootDatabase, expectSegmentsEqual, PG_SERVER, pgKpis, syncChatwoot, withPg } from '../helpers/chatwoot';
import { nexus, nexusAsync } from '../helpers/cli';
import { startSshd } from '../helpers/sshd';
import { tempDir } from '../helpers/tmp';

/**
 * The Chatwoot connector against a real PostgreSQL: read-only session, incremental sync of new
 * messages / status changes / reopenings, deletions on a full re-read, kill -9 and resume, an SSH
 * tunnel through a real sshd, and one clear sentence for each kind of bad setting.
 */

const END = new Date('2026-10-31T15:00:00Z');

/** Mirror and source agree row for row (ids and versions) on every synced table. */
async function expectMirrorEqualsSource(file: string, url: string): Promise<void> {
  const db = new Database(file, { readonly: true });
  try {
    await withPg(url, async (client) => {
      const pairs: Array<[string, string]> = [
        ['cw_conversations', 'SELECT id, floor(extract(epoch FROM updated_at) * 1000)::bigint AS v FROM conversations WHERE account_id = 1 ORDER BY id'],
        ['cw_messages', 'SELECT id, floor(extract(epoch FROM updated_at) * 1000)::bigint AS v FROM messages WHERE account_id = 1 ORDER BY id'],
        ['cw_events', 'SELECT id, floor(extract(epoch FROM updated_at) * 1000)::bigint AS v FROM reporting_events WHERE account_id = 1 ORDER BY id'],
        ['cw_csat_responses', 'SELECT id, floor(extract(epoch FROM updated_at) * 1000)::bigint AS v FROM csat_survey_responses WHERE account_id = 1 ORDER BY id'],
        ['cw_contacts', 'SELECT id, floor(extract(epoch FROM updated_at) * 1000)::bigint AS v FROM contacts WHERE account_id = 1 ORDER BY id'],
      ];
      for (const [table, sql] of pairs) {
        const theirs = (await client.query<{ id: number; v: string }>(sql)).rows.map((r) => `${r.id}:${r.v}`);
        const ours = (db.prepare(`SELECT id, updated_at AS v FROM ${table} ORDER BY id`).all() as Array<{ id: number; v: number }>).map((r) => `${r.id}:${r.v}`);
        expect(ours.length, table).toBe(theirs.length);
        expect(ours, table).toEqual(theirs);
      }
      const labels = (
        await client.query<{ k: string }>(
          `SELECT tg.taggable_id || ':' || tags.name AS k FROM taggings tg JOIN tags ON tags.id = tg.tag_id JOIN conversations c ON c.id = tg.taggable_id
           WHERE tg.taggable_type = 'Conversation' AND tg.context = 'labels' AND c.account_id = 1 ORDER BY 1`,
        )
      ).rows.map((r) => r.k);
      const ourLabels = (db.prepare("SELECT conversation_id || ':' || label AS k FROM cw_conversation_labels ORDER BY 1").all() as Array<{ k: string }>).map((r) => r.k);
      expect(ourLabels).toEqual(labels);
    });
    const n = (sql: string) => db.prepare(sql).pluck().get() as number;
    expect(n('SELECT count(*) FROM cw_conversation_facts')).toBe(n('SELECT count(*) FROM cw_conversations'));
    expect(n('SELECT count(*) FROM cw_dirty')).toBe(0);
  } finally {
    db.close();
  }
}

describe('Chatwoot sync on a real PostgreSQL', () => {
  let db: Awaited<ReturnType<typeof chatwootDatabase>>;
  beforeAll(async () => {
    db = await chatwootDatabase({ conversations: 1200, seed: 9, end: END });
  }, 120_000);
  afterAll(async () => {
    await db?.drop();
  });

  it('the session cannot write, even outside the connector’s own READ ONLY transactions', async () => {
    const { connection } = chatwootConnection({ settings: { url: db.url, account_id: '1' }, secrets: {}, calendar: new BusinessCalendar() });
    const session = await openChatwootSession(connection);
    try {
      await expect(session.client.query("INSERT INTO accounts (name, created_at, updated_at) VALUES ('x', now(), now())")).rejects.toMatchObject({ code: '25006' });
      await expect(session.client.query('UPDATE conversations SET status = 1')).rejects.toMatchObject({ code: '25006' });
    } finally {
      await session.close();
    }
    await withPg(db.url, async (client) => expect(Number((await client.query("SELECT count(*) AS n FROM accounts WHERE name = 'x'")).rows[0].n)).toBe(0));
  });

  it('first sync, unchanged re-sync, then new messages, resolutions and reopenings arrive incrementally', async () => {
    const env = chatwootCore(db.url);
    try {
      const file = join(env.dataDir, 'companies', 'acme.sqlite');
      await syncChatwoot(env.core);
      await expectMirrorEqualsSource(file, db.url);

      // Nothing changed: only the overlap window is re-read and nothing is rewritten.
      const again = await env.core.startSync('acme', 'chatwoot').done;
      expect(again.status).toBe('succeeded');
      for (const [key, value] of Object.entries(again.counts)) {
        if (/\.(inserted|updated|deleted)$/.test(key) && !/^chatwoot\.(inboxes|agents|teams|labels)\./.test(key)) expect(value, key).toBe(0);
      }

      const at = new Date('2026-10-31T18:00:00Z');
      const activity = await simulateActivity(db.url, { seed: 3, at, newConversations: 5, replies: 8, resolutions: 6, reopenings: 4 });
      expect(activity.conversationIds.length).toBeGreaterThan(10);
      const reopenedBefore = env.core.company('acme').db.prepare('SELECT sum(reopen_count) FROM cw_conversation_facts').pluck().get() as number;
      await syncChatwoot(env.core);
      await expectMirrorEqualsSource(file, db.url);
      const facts = env.core.company('acme').db;
      expect(facts.prepare('SELECT sum(reopen_count) FROM cw_conversation_facts').pluck().get() as number).toBe(reopenedBefore + 4);
      // Every touched conversation's analytics row was recomputed after the change.
      const stale = facts
        .prepare('SELECT count(*) FROM cw_conversation_facts f WHERE f.conversation_id IN (SELECT value FROM json_each(?)) AND f.updated_at < ?')
        .pluck()
        .get(JSON.stringify(activity.conversationIds), at.getTime()) as number;
      expect(stale).toBe(0);

      // And the KPIs still equal Chatwoot's formulas on the source.
      const company = env.core.company('acme');
      const range = { from: '2026-10-01', to: '2026-10-31' };
      const ours = supportKpis(company, range);
      const { since, until } = resolveRange(company, range);
      const theirs = await withPg(db.url, (client) => pgKpis(client, since, until, { kind: 'account' }, false));
      for (const key of ['conversations_count', 'incoming_messages_count', 'outgoing_messages_count', 'resolutions_count', 'csat_total_responses'] as const) {
        expect(ours[key], key).toBe(theirs[key]);
      }
      expect(ours.avg_first_response_time).toBeCloseTo(Number(theirs.avg_first_response_time), 6);

      // Moving a conversation to another team, or labelling one, moves all its past events in the team
      // (label) table — Chatwoot groups by what a conversation carries NOW: those days' roll-ups are
      // rebuilt. Both conversations were resolved days after they were created, and each change is
      // synced on its own, so nothing else re-rolls those days.
      const resolvedLater = async (order: 'ASC' | 'DESC') =>
        withPg(db.url, async (client) => {
          const { rows } = await client.query<{ id: number; team_id: number | null }>(
            `SELECT c.id, c.team_id FROM conversations c WHERE c.account_id = 1 AND EXISTS (SELECT 1 FROM reporting_events e
               WHERE e.conversation_id = c.id AND e.name = 'conversation_resolved' AND e.created_at >= c.created_at + interval '2 days') ORDER BY c.id ${order} LIMIT 1`,
          );
          expect(rows).toHaveLength(1);
          return rows[0];
        });
      const moved = await resolvedLater('ASC');
      await withPg(db.url, async (client) => {
        const team = await client.query<{ id: number }>('SELECT id FROM teams WHERE account_id = 1 AND id IS DISTINCT FROM $1 ORDER BY id LIMIT 1', [moved.team_id]);
        await client.query('UPDATE conversations SET team_id = $1, updated_at = $2::timestamp WHERE id = $3', [team.rows[0].id, '2026-10-31 18:30:00', moved.id]);
      });
      await syncChatwoot(env.core);
      await expectSegmentsEqual(company, db.url, { from: '2000-01-01', to: '2100-12-31' });

      const labelled = await resolvedLater('DESC');
      await withPg(db.url, async (client) => {
        const tag = await client.query<{ id: number }>(
          "SELECT id FROM tags WHERE name IN (SELECT title FROM labels WHERE account_id = 1) AND id NOT IN (SELECT tag_id FROM taggings WHERE taggable_id = $1 AND taggable_type = 'Conversation') ORDER BY id LIMIT 1",
          [labelled.id],
        );
        // Taggings are the truth; the cached list and updated_at follow, as the Rails app does.
        await client.query("INSERT INTO taggings (tag_id, taggable_type, taggable_id, context, created_at) VALUES ($1, 'Conversation', $2, 'labels', $3::timestamp)", [tag.rows[0].id, labelled.id, '2026-10-31 20:00:00']);
        await client.query(
          `UPDATE conversations SET cached_label_list = (SELECT string_agg(tags.name, ', ' ORDER BY tags.name) FROM taggings tg JOIN tags ON tags.id = tg.tag_id
             WHERE tg.taggable_id = $1 AND tg.taggable_type = 'Conversation'), updated_at = $2::timestamp WHERE id = $1`,
          [labelled.id, '2026-10-31 20:00:00'],
        );
      });
      await syncChatwoot(env.core);
      await expectSegmentsEqual(company, db.url, { from: '2000-01-01', to: '2100-12-31' });

      // A conversation deleted in Chatwoot leaves the mirror on the next full re-read.
      await withPg(db.url, async (client) => {
        await client.query('DELETE FROM messages WHERE conversation_id = $1', [activity.conversationIds[0]]);
        await client.query('DELETE FROM reporting_events WHERE conversation_id = $1', [activity.conversationIds[0]]);
        await client.query('DELETE FROM csat_survey_responses WHERE conversation_id = $1', [activity.conversationIds[0]]);
        await client.query('DELETE FROM conversations WHERE id = $1', [activity.conversationIds[0]]);
      });
      await syncChatwoot(env.core, { full: true });
      await expectMirrorEqualsSource(file, db.url);
      expect(facts.prepare('SELECT count(*) FROM cw_conversation_facts WHERE conversation_id = ?').pluck().get(activity.conversationIds[0])).toBe(0);
    } finally {
      env.close();
    }
  }, 120_000);

  it('through an SSH tunnel to a real sshd, with the private key from the keychain', async () => {
    const sshd = await startSshd();
    const env = chatwootCore(db.url);
    try {
      env.core.setSourceSettings('acme', 'chatwoot', { ssh_host: '127.0.0.1', ssh_port: String(sshd.port), ssh_user: sshd.user });
      await env.core.setSecret('acme', 'chatwoot', 'ssh_key', sshd.privateKey);
      expect(await env.core.testConnection('acme', 'chatwoot')).toMatch(/Conexão com o Chatwoot funcionando \(conta 1 .*somente leitura\)/);
      await syncChatwoot(env.core);
      await expectMirrorEqualsSource(join(env.dataDir, 'companies', 'acme.sqlite'), db.url);
      // Wrong password instead of the key: one sentence naming the SSH step and the fix.
      await env.core.deleteSecret('acme', 'chatwoot', 'ssh_key');
      await env.core.setSecret('acme', 'chatwoot', 'ssh_password', 'senha-errada');
      await expect(env.core.testConnection('acme', 'chatwoot')).rejects.toMatchObject({ code: 'ssh-auth' });
    } finally {
      env.close();
      await sshd.close();
    }
  }, 120_000);

  it('bad settings: one clear sentence each, nothing synced is lost', async () => {
    const env = chatwootCore(db.url);
    try {
      await syncChatwoot(env.core);
      const before = env.core.company('acme').db.prepare('SELECT count(*) FROM cw_messages').pluck().get() as number;
      const attempt = async (settings: Record<string, string>) => {
        env.core.setSourceSettings('acme', 'chatwoot', settings);
        try {
          await env.core.testConnection('acme', 'chatwoot');
          return null;
        } catch (err) {
          return err as { code: string; message: string };
        }
      };
      const refused = await attempt({ url: 'postgres://postgres@127.0.0.1:1/chatwoot' });
      expect(refused).toMatchObject({ code: 'db-refused' });
      expect(refused!.message).toMatch(/127\.0\.0\.1:1 recusou a conexão/);
      expect(await attempt({ url: `${PG_SERVER}/nexus_nao_existe` })).toMatchObject({ code: 'db-missing', message: expect.stringMatching(/O banco "nexus_nao_existe" não existe/) });
      expect(await attempt({ url: `${PG_SERVER}/postgres` })).toMatchObject({ code: 'not-chatwoot' });
      expect(await attempt({ url: db.url, account_id: '99' })).toMatchObject({ code: 'account-missing', message: expect.stringMatching(/contas encontradas: 1 \(/) });
      expect(() => env.core.setSourceSettings('acme', 'chatwoot', { url: 'postgres://postgres:segredo@127.0.0.1/x' })).toThrow(/não coloque a senha na URL/);
      // TLS as the server offers it: without TLS, asking for it is refused in one sentence; with
      // Debian's self-signed certificate, require works and verify-full says why it cannot verify.
      const serverSsl = await withPg(db.url, async (client) => (await client.query<{ ssl: string }>('SHOW ssl')).rows[0].ssl);
      if (serverSsl === 'on') {
        expect(await attempt({ url: db.url, account_id: '1', ssl: 'require' })).toBeNull();
        expect(await attempt({ url: db.url, account_id: '1', ssl: 'verify-full' })).toMatchObject({ code: 'db-tls-certificate' });
      } else {
        expect(await attempt({ url: db.url, account_id: '1', ssl: 'require' })).toMatchObject({
          code: 'db-tls-unsupported',
          message: expect.stringMatching(/não aceita conexão criptografada: use ssl=disable/),
        });
      }
      env.core.setSourceSettings('acme', 'chatwoot', { ssl: 'disable' });
      // A sync with the refused URL fails with the same sentence and keeps the mirror.
      env.core.setSourceSettings('acme', 'chatwoot', { url: 'postgres://postgres@127.0.0.1:1/chatwoot', account_id: '1' });
      const failed = await env.core.startSync('acme', 'chatwoot').done;
      expect(failed.status).toBe('failed');
      expect(failed.error?.code).toBe('db-refused');
      expect(env.core.company('acme').db.prepare('SELECT count(*) FROM cw_messages').pluck().get()).toBe(before);
    } finally {
      env.close();
    }
  }, 60_000);
});

describe('Chatwoot: kill -9 in the middle of a sync', () => {
  let db: Awaited<ReturnType<typeof chatwootDatabase>>;
  beforeAll(async () => {
    db = await chatwootDatabase({ conversations: 12_000, seed: 13, end: END });
  }, 180_000);
  afterAll(async () => {
    await db?.drop();
  });

  it('a cancelled sync stops its reader thread cleanly and the next one completes the copy', async () => {
    const env = chatwootCore(db.url);
    try {
      const handle = env.core.startSync('acme', 'chatwoot');
      const off = env.core.on('job.progress', (p) => {
        if (p.jobId === handle.jobId && p.phase === 'Mensagens' && p.done >= 10_000) env.core.cancelJob(handle.jobId);
      });
      const cancelled = await handle.done;
      off();
      expect(cancelled.status).toBe('cancelled');
      const partial = env.core.company('acme').db.prepare('SELECT count(*) FROM cw_messages').pluck().get() as number;
      expect(partial).toBeGreaterThanOrEqual(10_000);
      await syncChatwoot(env.core);
      await expectMirrorEqualsSource(join(env.dataDir, 'companies', 'acme.sqlite'), db.url);
    } finally {
      env.close();
    }
  }, 240_000);

  it('resumes from the saved cursor to an exact copy', async () => {
    const dataDir = tempDir();
    const file = join(dataDir, 'companies', 'acme.sqlite');
    const base = ['--data-dir', dataDir];
    expect(nexus([...base, 'company', 'add', 'acme', '--name', 'Acme']).code).toBe(0);
    const set = nexus([...base, 'source', 'set', 'acme', 'chatwoot', `url=${db.url}`, 'account_id=1']);
    expect(set.code, set.stderr).toBe(0);

    const messagesInMirror = () => {
      try {
        const mirror = new Database(file, { readonly: true, fileMustExist: true });
        try {
          return mirror.prepare('SELECT count(*) FROM cw_messages').pluck().get() as number;
        } finally {
          mirror.close();
        }
      } catch {
        return 0;
      }
    };
    const child = nexusAsync([...base, 'sync', 'acme', 'chatwoot']);
    let seen = 0;
    for (let i = 0; i < 1200 && seen < 20_000; i++) {
      await new Promise((r) => setTimeout(r, 25));
      seen = messagesInMirror();
    }
    child.kill('SIGKILL');
    const killed = await child;
    expect(killed.code).toBe(-1);
    const afterKill = messagesInMirror();
    expect(afterKill).toBeGreaterThanOrEqual(20_000);
    const total = await withPg(db.url, async (c) => Number((await c.query('SELECT count(*) AS n FROM messages WHERE account_id = 1')).rows[0].n));
    expect(afterKill).toBeLessThan(total);
    // Whole pages only: the kill never leaves half a page behind.
    expect(afterKill % 5000).toBe(0);

    const resumed = await nexusAsync([...base, 'sync', 'acme', 'chatwoot']);
    expect(resumed.code, resumed.stderr).toBe(0);
    await expectMirrorEqualsSource(file, db.url);
    const mirror = new Database(file, { readonly: true });
    try {
      const runs = mirror.prepare("SELECT status FROM runs WHERE kind = 'sync' ORDER BY started_at").pluck().all();
      expect(runs).toEqual(['interrupted', 'succeeded']);
    } finally {
      mirror.close();
    }
  }, 240_000);
});
