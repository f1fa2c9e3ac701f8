import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { supportKpis, supportTimeseries } from '../src/main/core/kpi/support';
import { conversationDetail, conversationPage, csatPage } from '../src/main/core/kpi/support/conversations';
import { NexusCore } from '../src/main/core/nexusCore';
import { KeychainVault } from '../src/main/core/secrets/vault';
import { dropChatwootDatabase, loadChatwoot } from '../src/main/sim/chatwoot';

/**
 * `npm run bench -- chatwoot`: the Chatwoot connector against a generated Chatwoot database in the
 * machine's real PostgreSQL (BENCH_CONVERSATIONS, default 100,000 conversations ≈ 1.5M messages).
 * The sync runs in a child process so its peak RSS is the connector's alone:
 * (a) full sync into an empty mirror (target ≤ 20 s), peak RSS (target ≤ 300 MB);
 * (b) unchanged re-sync (target ≤ 1 s);
 * (c) every query one dashboard tab makes, together, "últimos 30 dias" (target ≤ 100 ms), warm median.
 * BENCH_KEEP_DB=1 keeps (and reuses) the database between runs. Prints a table, then one JSON line.
 */
const root = join(__dirname, '..');
const conversations = Number(process.env.BENCH_CONVERSATIONS ?? 100_000);
const DB_URL = `postgres://postgres@127.0.0.1:5432/nexus_bench_chatwoot_${conversations}`;
const END = new Date('2026-10-31T15:00:00Z');

