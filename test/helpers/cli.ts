import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { join } from 'node:path';

export const NEXUS_BIN = join(__dirname, '../../bin/nexus.cjs');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real `nexus` CLI in a child process. */
export function nexus(args: string[], options: { input?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): CliResult {
  const run: SpawnSyncReturns<string> = spawnSync(process.execPath, [NEXUS_BIN, ...args], {
    input: options.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, ...options.env },
    timeout: options.timeoutMs ?? 120_000,
  });
  if (run.error) throw run.error;
  return { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

/** Same, asynchronously, so the test can keep serving a simulator meanwhile. */
export function nexusAsync(args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> & { pid: number | undefined; kill(signal: NodeJS.Signals): void } {
  const child = spawn(process.execPath, [NEXUS_BIN, ...args], { env: { ...process.env, ...options.env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  child.stdin.end(options.input ?? '');
  const done = new Promise<CliResult>((resolve) => child.on('close', (code, signal) => resolve({ code: code ?? (signal ? -1 : 0), stdout, stderr })));
  return Object.assign(done, { pid: child.pid, kill: (signal: NodeJS.Signals) => child.kill(signal) });
}
