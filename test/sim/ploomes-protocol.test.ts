import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLOOMES_SIM_DEMO_KEY, startPloomesSim, type PloomesSim } from '../../src/main/sim/ploomes';
import { call, page, q } from './ploomes-http';

const DEAL_FIELDS = [
  'Id', 'Title', 'ContactId', 'ContactName', 'PersonId', 'PersonName', 'PipelineId', 'StageId', 'LastStageId', 'StatusId',
  'LossReasonId', 'OriginId', 'OwnerId', 'StartDate', 'FinishDate', 'CurrencyId', 'Amount', 'StartCurrencyId', 'StartAmount',
  'FirstTaskId', 'FirstTaskDate', 'FirstTaskNoTime', 'HasScheduledTasks', 'TasksOrdination', 'ContactProductId', 'LastQuoteId',
  'IsLastQuoteApproved', 'WonQuoteId', 'Read', 'LastInteractionRecordId', 'LastOrderId', 'LastDocumentId', 'DaysInStage',
  'HoursInStage', 'Length', 'CreateImportId', 'UpdateImportId', 'ImportationIdCreate', 'ImportationIdUpdate',
  'PublicFormIdCreate', 'PublicFormIdUpdate', 'LeadId', 'OriginDealId', 'ReevId', 'DealNumber', 'Editable', 'Deletable',
  'CreatorId', 'UpdaterId', 'CreateDate', 'LastUpdateDate',
];
const CONTACT_FIELDS = [
  'Id', 'TypeId', 'Name', 'LegalName', 'CNPJ', 'CPF', 'Register', 'StatusId', 'CompanyId', 'ClassId', 'RelationshipId',
  'LineOfBusinessId', 'OriginId', 'NumberOfEmployeesId', 'OwnerId', 'Email', 'Website', 'StreetAddress', 'StreetAddressNumber',
  'StreetAddressLine2', 'Neighborhood', 'ZipCode', 'ForeignZipCode', 'CityId', 'StateId', 'CountryId', 'CurrencyId',
  'CNAECode', 'CNAEName', 'Latitude', 'Longitude', 'Birthday', 'Note', 'RoleId', 'DepartmentId', 'LastDealId', 'LastOrderId',
  'LastInteractionRecordId', 'LeadId', 'Key', 'AvatarUrl', 'IdentityDocument', 'Editable', 'Deletable', 'CreatorId',
  'UpdaterId', 'CreateDate', 'LastUpdateDate',
];
const FORBIDDEN = { error: { code: 'Forbidden', message: 'Your request has been forbidden' } };

let sim: PloomesSim;
beforeAll(async () => {
  sim = await startPloomesSim({ rateLimit: false });
});
afterAll(() => sim.close());

