import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { crmCustomer, crmCustomers, crmKpis } from '../src/main/core/kpi/crm';
import { NexusCore } from '../src/main/core/nexusCore';
import { KeychainVault } from '../src/main/core/secrets/vault';
import { openDatabase } from '../src/main/core/db/database';
import { companyMigrations } from '../src/main/core/db/migrations';
import { DEAL_COLUMNS } from '../src/main/core/sources/ploomes/records';

/**
 * One benchmark process (so its peak RSS is ours alone): `sync <simUrl>` runs a full Ploomes sync
 * and times the dashboard queries; `raw <mirrorFile>` inserts the very same deal rows into a fresh
 * mirror with plain better-sqlite3, timing only the inserts. Prints one JSON line.
 */
async function syncBench(simUrl: string, keep: string | undefined): Promise<void> {
  const dataDir = keep ?? mkdtempSync(join(tmpdir(), 'nexus-bench-'));
  const core = new NexusCore({ dataDir, vault: new KeychainVault(), tuning: { ploomes: { rateLimit: false } } });
  core.addCompany('bench', 'Benchmark');
  core.setSourceSettings('bench', 'ploomes', { url: simUrl, demo: '1' });
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 25);
  const t0 = performance.now();
  const outcome = await core.startSync('bench', 'ploomes').done;
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  if (outcome.status !== 'succeeded') throw new Error(outcome.error?.message ?? outcome.status);
  const company = core.company('bench');
  const deals = (company.db.prepare('SELECT COUNT(*) AS n FROM ploomes_deals').get() as { n: number }).n;

  const time = (fn: () => unknown, runs = 7) => {
    const first = performance.now();
    fn();
    const cold = performance.now() - first;
    const warm: number[] = [];
    for (let i = 0; i < runs; i++) {
      const s = performance.now();
      fn();
      warm.push(performance.now() - s);
    }
    warm.sort((a, b) => a - b);
    return { cold, median: warm[Math.floor(warm.length / 2)] };
  };
  const today = company.calendar.dayOf(Date.now());
  const top = crmKpis(company).top_customers[0];
  const queries = {
    kpis_all_time: time(() => crmKpis(company)),
    kpis_one_year: time(() => crmKpis(company, { from: '2025-01-01', to: '2025-12-31' }, today)),
    customers_first_page: time(() => crmCustomers(company, { sort: 'revenue', limit: 50 })),
    customers_search: time(() => crmCustomers(company, { search: 'silva', limit: 50 })),
    customer_detail: time(() => crmCustomer(company, top.customer_id)),
  };
  core.close();
  console.log(
    JSON.stringify({
      deals,
      seconds,
      dealsPerSecond: deals / seconds,
      peakRssMb: Math.max(peakRss, process.resourceUsage().maxRSS * 1024) / 1024 / 1024,
      counts: outcome.counts,
      queries,
      mirror: join(dataDir, 'companies', 'bench.sqlite'),
    }),
  );
  if (!keep) rmSync(dataDir, { recursive: true, force: true });
}

function rawBench(mirrorFile: string): void {
  const source = new Database(mirrorFile, { readonly: true });
  const dir = mkdtempSync(join(tmpdir(), 'nexus-bench-raw-'));
  const target = openDatabase(join(dir, 'raw.sqlite'), companyMigrations);
  const columns = [...DEAL_COLUMNS, 'seen_scan'];
  const insert = target.prepare(`INSERT INTO ploomes_deals (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
  const read = source.prepare(`SELECT ${columns.join(', ')} FROM ploomes_deals WHERE id > ? ORDER BY id LIMIT 300`).raw(true);
  const write = target.transaction((rows: unknown[][]) => {
    for (const row of rows) insert.run(row);
  });
  let last = 0;
  let rows = 0;
  let insertMs = 0;
  for (;;) {
    const page = read.all(last) as unknown[][];
    if (!page.length) break;
    const t = performance.now();
    write(page);
    insertMs += performance.now() - t;
    rows += page.length;
    last = page[page.length - 1][0] as number;
  }
  source.close();
  target.close();
  rmSync(dir, { recursive: true, force: true });
  console.log(JSON.stringify({ rows, seconds: insertMs / 1000, rowsPerSecond: rows / (insertMs / 1000) }));
}

const [mode, arg, keep] = process.argv.slice(2);
if (mode === 'sync') void syncBench(arg, keep);
else if (mode === 'raw') rawBench(arg);
else throw new Error('usage: syncWorker.ts sync <simUrl> [dataDir] | raw <mirrorFile>');
