import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyBoletoPdf } from '../../src/main/core/boleto/boletoCheck';
import { MONTHS } from '../../src/main/core/boleto/months';
import { boletoKpis } from '../../src/main/core/kpi/boletos';
import { BoletoStore } from '../../src/main/core/robot/boletoStore';
import type { CanopusClient } from '../../src/main/sim/canopus';
import { robotHarness, type RobotHarness } from '../helpers/boletos';

let h: RobotHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const today = () => new Date().toLocaleDateString('en-CA', { timeZone: 'America/Sao_Paulo' });

/** What the robot should produce for a client, computed from the simulator's ground truth. */
function expectedFiles(client: CanopusClient, downloads: string): string[] {
  if (!client.inPortal) return [];
  const period = today().slice(0, 7);
  const withBoleto = client.cotas.filter((c) => c.boletos.length);
  return withBoleto.map((cota) => {
    const chosen = cota.boletos.find((b) => b.dueDate.startsWith(period)) ?? cota.boletos.find((b) => b.dueDate >= today()) ?? cota.boletos.at(-1)!;
    const month = MONTHS[Number(chosen.dueDate.slice(5, 7)) - 1];
    const suffix = client.cotas.length > 1 ? `_G${cota.grupo}-C${cota.cota}` : '';
    return join(downloads, client.consultant, `${client.name.replace(/ /g, '_')}_${month}${suffix}.pdf`);
  });
}

function statusesOf(h: RobotHarness, runId: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of new BoletoStore(h.core.company('acme').db).results(runId)) out[r.status] = (out[r.status] ?? 0) + 1;
  return out;
}

