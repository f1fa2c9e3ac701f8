import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startPloomesSim, type PloomesSim } from '../../src/main/sim/ploomes';
import { call, page, q } from './ploomes-http';

type Rec = Record<string, unknown>;

let sim: PloomesSim;
let clock = new Date('2026-02-10T15:00:00.000Z');
beforeEach(async () => {
  clock = new Date('2026-02-10T15:00:00.000Z');
  sim = await startPloomesSim({ rateLimit: false, now: () => clock });
});
afterEach(() => sim.close());

const changedSince = (iso: string) => page(sim, `/Deals?$filter=${q(`LastUpdateDate ge ${iso}`)}&$select=Id,LastUpdateDate,StatusId,Amount,Title&$orderby=Id`);
const openDeal = () => [...sim.deals()].find((d) => d.StatusId === 1 && (d.Amount as number) > 0)!;

describe('Ploomes simulator writes through the simulator object', () => {
  it('updateDeal bumps LastUpdateDate to now() in -03:00 and shows up in a LastUpdateDate filter', async () => {
    expect(await changedSince('2026-01-01T00:00:00-03:00')).toEqual([]);
    const deal = openDeal();
    const updated = sim.updateDeal(deal.Id as number, { Title: 'Renegociação — cliente pediu desconto', Amount: 1234.56 });
    expect(updated.LastUpdateDate).toBe('2026-02-10T12:00:00-03:00');
    expect(updated.Title).toBe('Renegociação — cliente pediu desconto');
    expect(await changedSince('2026-02-10T12:00:00-03:00')).toEqual([
      { Id: deal.Id, LastUpdateDate: '2026-02-10T12:00:00-03:00', StatusId: 1, Amount: 1234.56, Title: 'Renegociação — cliente pediu desconto' },
    ]);
    const [reread] = await page(sim, `/Deals(${deal.Id})`);
    expect(reread).toEqual(updated);
    expect([...sim.deals()].find((d) => d.Id === deal.Id)).toEqual(updated);
  });

  it('winDeal sets status, FinishDate and amount; createDeal appends a new deal; deleteDeal feeds GetDeletedDeals', async () => {
    const deal = openDeal();
    clock = new Date('2026-02-11T01:30:00.250Z');
    const won = sim.winDeal(deal.Id as number, 9999.9);
    expect(won).toMatchObject({ StatusId: 2, FinishDate: '2026-02-10T22:30:00.25-03:00', Amount: 9999.9, LossReasonId: null, LastUpdateDate: '2026-02-10T22:30:00.25-03:00' });

    const contact = [...sim.contacts()].find((c) => c.TypeId === 1)!;
    const created = sim.createDeal({ Title: 'Novo negócio', ContactId: contact.Id, Amount: 500 });
    expect(created).toMatchObject({ Title: 'Novo negócio', ContactId: contact.Id, ContactName: contact.Name, StatusId: 1, Amount: 500, FinishDate: null });
    expect(created.Id as number).toBeGreaterThan(Math.max(...[...sim.deals()].filter((d) => d.Id !== created.Id).map((d) => d.Id as number)));
    expect((await page(sim, `/Contacts(${contact.Id})?$select=LastDealId`))[0].LastDealId).toBe(created.Id);

    const before = sim.deletedDealIds().length;
    clock = new Date('2026-02-12T10:00:00.000Z');
    sim.deleteDeal(deal.Id as number);
    expect(sim.deletedDealIds()).toContain(deal.Id);
    expect(sim.deletedDealIds()).toHaveLength(before + 1);
    expect([...sim.deals()].some((d) => d.Id === deal.Id)).toBe(false);
    expect((await call(sim, `/Deals(${deal.Id})`)).status).toBe(404);
    const deleted = await page(sim, `/Deals/GetDeletedDeals?$filter=${q('LastUpdateDate ge 2026-02-12T00:00:00-03:00')}`);
    expect(deleted).toHaveLength(1);
    expect(deleted[0]).toMatchObject({ Id: deal.Id, StatusId: 2, LastUpdateDate: '2026-02-12T07:00:00-03:00' });
    expect(() => sim.deleteDeal(deal.Id as number)).toThrow(/not found/);
  });

  it('updateContact renames the contact; its deals show the new name', async () => {
    const deal = [...sim.deals()][0];
    const contact = sim.updateContact(deal.ContactId as number, { Name: 'Empresa Renomeada Ltda', Email: 'novo@renomeada.com.br' });
    expect(contact).toMatchObject({ Name: 'Empresa Renomeada Ltda', LastUpdateDate: '2026-02-10T12:00:00-03:00' });
    const [reread] = await page(sim, `/Deals(${deal.Id})?$select=ContactName&$expand=Contact($select=Name,Email)`);
    expect(reread).toEqual({ ContactName: 'Empresa Renomeada Ltda', Contact: { Name: 'Empresa Renomeada Ltda', Email: 'novo@renomeada.com.br' } });
  });

  it('lands patches verbatim (a test can plant a malformed record) but throws on unknown names', async () => {
    const id = openDeal().Id as number;
    expect(() => sim.updateDeal(id, { CreatedDate: 'x' })).toThrow(/'CreatedDate' does not exist/);
    expect(() => sim.updateDeal(1, {})).toThrow(/not found/);
    expect(() => sim.createDeal({ Title: 'sem cliente' })).toThrow(/ContactId/);
    const planted = sim.updateDeal(id, { StatusId: 'Ganha', FinishDate: 'ontem' });
    expect(planted).toMatchObject({ StatusId: 'Ganha', FinishDate: 'ontem', LastUpdateDate: '2026-02-10T12:00:00-03:00' });
    const [served] = await page(sim, `/Deals(${id})?$select=StatusId,FinishDate`);
    expect(served).toEqual({ StatusId: 'Ganha', FinishDate: 'ontem' });
    expect(await page(sim, `/Deals?$filter=${q(`StatusId eq 1 and Id eq ${id}`)}`)).toEqual([]);
    expect((await page(sim, `/Deals?$filter=${q('LastUpdateDate ge 2026-02-10T12:00:00-03:00')}&$select=Id`))).toEqual([{ Id: id }]);
  });
});

