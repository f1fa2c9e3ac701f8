#!/usr/bin/env node
// `npm test`: typecheck, lint, then every vitest suite (the e2e suite builds the app itself).
// `npm test -- <vitest args>` runs just those tests. On Linux without a desktop session the tests run
// inside a private D-Bus session with an unlocked gnome-keyring, so the vault tests use a real Secret
// Service keychain (never a fake) and nothing touches the developer's own keyring.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
if (!args.length) {
  for (const [label, cmd] of [
    ['typecheck', ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--noEmit']],
    ['lint', ['node_modules/eslint/bin/eslint.js', '.']],
  ]) {
    console.log(`> ${label}`);
    const step = spawnSync(process.execPath, cmd, { stdio: 'inherit' });
    if (step.status !== 0) process.exit(step.status ?? 1);
  }
}
const vitest = ['node_modules/vitest/vitest.mjs', 'run', ...args];
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

if (process.platform !== 'linux' || process.env.NEXUS_KEYRING_READY || !has('dbus-run-session') || !has('gnome-keyring-daemon')) {
  const run = spawnSync(process.execPath, vitest, { stdio: 'inherit' });
  process.exit(run.status ?? 1);
}

const keyringHome = mkdtempSync(join(tmpdir(), 'nexus-keyring-'));
const script = [
  'echo nexus-test-keyring | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1',
  'exec "$@"',
].join('\n');
const run = spawnSync('dbus-run-session', ['--', 'sh', '-c', script, 'sh', process.execPath, ...vitest], {
  stdio: ['inherit', 'inherit', 'pipe'],
  env: { ...process.env, XDG_DATA_HOME: keyringHome, NEXUS_KEYRING_READY: '1' },
});
// dbus-daemon complains about fd limits when run as root in containers; that noise is not ours.
process.stderr.write(String(run.stderr ?? '').split('\n').filter((l) => !/dbus-daemon\[\d+\]/.test(l)).join('\n'));
rmSync(keyringHome, { recursive: true, force: true });
process.exit(run.status ?? 1);