describe('boleto robot against the Canopus simulator in Chromium', { timeout: 150_000 }, () => {
  it('downloads, verifies and names every boleto of a point of sale', async () => {
    h = await robotHarness();
    const pv = h.sim.accounts[0].pointOfSale;
    const clients = h.sim.clients(pv);
    const handle = h.core.startRobot('acme', pv);
    const outcome = await handle.done;
    expect(outcome.error).toBeNull();
    expect(outcome.status).toBe('succeeded');

    const files = clients.flatMap((c) => expectedFiles(c, h!.downloads));
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) expect(existsSync(file), file).toBe(true);
    const saved = readdirSync(h.downloads, { recursive: true }).filter((f) => String(f).endsWith('.pdf'));
    expect(saved).toHaveLength(files.length);

    const notFound = clients.filter((c) => !c.inPortal).length;
    const noBoleto = clients.filter((c) => c.inPortal).reduce((n, c) => n + c.cotas.filter((k) => !k.boletos.length).length, 0);
    expect(statusesOf(h, handle.jobId)).toEqual({ success: files.length, ...(notFound ? { cpf_not_found: notFound } : {}), ...(noBoleto ? { no_boleto: noBoleto } : {}) });

    // Every saved file is the right client's boleto.
    for (const client of clients) {
      for (const file of expectedFiles(client, h.downloads)) {
        const verdict = await verifyBoletoPdf(readFileSync(file), { cpf: client.cpf, gridDueDate: null, today: today(), monthFrom: 'vencimento' });
        expect(verdict.ok, file).toBe(true);
      }
    }
    // One portal session for this credential, never two at once.
    expect(h.sim.stats.maxConcurrentSessionsPerUser).toBe(1);
    expect(h.sim.stats.logins).toBe(1);

    const kpis = boletoKpis(h.core.company('acme'));
    expect(kpis).toMatchObject({ success: files.length, errors: 0, cpf_not_found: notFound, no_boleto: noBoleto, last_run: { id: handle.jobId, point_of_sale: pv } });
  });

  it('never saves another client’s boleto (session race) and retries with a fresh session', async () => {
    h = await robotHarness({ faults: { wrongClientPdf: { afterEmissions: 1, count: 1 } } });
    const pv = h.sim.accounts[0].pointOfSale;
    const handle = h.core.startRobot('acme', pv);
    expect((await handle.done).status).toBe('succeeded');
    expect(h.sim.stats.wrongPdfsServed).toBe(1);
    const clients = h.sim.clients(pv);
    for (const client of clients) {
      for (const file of expectedFiles(client, h.downloads)) {
        const verdict = await verifyBoletoPdf(readFileSync(file), { cpf: client.cpf, gridDueDate: null, today: today(), monthFrom: 'vencimento' });
        expect(verdict.ok, `${file} holds another client's boleto`).toBe(true);
      }
    }
    expect(statusesOf(h, handle.jobId).error ?? 0).toBe(0);
    expect(h.sim.stats.logins).toBe(2);
  });

  it('marks the client as an error when every attempt brings a foreign boleto, saving nothing for it', async () => {
    h = await robotHarness({ clientsPerPointOfSale: 3, faults: { wrongClientPdf: { afterEmissions: 0, count: 50 } } });
    const pv = h.sim.accounts[0].pointOfSale;
    const handle = h.core.startRobot('acme', pv);
    expect((await handle.done).status).toBe('succeeded');
    expect(existsSync(h.downloads) ? readdirSync(h.downloads, { recursive: true }).filter((f) => String(f).endsWith('.pdf')) : []).toEqual([]);
    const results = new BoletoStore(h.core.company('acme').db).results(handle.jobId);
    const errors = results.filter((r) => r.status === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0].message).toMatch(/outro pagador/);
    expect(errors[0].screenshot && existsSync(errors[0].screenshot)).toBe(true);
    expect(errors[0].html && existsSync(errors[0].html)).toBe(true);
  });

  it('logs in again when the session expires and carries on', async () => {
    h = await robotHarness({ faults: { sessionExpiresAfterClients: 2 } });
    const pv = h.sim.accounts[0].pointOfSale;
    const handle = h.core.startRobot('acme', pv);
    expect((await handle.done).status).toBe('succeeded');
    expect(h.sim.stats.logins).toBeGreaterThan(1);
    expect(statusesOf(h, handle.jobId).error ?? 0).toBe(0);
    expect(h.sim.stats.maxConcurrentSessionsPerUser).toBe(1);
  });

  it('captures the PDF when the popup closes itself, when it is an attachment, and through a 302', async () => {
    for (const faults of [{ popupClosesAfterMs: 50 }, { pdfDisposition: 'attachment' as const }, { printRedirect: '302' as const }]) {
      h = await robotHarness({ clientsPerPointOfSale: 4, faults });
      const pv = h.sim.accounts[0].pointOfSale;
      const handle = h.core.startRobot('acme', pv);
      expect((await handle.done).status, JSON.stringify(faults)).toBe('succeeded');
      const files = h.sim.clients(pv).flatMap((c) => expectedFiles(c, h!.downloads));
      for (const file of files) expect(existsSync(file), `${JSON.stringify(faults)} ${file}`).toBe(true);
      expect(statusesOf(h, handle.jobId).error ?? 0).toBe(0);
      await h.close();
      h = null;
    }
    // Three whole runs, each with its own browser.
  }, 180_000);

  it('retries an HTML error page served with 200', async () => {
    h = await robotHarness({ clientsPerPointOfSale: 4, faults: { htmlErrorPage: { afterRequests: 8, count: 2 } } });
    const pv = h.sim.accounts[0].pointOfSale;
    const handle = h.core.startRobot('acme', pv);
    expect((await handle.done).status).toBe('succeeded');
    expect(statusesOf(h, handle.jobId).error ?? 0).toBe(0);
  });

  it('pauses on a captcha, asks the user, and goes on when told to', async () => {
    h = await robotHarness({ clientsPerPointOfSale: 3 });
    const pv = h.sim.accounts[0].pointOfSale;
    h.sim.faults = { captchaAfterFailedLogins: 0 };
    const handle = h.core.startRobot('acme', pv);
    const waiting = await new Promise<string>((resolve) => {
      const off = h!.core.on('job.progress', (p) => {
        if (p.jobId === handle.jobId && p.waitingForUser && p.message) {
          off();
          resolve(p.message);
        }
      });
    });
    expect(waiting).toMatch(/caracteres de segurança \(captcha\).*não resolve captchas/);
    expect(h.core.jobs.active('acme')[0]).toMatchObject({ waitingForUser: true });
    h.sim.faults = {};
    h.sim.resetCaptcha();
    expect(h.core.continueJob(handle.jobId)).toBe(true);
    const outcome = await handle.done;
    expect(outcome.status).toBe('succeeded');
    expect(outcome.counts['boletos.success']).toBeGreaterThan(0);
  });

  it('runs two points of sale in parallel, one session each', async () => {
    h = await robotHarness({ clientsPerPointOfSale: 5 });
    const [a, b] = h.sim.accounts.map((acc) => acc.pointOfSale);
    const outcomes = await Promise.all([h.core.startRobot('acme', a).done, h.core.startRobot('acme', b).done]);
    expect(outcomes.map((o) => o.status)).toEqual(['succeeded', 'succeeded']);
    expect(h.sim.stats.maxConcurrentSessionsPerUser).toBe(1);
    for (const pv of [a, b]) {
      for (const file of h.sim.clients(pv).flatMap((c) => expectedFiles(c, h!.downloads))) expect(existsSync(file), file).toBe(true);
    }
  });

  it('skips clients already done this month on a second run and keeps identical files', async () => {
    h = await robotHarness({ clientsPerPointOfSale: 4 });
    const pv = h.sim.accounts[0].pointOfSale;
    const first = await h.core.startRobot('acme', pv).done;
    expect(first.status).toBe('succeeded');
    const emissions = h.sim.stats.emissions;
    const second = await h.core.startRobot('acme', pv).done;
    expect(second.status).toBe('succeeded');
    expect(second.counts['boletos.skipped']).toBe(4);
    expect(h.sim.stats.emissions).toBe(emissions);
  });

  it('does not emit again a boleto whose checked file is already in the folder', async () => {
    h = await robotHarness({ clientsPerPointOfSale: 4 });
    const pv = h.sim.accounts[0].pointOfSale;
    expect((await h.core.startRobot('acme', pv).done).status).toBe('succeeded');
    const emissions = h.sim.stats.emissions;
    // The run records are lost (e.g. a fresh install pointing at the same folder).
    h.core.company('acme').db.exec('DELETE FROM boleto_results');
    const again = await h.core.startRobot('acme', pv).done;
    expect(again.status).toBe('succeeded');
    expect(h.sim.stats.emissions).toBe(emissions);
    expect(again.counts['boletos.success']).toBe(h.sim.clients(pv).flatMap((c) => expectedFiles(c, h!.downloads)).length);
  });

  it('says clearly when the portal refuses the password', async () => {
    h = await robotHarness({ clientsPerPointOfSale: 2 }, { demo: '0' });
    const pv = h.sim.accounts[0].pointOfSale;
    await h.core.setSecret('acme', 'canopus', `pdv-${pv}`, 'senha-errada');
    const outcome = await h.core.startRobot('acme', pv).done;
    expect(outcome.status).toBe('failed');
    expect(outcome.error?.code).toBe('portal-login-refused');
    expect(outcome.error?.message).toMatch(/^O portal recusou o login do PV \d{1,3}\.\d{3} .*confira o usuário e a senha/);
    await h.core.deleteSecret('acme', 'canopus', `pdv-${pv}`);
  });
});
