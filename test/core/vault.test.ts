import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { KeychainVault, secretAccount } from '../../src/main/core/secrets/vault';
import { nexus } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

// These tests talk to the real OS keychain. On Linux `npm test` provides one (a private D-Bus
// session with gnome-keyring); run them through it.
beforeAll(() => {
  if (process.platform === 'linux' && !process.env.NEXUS_KEYRING_READY && !process.env.DBUS_SESSION_BUS_ADDRESS) {
    throw new Error('No Secret Service here: run the tests with `npm test`, which starts a private gnome-keyring.');
  }
});

describe('KeychainVault (real keychain)', () => {
  it('stores, reads, lists and deletes under service nexus-desktop and account <company>/<source>/<name>', async () => {
    const vault = new KeychainVault();
    const account = secretAccount(`vault-${process.pid}`, 'ploomes', 'key');
    expect(account).toBe(`vault-${process.pid}/ploomes/key`);
    await vault.set(account, 'k3y-valor-secreto');
    expect(await vault.get(account)).toBe('k3y-valor-secreto');
    expect(await vault.accounts(`vault-${process.pid}/`)).toEqual([account]);
    expect(await vault.delete(account)).toBe(true);
    expect(await vault.get(account)).toBeNull();
  });

  it('keeps the secret out of the company database and out of `source show`', () => {
    const dataDir = tempDir();
    const secret = `UK-${Date.now()}-segredo`;
    expect(nexus(['--data-dir', dataDir, 'company', 'add', 'acme', '--name', 'ACME']).code).toBe(0);
    const set = nexus(['--data-dir', dataDir, 'secret', 'set', 'acme', 'ploomes', 'key'], { input: `${secret}\n` });
    expect(set.stderr).toBe('');
    expect(set.code).toBe(0);
    const show = nexus(['--data-dir', dataDir, 'source', 'show', 'acme', 'ploomes', '--json']);
    expect(show.code).toBe(0);
    expect(JSON.parse(show.stdout).secrets).toEqual([expect.objectContaining({ name: 'key', configured: true })]);
    expect(show.stdout).not.toContain(secret);
    for (const file of readdirSync(join(dataDir, 'companies'))) {
      expect(readFileSync(join(dataDir, 'companies', file)).includes(Buffer.from(secret))).toBe(false);
    }
    const logs = join(dataDir, 'logs');
    for (const file of readdirSync(logs, { withFileTypes: true }).filter((f) => f.isFile())) {
      expect(readFileSync(join(logs, file.name), 'utf8')).not.toContain(secret);
    }
    expect(nexus(['--data-dir', dataDir, 'company', 'remove', 'acme', '--yes']).code).toBe(0);
  });

  it('fails with one clear sentence when no keychain is reachable — no plaintext fallback', () => {
    const dataDir = tempDir();
    expect(nexus(['--data-dir', dataDir, 'company', 'add', 'acme', '--name', 'ACME']).code).toBe(0);
    const noKeychain = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus', DISPLAY: '', NEXUS_KEYRING_READY: '' };
    const set = nexus(['--data-dir', dataDir, 'secret', 'set', 'acme', 'ploomes', 'key'], { input: 'plain-secret-value\n', env: noKeychain });
    expect(set.code).toBe(1);
    expect(set.stderr.trim().split('\n')).toHaveLength(1);
    expect(set.stderr).toMatch(/^Não foi possível usar o cofre de senhas do sistema .*nada foi salvo/);
    expect(set.stderr).not.toMatch(/\n\s+at /);
    for (const file of readdirSync(join(dataDir, 'companies'))) {
      expect(readFileSync(join(dataDir, 'companies', file)).includes(Buffer.from('plain-secret-value'))).toBe(false);
    }
  });
});