describe('Ploomes simulator protocol', () => {
  it('binds 127.0.0.1 and answers with the OData envelope, JSON content type and a Date header', async () => {
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const reply = await call(sim, '/Deals?$top=2');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(reply.headers.get('date')).toMatch(/GMT$/);
    expect(Object.keys(reply.json)).toEqual(['@odata.context', 'value']);
    expect(reply.json['@odata.context']).toBe(`${sim.url}/$metadata#Deals`);
    expect(reply.json.value).toHaveLength(2);
  });

  it('returns the full field sets of deals and contacts, nulls included, expandables only on request', async () => {
    const [deal] = await page(sim, '/Deals?$top=1');
    expect(Object.keys(deal)).toEqual(DEAL_FIELDS);
    const contacts = await page(sim, '/Contacts?$top=20');
    for (const contact of contacts) expect(Object.keys(contact)).toEqual(CONTACT_FIELDS);
    expect(contacts[0]).not.toHaveProperty('Phones');
    expect(contacts[0]).not.toHaveProperty('OtherProperties');
    expect(deal).not.toHaveProperty('Tags');
  });

  it('writes every timestamp in -03:00 with the .NET fraction (trailing zeros dropped)', async () => {
    const deals = await page(sim, '/Deals?$top=300');
    const stamps = deals.flatMap((d) => [d.CreateDate, d.StartDate, d.FinishDate, d.LastUpdateDate, d.FirstTaskDate]).filter((v) => v !== null);
    for (const stamp of stamps) expect(stamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?-03:00$/);
    expect(stamps.some((s) => /\.\d{3}-03:00$/.test(s as string))).toBe(true);
    expect(stamps.every((s) => !/\.\d*0-03:00$/.test(s as string))).toBe(true);
  });

  it('rejects a missing or unknown User-Key with 401', async () => {
    const missing = await call(sim, '/Deals?$top=1', { key: null });
    expect(missing.status).toBe(401);
    expect(missing.json.error.code).toBe('Unauthorized');
    const unknown = await call(sim, '/Deals?$top=1', { key: 'not-a-key' });
    expect(unknown.status).toBe(401);
  });

  it('caps $top at 300 silently and serves 300 when $top is missing', async () => {
    expect(await page(sim, '/Deals?$top=1000')).toHaveLength(300);
    expect(await page(sim, '/Deals')).toHaveLength(300);
    expect(await page(sim, '/Deals?$top=0')).toHaveLength(0);
    expect((await call(sim, '/Deals?$top=-1')).status).toBe(400);
    expect((await call(sim, '/Deals?$skip=abc')).status).toBe(400);
  });

  it('answers 403 "forbidden" for an unknown property in $select, $filter, $orderby or $expand', async () => {
    for (const path of [
      '/Deals?$select=Id,CreatedDate',
      `/Deals?$filter=${q('CreatedDate ge 2024-01-01T00:00:00-03:00')}`,
      '/Deals?$orderby=LastStageUpdate',
      '/Deals?$expand=Company',
      '/Deals?$expand=Owner($select=Id,Nome)',
      `/Deals?$filter=${q("Status/Nome eq 'Ganha'")}`,
      `/Contacts?$filter=${q("Phones/any(p: p/Number eq '1')")}`,
    ]) {
      const reply = await call(sim, path);
      expect(reply.status, path).toBe(403);
      expect(reply.json).toEqual(FORBIDDEN);
    }
  });

  it('answers 400 with an OData error for a broken $filter and for incompatible types', async () => {
    for (const filter of ['Id eq', "Title eq 'open", 'Id eq 1 and', '(Id eq 1', 'LastUpdateDate ge 2024-05-01T00:00:00', "LastUpdateDate ge '2024-05-01T00:00:00-03:00'", 'Id eq 1 xor Id eq 2', 'foo(Id)']) {
      const reply = await call(sim, `/Deals?$filter=${q(filter)}`);
      expect(reply.status, filter).toBe(400);
      expect(reply.json.error.message, filter).toMatch(/not valid/);
    }
  });

  it('serves a single record by key and by $filter=Id eq', async () => {
    const [first] = await page(sim, '/Deals?$top=1&$skip=10');
    const byKey = await call(sim, `/Deals(${first.Id})`);
    expect(byKey.status).toBe(200);
    expect(byKey.json.value).toEqual([first]);
    expect(await page(sim, `/Deals?$filter=${q(`Id eq ${first.Id}`)}`)).toEqual([first]);
    expect((await call(sim, '/Deals(1)')).status).toBe(404);
  });

  it('serves the lookup collections', async () => {
    expect(await page(sim, '/Deals@Status')).toEqual([{ Id: 1, Name: 'Em aberto' }, { Id: 2, Name: 'Ganha' }, { Id: 3, Name: 'Perdida' }]);
    expect(await page(sim, '/Contacts@Types')).toEqual([{ Id: 1, Name: 'Empresa' }, { Id: 2, Name: 'Pessoa' }]);
    const pipelines = await page(sim, '/Deals@Pipelines?$expand=Stages');
    expect(pipelines.length).toBeGreaterThan(1);
    for (const p of pipelines) {
      const stages = p.Stages as Record<string, unknown>[];
      expect(stages.length).toBeGreaterThan(0);
      expect(stages.every((s) => s.PipelineId === p.Id)).toBe(true);
    }
    for (const path of ['/Deals@Stages', '/Deals@LossReasons', '/Contacts@Status', '/Users', '/Fields', '/Tags']) {
      expect((await page(sim, path)).length, path).toBeGreaterThan(0);
    }
    for (const path of ['/Orders', '/Quotes', '/Webhooks']) expect(await page(sim, path), path).toEqual([]);
    expect(await page(sim, '/Account?$top=1&$select=Id')).toEqual([{ Id: expect.any(Number) }]);
    const [self] = await page(sim, '/Self');
    expect(self.Name).toBe('Integração Nexus');
    const dynamic = await page(sim, `/Fields?$filter=${q('EntityId eq 2 and Dynamic eq true')}`);
    expect(dynamic.length).toBeGreaterThan(0);
    expect(dynamic.every((f) => (f.Key as string).startsWith('deal_'))).toBe(true);
  });

  it('routes case-insensitively, 404s unknown paths and 405s wrong methods', async () => {
    expect((await call(sim, '/deals?$top=1')).status).toBe(200);
    expect((await call(sim, '/Dealz')).status).toBe(404);
    expect((await call(sim, '/Deals@Status', { method: 'POST', body: {} })).status).toBe(405);
    expect((await call(sim, '/Deals?$top=1&$top=2')).status).toBe(400);
  });

  it('accepts the demo key constant', () => {
    expect(PLOOMES_SIM_DEMO_KEY).toBe('nexus-demo-ploomes-key');
  });
});
