import {
  ACCOUNT, buildCatalog, CITY_RECORDS, CONTACT_STATUSES, CONTACT_TYPES, COUNTRIES, CURRENCIES, DEAL_STATUSES,
  LOSS_REASONS, ORIGINS, PIPELINES, STAGES, STATES, TAGS, USERS, WEBHOOK_ACTIONS, type Catalog,
} from './catalog';
import { ContactStore } from './contacts';
import { DealStore } from './deals';
import { buildSchemas, type LookupEntity, type Lookups, type Rec, type Schemas } from './schema';
import { anyRefOf, ArrayTable, refOf, type Table } from './table';
import { formatPloomesDate, instantOf } from './time';
import { Timeline } from './timeline';

export type PloomesSimSize = 'small' | 'large' | { customers: number; deals: number };

const SIZES = {
  small: { customers: 300, deals: 3_000 },
  large: { customers: 50_000, deals: 1_000_000 },
};

export function resolveSize(size: PloomesSimSize): { customers: number; deals: number } {
  const resolved = typeof size === 'string' ? SIZES[size] : size;
  if (!resolved) throw new Error(`Unknown Ploomes simulator size "${String(size)}": use 'small', 'large' or { customers, deals }.`);
  const { customers, deals } = resolved;
  if (!Number.isInteger(customers) || !Number.isInteger(deals) || customers < 1 || deals < 0 || customers > 5_000_000 || deals > 20_000_000) {
    throw new Error(`Invalid Ploomes simulator size ${JSON.stringify(size)}: customers must be 1..5,000,000 and deals 0..20,000,000 (integers).`);
  }
  return resolved;
}

/** One change made at run time, for webhook delivery. */
export interface Change {
  entity: 'deal' | 'contact';
  action: 'Create' | 'Update' | 'Delete' | 'Win' | 'Lose' | 'Reopen';
  old: Rec | null;
  new: Rec | null;
  actorId: number;
}

/** Catalogue rows with their CreateDate moved by `shift` ms (the same rows when it is 0). */
function shifted<T extends { CreateDate?: unknown }>(rows: T[], shift: number): T[] {
  if (shift === 0) return rows;
  return rows.map((row) => ({ ...row, CreateDate: formatPloomesDate(instantOf(row.CreateDate as string) + shift) }));
}

/** The whole account: deterministic initial data plus every change made since start. */
export class PloomesDataset implements Lookups {
  readonly schemas: Schemas;
  readonly catalog: Catalog;
  readonly timeline: Timeline;
  readonly contacts: ContactStore;
  readonly deals: DealStore;
  readonly deletedDeals: ArrayTable;
  readonly webhooks: ArrayTable;
  /** Collections by API path (lower-cased; the API's routing ignores case). */
  readonly collections = new Map<string, { table: Table; context: string }>();
  private readonly catalogById = new Map<LookupEntity, Map<unknown, Rec>>();
  private readonly listeners: ((change: Change) => void)[] = [];