async function worker(url: string): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'nexus-bench-cw-'));
  const core = new NexusCore({ dataDir, vault: new KeychainVault() });
  try {
    core.addCompany('bench', 'Bench');
    core.setSourceSettings('bench', 'chatwoot', { url, account_id: '1' });
    let peakRss = 0;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
    const phases: Record<string, number> = {};
    let phase = '';
    let phaseStart = performance.now();
    const t0 = performance.now();
    const handle = core.startSync('bench', 'chatwoot');
    core.on('job.progress', (p) => {
      if (p.jobId !== handle.jobId || p.phase === phase) return;
      if (phase) phases[phase] = (performance.now() - phaseStart) / 1000;
      phase = p.phase;
      phaseStart = performance.now();
    });
    const outcome = await handle.done;
    const fullSeconds = (performance.now() - t0) / 1000;
    if (phase) phases[phase] = (performance.now() - phaseStart) / 1000;
    clearInterval(sampler);
    if (outcome.status !== 'succeeded') throw new Error(`sync ${outcome.status}: ${outcome.error?.message}`);
    const rows = Object.entries(outcome.counts).filter(([k]) => k.endsWith('.inserted')).reduce((s, [, v]) => s + v, 0);

    const t1 = performance.now();
    const again = await core.startSync('bench', 'chatwoot').done;
    const unchangedSeconds = (performance.now() - t1) / 1000;
    if (again.status !== 'succeeded') throw new Error(`re-sync ${again.status}`);

    const company = core.company('bench');
    const range = { from: '2026-10-02', to: '2026-10-31' };
    const firstId = conversationPage(company, { ...range, limit: 1 }).rows[0].id;
    const tabs: Record<string, () => unknown> = {
      executivo: () => [supportKpis(company, range), supportTimeseries(company, { ...range, groupBy: 'day' })],
      operacional: () => [supportKpis(company, range), supportTimeseries(company, { ...range, groupBy: 'day' })],
      qualidade: () => [supportKpis(company, range), csatPage(company, { ...range, limit: 50 })],
      segmentos: () => supportKpis(company, range),
      temporal: () => [supportKpis(company, range), supportTimeseries(company, { ...range, groupBy: 'week' })],
      conversas: () => [conversationPage(company, { ...range, limit: 50 }), conversationDetail(company, firstId)],
      'executivo (todo o histórico)': () => [supportKpis(company, {}), supportTimeseries(company, { groupBy: 'week' })],
    };
    const tabMs: Record<string, number> = {};
    for (const [tab, fn] of Object.entries(tabs)) {
      fn();
      const runs: number[] = [];
      for (let i = 0; i < 7; i++) {
        const s = performance.now();
        fn();
        runs.push(performance.now() - s);
      }
      tabMs[tab] = runs.sort((a, b) => a - b)[3];
    }
    const counts = company.db.prepare('SELECT (SELECT count(*) FROM cw_conversations) AS conversations, (SELECT count(*) FROM cw_messages) AS messages, (SELECT count(*) FROM cw_events) AS events').get();
    console.log(JSON.stringify({ fullSeconds, unchangedSeconds, peakRssMb: peakRss / 2 ** 20, rows, phases, tabMs, mirror: counts }));
  } finally {
    core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function databaseReady(): Promise<boolean> {
  const client = new pg.Client({ connectionString: DB_URL });
  try {
    await client.connect();
    const { rows } = await client.query('SELECT count(*)::int AS n FROM conversations');
    return rows[0].n >= conversations;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function main(): Promise<void> {
  if (process.argv[2] === 'worker') return worker(process.argv[3]);
  const keep = process.env.BENCH_KEEP_DB === '1';
  let loadSeconds: number | null = null;
  if (!(keep && (await databaseReady()))) {
    console.error(`Gerando ${conversations.toLocaleString('pt-BR')} conversas no PostgreSQL…`);
    const loaded = await loadChatwoot(DB_URL, { conversations, seed: 7, end: END, replace: true });
    loadSeconds = loaded.seconds;
    console.error(`  ${loaded.counts.messages?.toLocaleString('pt-BR')} mensagens em ${loaded.seconds.toFixed(1)} s`);
  }
  try {
    // The connector reads its password from the system keychain (none is set here: trust auth), so
    // on a desktop-less Linux the worker runs in a private D-Bus session with gnome-keyring, as the tests do.
    const worker = [process.execPath, join(root, 'node_modules/tsx/dist/cli.mjs'), __filename, 'worker', DB_URL];
    const keyring = process.platform === 'linux' && !process.env.DBUS_SESSION_BUS_ADDRESS;
    const command = keyring
      ? ['dbus-run-session', '--', 'sh', '-c', 'echo nexus-bench | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec "$@"', 'sh', ...worker]
      : worker;
    const run = spawnSync(command[0], command.slice(1), { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, XDG_DATA_HOME: mkdtempSync(join(tmpdir(), 'nexus-bench-keyring-')) } });
    if (run.status !== 0) throw new Error(`worker failed (${run.status})`);
    const result = JSON.parse(run.stdout.trim().split('\n').reverse().find((l) => l.startsWith('{')) as string);
    const tabWorst = Math.max(...Object.entries(result.tabMs as Record<string, number>).filter(([k]) => !k.includes('histórico')).map(([, v]) => v));
    console.log(`Chatwoot, ${conversations.toLocaleString('pt-BR')} conversas (${result.mirror.messages.toLocaleString('pt-BR')} mensagens, ${result.mirror.events.toLocaleString('pt-BR')} eventos):`);
    console.log(`  sincronização completa   ${result.fullSeconds.toFixed(2)} s   (meta ≤ 20 s) ${result.fullSeconds <= 20 ? '✅' : '❌'}`);
    console.log(`  re-sincronização sem mudança ${result.unchangedSeconds.toFixed(2)} s   (meta ≤ 1 s) ${result.unchangedSeconds <= 1 ? '✅' : '❌'}`);
    console.log(`  pico de memória (RSS)    ${result.peakRssMb.toFixed(0)} MB (meta ≤ 300 MB) ${result.peakRssMb <= 300 ? '✅' : '❌'}`);
    for (const [tab, ms] of Object.entries(result.tabMs as Record<string, number>)) console.log(`  aba ${tab.padEnd(30)} ${ms.toFixed(1)} ms`);
    console.log(`  pior aba (30 dias)       ${tabWorst.toFixed(1)} ms (meta ≤ 100 ms) ${tabWorst <= 100 ? '✅' : '❌'}`);
    console.log(`  fases: ${Object.entries(result.phases as Record<string, number>).map(([k, v]) => `${k} ${v.toFixed(2)} s`).join(', ')}`);
    console.log(JSON.stringify({ conversations, loadSeconds, ...result, tabWorstMs: tabWorst }));
  } finally {
    if (!keep) await dropChatwootDatabase(DB_URL);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
