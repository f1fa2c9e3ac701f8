import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPloomesSim, type PloomesSim } from '../../src/main/sim/ploomes';
import { call, page, q } from './ploomes-http';

type Rec = Record<string, unknown>;

let sim: PloomesSim;
let deals: Rec[];
let contacts: Rec[];
const instant = (v: unknown) => Date.parse(v as string);

/** Every row matching a filter, paged by Id, with the given $select. */
async function all(collection: string, filter: string, select = 'Id'): Promise<Rec[]> {
  const out: Rec[] = [];
  for (let skip = 0; ; skip += 300) {
    const rows = await page(sim, `/${collection}?$filter=${q(filter)}&$select=${select}&$orderby=Id&$top=300&$skip=${skip}`);
    out.push(...rows);
    if (rows.length < 300) return out;
  }
}
const ids = (rows: Rec[]) => rows.map((r) => r.Id);

beforeAll(async () => {
  sim = await startPloomesSim({ rateLimit: false });
  deals = [...sim.deals()];
  contacts = [...sim.contacts()];
});
afterAll(() => sim.close());

describe('Ploomes simulator $filter', () => {
  it('compares numbers with eq ne gt ge lt le', async () => {
    const pivot = deals[500].Id as number;
    const cases: [string, (d: Rec) => boolean][] = [
      [`Id eq ${pivot}`, (d) => d.Id === pivot],
      [`StatusId ne 1`, (d) => d.StatusId !== 1],
      [`Amount gt 10000.5`, (d) => (d.Amount as number) > 10000.5],
      [`Amount ge 10000`, (d) => (d.Amount as number) >= 10000],
      [`Id lt ${pivot}`, (d) => (d.Id as number) < pivot],
      [`Id le ${pivot}`, (d) => (d.Id as number) <= pivot],
      [`${pivot} lt Id`, (d) => (d.Id as number) > pivot],
    ];
    for (const [filter, predicate] of cases) expect(ids(await all('Deals', filter)), filter).toEqual(ids(deals.filter(predicate)));
  });

  it('combines with and, or, not and parentheses (and binds tighter than or)', async () => {
    const cases: [string, (d: Rec) => boolean][] = [
      ['StatusId eq 2 and Amount lt 500', (d) => d.StatusId === 2 && (d.Amount as number) < 500],
      ['StatusId eq 3 or Amount gt 200000', (d) => d.StatusId === 3 || (d.Amount as number) > 200000],
      ['StatusId eq 1 or StatusId eq 3 and Amount gt 50000', (d) => d.StatusId === 1 || (d.StatusId === 3 && (d.Amount as number) > 50000)],
      ['(StatusId eq 1 or StatusId eq 3) and Amount gt 50000', (d) => (d.StatusId === 1 || d.StatusId === 3) && (d.Amount as number) > 50000],
      ['not (StatusId eq 2) and not (Amount eq 0)', (d) => d.StatusId !== 2 && d.Amount !== 0],
    ];
    for (const [filter, predicate] of cases) expect(ids(await all('Deals', filter)), filter).toEqual(ids(deals.filter(predicate)));
  });

  it('handles null, true/false and quoted strings with doubled quotes', async () => {
    expect(ids(await all('Deals', 'FinishDate eq null'))).toEqual(ids(deals.filter((d) => d.FinishDate === null)));
    expect(ids(await all('Deals', 'PersonId ne null'))).toEqual(ids(deals.filter((d) => d.PersonId !== null)));
    expect(ids(await all('Deals', 'HasScheduledTasks eq true'))).toEqual(ids(deals.filter((d) => d.HasScheduledTasks === true)));
    expect(ids(await all('Deals', 'Read eq false'))).toEqual(ids(deals.filter((d) => d.Read === false)));
    const apostrophe = contacts.find((c) => (c.Name as string).includes("'"));
    expect(apostrophe, "the data has a name with an apostrophe (D'Ávila)").toBeDefined();
    const quoted = (apostrophe!.Name as string).replace(/'/g, "''");
    expect(ids(await all('Contacts', `Name eq '${quoted}'`))).toEqual(ids(contacts.filter((c) => c.Name === apostrophe!.Name)));
  });

  it('supports contains, startswith and endswith (case-insensitive, accents kept)', async () => {
    const cases: [string, (c: Rec) => boolean][] = [
      ["contains(Name,'ção')", (c) => (c.Name as string).toLowerCase().includes('ção')],
      ["startswith(Name,'maria')", (c) => (c.Name as string).toLowerCase().startsWith('maria')],
      ["endswith(Name,' ltda')", (c) => (c.Name as string).toLowerCase().endsWith(' ltda')],
      ["contains(Email,'@gmail.com') and TypeId eq 2", (c) => c.TypeId === 2 && ((c.Email as string | null) ?? '').includes('@gmail.com')],
    ];
    for (const [filter, predicate] of cases) {
      const expected = ids(contacts.filter(predicate));
      expect(expected.length, filter).toBeGreaterThan(0);
      expect(ids(await all('Contacts', filter)), filter).toEqual(expected);
    }
  });

  it('compares unquoted ISO-8601 datetimes as instants, whatever their offset or fraction', async () => {
    const since = Date.parse('2025-06-01T00:00:00-03:00');
    const expected = ids(deals.filter((d) => instant(d.LastUpdateDate) >= since));
    for (const literal of ['2025-06-01T00:00:00-03:00', '2025-06-01T03:00:00Z', '2025-06-01T03:00:00.000Z', '2025-06-01T05:00:00+02:00', '2025-06-01T00:00-03:00']) {
      expect(ids(await all('Deals', `LastUpdateDate ge ${literal}`)), literal).toEqual(expected);
    }
    const exact = deals[42].LastUpdateDate as string;
    expect(ids(await all('Deals', `LastUpdateDate eq ${exact}`))).toContain(deals[42].Id);
    const before = ids(deals.filter((d) => instant(d.CreateDate) < Date.parse('2023-02-01T00:00:00.5-03:00')));
    expect(ids(await all('Deals', 'CreateDate lt 2023-02-01T00:00:00.5-03:00'))).toEqual(before);
  });

  it('follows navigation paths and any() lambdas', async () => {
    expect(ids(await all('Deals', "Status/Name eq 'Ganha'"))).toEqual(ids(deals.filter((d) => d.StatusId === 2)));
    const owner = (await page(sim, '/Users?$filter=Id eq 10002268'))[0];
    expect(ids(await all('Deals', `Owner/Name eq '${owner.Name}'`))).toEqual(ids(deals.filter((d) => d.OwnerId === owner.Id)));
    expect(ids(await all('Deals', "Contact/TypeId eq 2"))).toEqual(
      ids(deals.filter((d) => contacts.find((c) => c.Id === d.ContactId)?.TypeId === 2)),
    );

    const withPhones = await all('Contacts', "Phones/any(p: contains(p/PhoneNumber,'11'))", 'Id,Name');
    const expanded = await page(sim, `/Contacts?$top=300&$select=Id&$expand=Phones`);
    const expected = expanded.filter((c) => (c.Phones as Rec[]).some((p) => (p.PhoneNumber as string).includes('11')));
    expect(ids(withPhones)).toEqual(ids(expected));
    expect(expected.length).toBeGreaterThan(0);

    const [field] = await page(sim, `/Fields?$filter=${q("Name eq 'Segmento'")}`);
    const segment = await all('Contacts', `OtherProperties/any(o: o/FieldKey eq '${field.Key}' and o/StringValue eq 'Varejo')`);
    const withProps = await page(sim, `/Contacts?$top=300&$select=Id&$expand=OtherProperties`);
    expect(ids(segment)).toEqual(ids(withProps.filter((c) => (c.OtherProperties as Rec[]).some((o) => o.FieldKey === field.Key && o.StringValue === 'Varejo'))));
    expect(segment.length).toBeGreaterThan(0);
    expect(ids(await all('Contacts', 'Phones/any()'))).toEqual(ids(expanded.filter((c) => (c.Phones as Rec[]).length > 0)));
    expect(ids(await all('Contacts', "Phones/all(p: p/TypeId eq 1)"))).toEqual(ids(expanded.filter((c) => (c.Phones as Rec[]).every((p) => p.TypeId === 1))));
  });
});

describe('Ploomes simulator $select, $expand and $orderby', () => {
  it('selects fields in the order asked', async () => {
    const rows = await page(sim, '/Deals?$select=Title,Id,Amount&$top=3');
    expect(rows.map(Object.keys)).toEqual([['Title', 'Id', 'Amount'], ['Title', 'Id', 'Amount'], ['Title', 'Id', 'Amount']]);
  });

  it('expands navigations with nested $select, $expand, $filter and $top', async () => {
    const [deal] = await page(sim, `/Deals?$filter=${q('PersonId ne null')}&$top=1&$select=Id,ContactId,PersonId,OwnerId,StageId&$expand=${q('Owner($select=Id,Name),Contact($select=Id,Name;$expand=Phones($select=PhoneNumber)),Person,Status,Stage($expand=Pipeline($select=Name)),Pipeline')}`);
    expect(deal.Owner).toEqual({ Id: deal.OwnerId, Name: expect.any(String) });
    const contact = deal.Contact as Rec;
    expect(contact.Id).toBe(deal.ContactId);
    expect(Object.keys(contact)).toEqual(['Id', 'Name', 'Phones']);
    for (const phone of contact.Phones as Rec[]) expect(Object.keys(phone)).toEqual(['PhoneNumber']);
    expect((deal.Person as Rec).Id).toBe(deal.PersonId);
    expect((deal.Person as Rec).TypeId).toBe(2);
    expect(deal.Status).toEqual({ Id: expect.any(Number), Name: expect.any(String) });
    expect((deal.Stage as Rec).Id).toBe(deal.StageId);
    expect(((deal.Stage as Rec).Pipeline as Rec)).toEqual({ Name: (deal.Pipeline as Rec).Name });

    const tagged = await page(sim, `/Deals?$select=Id&$expand=${q('Tags($expand=Tag)')}&$top=300`);
    const tags = tagged.flatMap((d) => d.Tags as Rec[]);
    expect(tags.length).toBeGreaterThan(0);
    for (const t of tags) expect(t.Tag).toMatchObject({ Id: t.TagId, Name: expect.any(String), Color: expect.any(String) });

    const props = await page(sim, `/Deals?$select=Id&$expand=${q('OtherProperties($filter=FieldId eq 10004224;$select=FieldKey,StringValue)')}&$top=50`);
    for (const d of props) for (const o of d.OtherProperties as Rec[]) expect(Object.keys(o)).toEqual(['FieldKey', 'StringValue']);
    expect(props.some((d) => (d.OtherProperties as Rec[]).length === 1)).toBe(true);
    expect((await call(sim, `/Deals?$expand=${q('Owner($top=1)')}`)).status).toBe(400);
  });

  it('orders by several keys, asc and desc, with Id as the final tie-break', async () => {
    const rows = await all('Deals', 'StatusId ne 1', 'Id,StatusId,Amount');
    const sortedPage = await page(sim, `/Deals?$filter=${q('StatusId ne 1')}&$select=Id,StatusId,Amount&$orderby=${q('StatusId desc,Amount,Id desc')}&$top=300&$skip=100`);
    const expected = [...rows].sort((a, b) => (b.StatusId as number) - (a.StatusId as number) || (a.Amount as number) - (b.Amount as number) || (b.Id as number) - (a.Id as number));
    expect(sortedPage).toEqual(expected.slice(100, 400));
    const byDate = await page(sim, '/Deals?$select=Id,LastUpdateDate&$orderby=LastUpdateDate desc&$top=300');
    for (let i = 1; i < byDate.length; i++) expect(instant(byDate[i - 1].LastUpdateDate)).toBeGreaterThanOrEqual(instant(byDate[i].LastUpdateDate));
    const idDesc = await page(sim, '/Deals?$select=Id&$orderby=Id desc&$top=5');
    expect(ids(idDesc)).toEqual(ids(deals).reverse().slice(0, 5));
    const names = await page(sim, '/Contacts?$select=Name&$orderby=Owner/Name,Name&$top=300');
    expect(names).toHaveLength(300);
  });
});