  /** `dataEnd`: the instant the generated history ends at (see Timeline); default end of 2025. */
  constructor(seed: number, size: PloomesSimSize, dataEnd?: number) {
    const { customers, deals } = resolveSize(size);
    this.timeline = new Timeline(dataEnd);
    this.schemas = buildSchemas(this);
    const catalog = buildCatalog(seed);
    // The account's set-up dates move with its history.
    const shift = this.timeline.shift;
    this.catalog = { ...catalog, fields: shifted(catalog.fields, shift) };
    const users = shifted(USERS, shift);
    const pipelines = shifted(PIPELINES, shift);
    this.contacts = new ContactStore(this.schemas.contact, seed, this.catalog, this.timeline, customers);
    this.deals = new DealStore(this.schemas.deal, seed, this.catalog, this.contacts, this.timeline, deals);
    this.deletedDeals = new ArrayTable(this.schemas.deal, [...this.deals.initiallyDeleted].map(([ref, at]) =>
      ({ ...this.deals.record(ref), LastUpdateDate: formatPloomesDate(at) })));
    this.webhooks = new ArrayTable(this.schemas.webhook);

    const s = this.schemas;
    const lookup: [LookupEntity, Rec[]][] = [
      ['user', users], ['pipeline', pipelines], ['stage', STAGES], ['dealStatus', DEAL_STATUSES],
      ['lossReason', LOSS_REASONS], ['origin', ORIGINS], ['currency', CURRENCIES], ['tag', TAGS],
      ['field', this.catalog.fields], ['contactType', CONTACT_TYPES], ['contactStatus', CONTACT_STATUSES],
      ['city', CITY_RECORDS], ['state', STATES], ['country', COUNTRIES],
    ];
    for (const [entity, rows] of lookup) this.catalogById.set(entity, new Map(rows.map((r) => [r.Id, r])));

    const add = (path: string, table: Table, context = path) => this.collections.set(path.toLowerCase(), { table, context });
    add('Deals', this.deals);
    add('Contacts', this.contacts);
    add('Deals/GetDeletedDeals', this.deletedDeals, 'Deals');
    add('Deals@Pipelines', new ArrayTable(s.pipeline, pipelines));
    add('Deals@Stages', new ArrayTable(s.stage, STAGES));
    add('Deals@Status', new ArrayTable(s.dealStatus, DEAL_STATUSES));
    add('Deals@LossReasons', new ArrayTable(s.lossReason, LOSS_REASONS));
    add('Deals@Origins', new ArrayTable(s.origin, ORIGINS));
    add('Contacts@Types', new ArrayTable(s.contactType, CONTACT_TYPES));
    add('Contacts@Status', new ArrayTable(s.contactStatus, CONTACT_STATUSES));
    add('Users', new ArrayTable(s.user, users));
    add('Fields', new ArrayTable(s.field, this.catalog.fields));
    add('Tags', new ArrayTable(s.tag, TAGS));
    add('Currencies', new ArrayTable(s.currency, CURRENCIES));
    add('Cities', new ArrayTable(s.city, CITY_RECORDS));
    add('Orders', new ArrayTable(s.order));
    add('Quotes', new ArrayTable(s.quote));
    add('Account', new ArrayTable(s.account, shifted([ACCOUNT], shift)));
    add('Webhooks', this.webhooks);
    add('Webhooks@Actions', new ArrayTable(s.webhookAction, WEBHOOK_ACTIONS));
  }

  byId(entity: LookupEntity, id: unknown): Rec | null {
    if (typeof id !== 'number') return null;
    if (entity === 'contact' || entity === 'deal') {
      const table = entity === 'contact' ? this.contacts : this.deals;
      const ref = refOf(table, id);
      return ref < 0 ? null : table.record(ref);
    }
    return this.catalogById.get(entity)?.get(id) ?? null;
  }

  stagesOf(pipelineId: number): Rec[] {
    return STAGES.filter((stage) => stage.PipelineId === pipelineId);
  }

  phonesOf(contactId: number): Rec[] {
    const ref = anyRefOf(this.contacts, contactId);
    return ref < 0 ? [] : this.contacts.phones(ref);
  }

  otherPropertiesOf(entity: 'deal' | 'contact', id: number): Rec[] {
    const store = entity === 'deal' ? this.deals : this.contacts;
    const ref = anyRefOf(store, id);
    return ref < 0 ? [] : store.otherProperties(ref);
  }

  tagsOf(entity: 'deal' | 'contact', id: number): Rec[] {
    const store = entity === 'deal' ? this.deals : this.contacts;
    const ref = anyRefOf(store, id);
    return ref < 0 ? [] : store.tags(ref);
  }

  onChange(listener: (change: Change) => void): void {
    this.listeners.push(listener);
  }

  emit(change: Change): void {
    for (const listener of this.listeners) listener(change);
  }
}