describe('Ploomes simulator writes over HTTP', () => {
  it('POST, PATCH, Win, Lose, Reopen and DELETE on /Deals', async () => {
    const contact = [...sim.contacts()].find((c) => c.TypeId === 1)!;
    const created = await call(sim, '/Deals', { method: 'POST', body: { Title: 'Via API', ContactId: contact.Id, StageId: 10004997 } });
    expect(created.status).toBe(200);
    const deal = created.json.value[0] as Rec;
    expect(created.json.value).toHaveLength(1);
    expect(deal).toMatchObject({ Title: 'Via API', PipelineId: 10000969, StageId: 10004997, StatusId: 1, CreatorId: 10003844 });

    const patched = await call(sim, `/Deals(${deal.Id})?$select=Id,Amount,LastUpdateDate`, { method: 'PATCH', body: { Amount: 42.5 } });
    expect(patched.json.value).toEqual([{ Id: deal.Id, Amount: 42.5, LastUpdateDate: '2026-02-10T12:00:00-03:00' }]);

    const lost = await call(sim, `/Deals(${deal.Id})/Lose`, { method: 'POST', body: { LossReasonId: 10001102 } });
    expect(lost.json.value[0]).toMatchObject({ StatusId: 3, LossReasonId: 10001102, FinishDate: '2026-02-10T12:00:00-03:00' });
    const reopened = await call(sim, `/Deals(${deal.Id})/Reopen`, { method: 'POST' });
    expect(reopened.json.value[0]).toMatchObject({ StatusId: 1, LossReasonId: null, FinishDate: null });
    const won = await call(sim, `/Deals(${deal.Id})/Win`, { method: 'POST' });
    expect(won.json.value[0]).toMatchObject({ StatusId: 2, Amount: 42.5 });

    const removed = await call(sim, `/Deals(${deal.Id})`, { method: 'DELETE' });
    expect(removed.status).toBe(200);
    expect(removed.text).toBe('');
    expect((await page(sim, `/Deals/GetDeletedDeals?$filter=${q(`Id eq ${deal.Id}`)}&$select=Id`))).toEqual([{ Id: deal.Id }]);

    const other = openDeal().Id;
    for (const [path, body, message] of [
      ['/Deals', { Title: 'x', ContactId: contact.Id, Foo: 1 }, /'Foo' does not exist/],
      [`/Deals(${other})`, { StatusId: 2 }, /Win, \/Lose or \/Reopen/],
      [`/Deals(${other})`, { Amount: 'ten' }, /Invalid value/],
      [`/Deals(${other})`, { StageId: 10004990, PipelineId: 10000969 }, /does not belong/],
      ['/Deals', { Title: 'x', ContactId: 1 }, /not an existing contact/],
    ] as const) {
      const reply = await call(sim, path, { method: path === '/Deals' ? 'POST' : 'PATCH', body });
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.json.error.message).toMatch(message);
    }
    expect((await call(sim, '/Deals', { method: 'POST', body: '{not json' })).status).toBe(400);
    expect((await call(sim, `/Deals(${deal.Id})`, { method: 'PATCH', body: { Amount: 1 } })).status).toBe(404);
    expect((await call(sim, '/Deals?$select=Nope', { method: 'POST', body: { Title: 'x', ContactId: contact.Id } })).status).toBe(403);
    expect([...sim.deals()].filter((d) => d.Title === 'x')).toEqual([]);
  });

  it('POST, PATCH and DELETE on /Contacts, with phones and custom fields', async () => {
    const [field] = await page(sim, `/Fields?$filter=${q("Name eq 'Segmento'")}`);
    const created = await call(sim, '/Contacts?$expand=Phones,OtherProperties', {
      method: 'POST',
      body: { Name: 'José da Conceição', TypeId: 2, CPF: '52998224725', Phones: [{ PhoneNumber: '+55 (11) 98765-4321' }], OtherProperties: [{ FieldKey: field.Key, StringValue: 'Varejo' }] },
    });
    expect(created.status).toBe(200);
    const contact = created.json.value[0];
    expect(contact).toMatchObject({ Name: 'José da Conceição', TypeId: 2, CPF: '52998224725', Register: '52998224725', LastDealId: null });
    expect(contact.Phones[0]).toMatchObject({ PhoneNumber: '+55 (11) 98765-4321', SearchPhoneNumber: 5511987654321 });
    expect(contact.OtherProperties[0]).toMatchObject({ FieldKey: field.Key, StringValue: 'Varejo', ContactId: contact.Id });
    const patched = await call(sim, `/Contacts(${contact.Id})`, { method: 'PATCH', body: { Email: 'jose@example.com.br' } });
    expect(patched.json.value[0].Email).toBe('jose@example.com.br');
    expect((await page(sim, `/Contacts?$filter=${q("Email eq 'jose@example.com.br'")}&$select=Id`))).toEqual([{ Id: contact.Id }]);
    expect((await call(sim, `/Contacts(${contact.Id})`, { method: 'DELETE' })).status).toBe(200);
    expect((await call(sim, `/Contacts(${contact.Id})`)).status).toBe(404);
  });

  it('normalises written dates to the API form and keeps a deal writable after its contact is deleted', async () => {
    const deal = openDeal();
    const moved = await call(sim, `/Deals(${deal.Id})?$select=StartDate`, { method: 'PATCH', body: { StartDate: '2025-03-04T15:06:07.1Z' } });
    expect(moved.json.value).toEqual([{ StartDate: '2025-03-04T12:06:07.1-03:00' }]);
    const removed = await call(sim, `/Contacts(${deal.ContactId})`, { method: 'DELETE' });
    expect(removed.status).toBe(200);
    const [reread] = await page(sim, `/Deals(${deal.Id})?$select=ContactId,ContactName&$expand=Contact`);
    expect(reread).toEqual({ ContactId: deal.ContactId, ContactName: deal.ContactName, Contact: null });
    expect(sim.winDeal(deal.Id as number).StatusId).toBe(2);
    const repoint = await call(sim, `/Deals(${deal.Id})`, { method: 'PATCH', body: { ContactId: deal.ContactId } });
    expect(repoint.status).toBe(400);
    expect(repoint.json.error.message).toMatch(/not an existing contact/);
  });

  it('pages the deleted feed with $filter, $orderby, $top and $skip', async () => {
    const ids = [...sim.deals()].slice(0, 5).map((d) => d.Id as number);
    ids.forEach((id, i) => {
      clock = new Date(Date.UTC(2026, 2, 1 + i, 12));
      sim.deleteDeal(id);
    });
    const feed = await page(sim, `/Deals/GetDeletedDeals?$filter=${q('LastUpdateDate ge 2026-03-02T00:00:00-03:00')}&$orderby=LastUpdateDate desc&$top=2&$skip=1&$select=Id,LastUpdateDate`);
    expect(feed).toEqual([
      { Id: ids[3], LastUpdateDate: '2026-03-04T09:00:00-03:00' },
      { Id: ids[2], LastUpdateDate: '2026-03-03T09:00:00-03:00' },
    ]);
  });
});

