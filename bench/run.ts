import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';

/**
 * `npm run bench [-- ploomes|robot|sheets|realestate|cvdw|chatwoot ...]`: runs the benchmarks (all by default), each in its
 * own process, and writes each one's JSON result to bench/results/<name>.json. Results are recorded
 * by hand in docs/BENCHMARKS.md.
 */
const root = join(__dirname, '..');
const tsx = join(root, 'node_modules/tsx/dist/cli.mjs');
const BENCHES: Record<string, string> = { ploomes: 'bench/ploomesSync.ts', robot: 'bench/robot.ts', sheets: 'bench/sheetsImport.ts', realestate: 'bench/realestateDashboard.ts', cvdw: 'bench/cvdwSync.ts', chatwoot: 'bench/chatwootSync.ts' };
const chosen = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(BENCHES);

mkdirSync(join(root, 'bench/results'), { recursive: true });
let failed = false;
for (const name of chosen) {
  const script = BENCHES[name];
  if (!script) {
    console.error(`Benchmark desconhecido: ${name}. Opções: ${Object.keys(BENCHES).join(', ')}.`);
    process.exit(2);
  }
  console.error(`> ${name}`);
  const run = spawnSync(process.execPath, [tsx, join(root, script)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
  process.stdout.write(run.stdout);
  if (run.status !== 0) {
    failed = true;
    continue;
  }
  const json = run.stdout.trim().split('\n').reverse().find((line) => line.startsWith('{'));
  if (json) {
    const result = { name, date: new Date().toISOString(), machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`, ...JSON.parse(json) };
    writeFileSync(join(root, 'bench/results', `${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
  }
}
process.exit(failed ? 1 : 0);
