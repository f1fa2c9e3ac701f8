import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { expect } from 'vitest';
import { NexusCore } from '../../src/main/core/nexusCore';
import { KeychainVault } from '../../src/main/core/secrets/vault';
import { dropChatwootDatabase, loadChatwoot } from '../../src/main/sim/chatwoot';

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
