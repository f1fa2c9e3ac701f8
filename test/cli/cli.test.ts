import { describe, expect, it } from 'vitest';
import { nexus } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

describe('nexus CLI', () => {
  it('exits 2 with one sentence on bad usage', () => {
    const dir = tempDir();
    for (const args of [['frobnicate'], ['company', 'add', 'acme'], ['kpi', 'acme'], ['sync', '--wat'], ['kpi', 'acme', 'moon']]) {
      const run = nexus(['--data-dir', dir, ...args]);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(run.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    }
  });

  it('prints help with exit 0', () => {
    const run = nexus(['help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('nexus [--data-dir DIR] sync <empresa>');
  });

  it('creates companies, validates slugs and refuses duplicates', () => {
    const dir = tempDir();
    expect(nexus(['--data-dir', dir, 'company', 'add', 'loja-sul', '--name', 'Loja Sul Ltda']).code).toBe(0);
    const dup = nexus(['--data-dir', dir, 'company', 'add', 'loja-sul', '--name', 'Outra']);
    expect(dup.code).toBe(1);
    expect(dup.stderr.trim()).toBe('A empresa "loja-sul" já existe; escolha outro identificador ou use a existente.');
    const bad = nexus(['--data-dir', dir, 'company', 'add', 'Loja Sul', '--name', 'X']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^Identificador de empresa inválido/);
    const list = nexus(['--data-dir', dir, 'company', 'list', '--json']);
    expect(JSON.parse(list.stdout)).toEqual([expect.objectContaining({ slug: 'loja-sul', name: 'Loja Sul Ltda', timezone: 'America/Sao_Paulo' })]);
  });

  it('validates source settings and refuses secrets passed as settings', () => {
    const dir = tempDir();
    nexus(['--data-dir', dir, 'company', 'add', 'acme', '--name', 'ACME']);
    const unknown = nexus(['--data-dir', dir, 'source', 'set', 'acme', 'ploomes', 'colour=blue']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim()).toBe('Configuração desconhecida para Ploomes: "colour". Chaves aceitas: url, requests_per_minute, demo.');
    const secret = nexus(['--data-dir', dir, 'source', 'set', 'acme', 'ploomes', 'key=abc']);
    expect(secret.code).toBe(1);
    expect(secret.stderr).toMatch(/"key" é um segredo/);
    const badUrl = nexus(['--data-dir', dir, 'source', 'set', 'acme', 'ploomes', 'url=ftp://x']);
    expect(badUrl.code).toBe(1);
    expect(badUrl.stderr).toMatch(/^Valor inválido para ploomes.url/);
    const ok = nexus(['--data-dir', dir, 'source', 'set', 'acme', 'ploomes', 'url=https://api2.ploomes.com/']);
    expect(ok.code).toBe(0);
    const show = JSON.parse(nexus(['--data-dir', dir, 'source', 'show', 'acme', 'ploomes', '--json']).stdout);
    expect(show.settings.find((s: { key: string }) => s.key === 'url').value).toBe('https://api2.ploomes.com');
  });

  it('tells what to do when a sync has no key, and records the failure', () => {
    const dir = tempDir();
    nexus(['--data-dir', dir, 'company', 'add', 'acme', '--name', 'ACME']);
    nexus(['--data-dir', dir, 'source', 'set', 'acme', 'ploomes', 'url=http://127.0.0.1:9']);
    const sync = nexus(['--data-dir', dir, 'sync', 'acme']);
    expect(sync.code).toBe(1);
    expect(sync.stderr).toMatch(/Nenhuma chave do Ploomes configurada: salve a User-Key em Configurações > Ploomes/);
    const runs = JSON.parse(nexus(['--data-dir', dir, 'runs', 'acme', '--json']).stdout);
    expect(runs.runs[0]).toMatchObject({ status: 'failed', error: { code: 'missing-credentials' } });
    expect(runs.health.find((s: { source: string }) => s.source === 'ploomes')).toMatchObject({ state: 'failing', consecutiveFailures: 1 });
  });

  it('runs the demo (CRM, CVDW and Chatwoot syncs, spreadsheet import, boleto robot) with no keychain and no setup, twice in the same folder', () => {
    const dir = tempDir();
    const noKeychain = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus', DISPLAY: '' };
    for (let run = 0; run < 2; run++) {
      const demo = nexus(['demo', '--data-dir', dir], { env: noKeychain });
      expect(demo.code, demo.stderr).toBe(0);
      expect(demo.stdout).toMatch(/CRM — demo \(todo o histórico, fuso America\/Sao_Paulo\)/);
      expect(demo.stdout).toMatch(/Receita: +R\$ [\d.]+,\d{2}/);
      expect(demo.stderr).toMatch(/Ploomes: sincronização concluída/);
      expect(demo.stderr).toMatch(/CVDW: sincronização concluída/);
      expect(demo.stderr).toMatch(/Chatwoot: sincronização concluída/);
      expect(demo.stdout).toMatch(/Atendimento — demo[\s\S]*Conversas: +3\.000\n/);
      expect(demo.stdout).toMatch(/Boletos — demo[\s\S]*Clientes importados: +8[\s\S]*Boletos salvos: +8\n/);
    }
    const kpis = JSON.parse(nexus(['--data-dir', dir, 'kpi', 'demo', 'crm', '--json']).stdout);
    expect(kpis.deals_won).toBeGreaterThan(1000);
    const boletos = JSON.parse(nexus(['--data-dir', dir, 'kpi', 'demo', 'boletos', '--json']).stdout);
    expect(boletos).toMatchObject({ clients: 8, success: 8, errors: 0 });
    expect(boletos.runs).toHaveLength(2);
    const realestate = JSON.parse(nexus(['--data-dir', dir, 'kpi', 'demo', 'realestate', '--json']).stdout);
    expect(realestate.sales_count).toBeGreaterThan(100);
    expect(realestate.vgv).toBeGreaterThan(0);
    // Chatwoot's demo conversations end now: the last 7 days have some, and every report has data.
    const today = new Date().toLocaleDateString('en-CA', { timeZone: 'America/Sao_Paulo' });
    const weekAgo = new Date(Date.parse(`${today}T12:00:00Z`) - 6 * 86_400_000).toISOString().slice(0, 10);
    const support = JSON.parse(nexus(['--data-dir', dir, 'kpi', 'demo', 'support', '--json', '--from', weekAgo, '--to', today]).stdout);
    expect(support.conversations_count).toBeGreaterThan(20);
    expect(support.avg_first_response_time).toBeGreaterThan(0);
    expect(support.by_agent.length).toBeGreaterThan(0);
    expect(support.heatmap).toHaveLength(168);
    // The demo data runs up to today, so this year has figures.
    expect(kpis.by_year.at(-1).year).toBe(Number(new Date().toLocaleDateString('en-CA', { timeZone: 'America/Sao_Paulo' }).slice(0, 4)));
    // Two whole demos (three simulators, two syncs, an import and a browser run each).
  }, 300_000);

  it('says which company is missing', () => {
    const run = nexus(['--data-dir', tempDir(), 'kpi', 'ghost', 'crm', '--json']);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe('Empresa "ghost" não encontrada; crie-a com "nexus company add ghost --name <nome>" ou escolha outra.');
  });
});