describe('Ploomes simulator webhooks', () => {
  it('stores registrations and delivers changes with the validation header', async () => {
    const received: { headers: IncomingHttpHeaders; body: Rec }[] = [];
    const receiver = createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: JSON.parse(raw) });
        res.end('ok');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    try {
      const callbackUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
      const registered = await call(sim, '/Webhooks', { method: 'POST', body: { EntityId: 2, ActionId: 5, CallbackUrl: callbackUrl, ValidationKey: 'segredo-local' } });
      expect(registered.status).toBe(200);
      expect(await page(sim, '/Webhooks')).toEqual(registered.json.value);
      const deal = openDeal();
      sim.updateDeal(deal.Id as number, { Title: 'sem webhook (ActionId 2 não registrado)' });
      sim.winDeal(deal.Id as number);
      await sim.close();
      sim = await startPloomesSim({ rateLimit: false });
      expect(received).toHaveLength(1);
      const [{ headers, body }] = received;
      expect(headers['x-ploomes-validation-key']).toBe('segredo-local');
      expect(body).toMatchObject({ Action: 'Win', Entity: 'Deals', WebhookId: registered.json.value[0].Id, New: { Id: deal.Id, StatusId: 2, FinishDate: '2026-02-10T12:00:00' }, Old: { StatusId: 1 } });
      expect(typeof (body.New as Rec).OtherProperties).toBe('object');
      expect(Array.isArray((body.New as Rec).OtherProperties)).toBe(false);
    } finally {
      receiver.close();
    }
  });
});
