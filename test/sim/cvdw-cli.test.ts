import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CVDW_SIM_EMAIL, CVDW_SIM_TOKEN, parseCvdwFaults } from '../../src/main/sim/cvdw';
import { nexus, NEXUS_BIN } from '../helpers/cli';

describe('nexus sim cvdw', () => {
  it('prints the URL, e-mail and token, serves with the given flags, and stops on Ctrl+C', async () => {
    const child = spawn(process.execPath, [NEXUS_BIN, 'sim', 'cvdw', '--port', '0', '--seed', '4', '--size', '200',
      '--data-end', '2026-06-30', '--rate-limit', '2/60', '--faults', '204'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    try {
      const deadline = Date.now() + 60_000;
      while (!/token:/.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      const url = /Simulador CVDW em (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      expect(url, out).toBeDefined();
      expect(out).toContain(CVDW_SIM_EMAIL);
      expect(out).toContain(CVDW_SIM_TOKEN);
      const get = (query: string) => fetch(`${url}/api/v1/cvdw/reservas?${query}`, { headers: { email: CVDW_SIM_EMAIL, token: CVDW_SIM_TOKEN } });
      const first = await get('registros_por_pagina=1');
      expect(first.status).toBe(200);
      expect((await first.json()).total_de_registros).toBe(200);
      expect((await get('a_partir_data_referencia=2099-01-01')).status).toBe(204);
      expect((await get('')).status).toBe(429);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
  });

  it('rejects bad flags with a usage error', () => {
    const faults = nexus(['sim', 'cvdw', '--faults', 'tudo']);
    expect(faults.code).toBe(2);
    expect(faults.stderr).toContain('--faults inválido');
    const size = nexus(['sim', 'cvdw', '--size', 'enorme']);
    expect(size.code).toBe(2);
    expect(size.stderr).toContain('--size deve ser small, large');
  });

  it('parses the fault list', () => {
    expect(parseCvdwFaults('405,204,html5xx,slow')).toEqual({ notEnabled405: true, emptyAs204: true, html5xx: { every: 5, status: 500 }, slowMs: 6000 });
    expect(parseCvdwFaults('html5xx:3:503, slow:250')).toEqual({ html5xx: { every: 3, status: 503 }, slowMs: 250 });
    expect(() => parseCvdwFaults('html5xx:0')).toThrow(/inteiro positivo/);
    expect(() => parseCvdwFaults('html5xx:2:404')).toThrow(/entre 500 e 599/);
    expect(() => parseCvdwFaults('401')).toThrow(/desconhecida/);
  });
});
