import {
  ADMIN, CITIES, CONTACT_STATUSES, CONTACT_TYPE, DEPARTED_SELLER, NOTES_INTERNAL, PHONE_TYPE, SEGMENTS, SELLER_WEIGHTS,
  TAGS, USERS,
  type Catalog, type CityInfo,
} from './catalog';
import { phoneNumber, randomCnpj, randomCpf, searchPhoneNumber } from './documents';
import { address, CNAE, companyEmail, companyName, NOTES, personEmail, personName } from './names';
import { Draws, Stream } from './random';
import type { EntitySchema, Rec } from './schema';
import type { Table } from './table';
import { DAY_MS, formatPloomesDate, instantOf, localTime, OfficeCalendar } from './time';
import type { Timeline } from './timeline';

// Contacts: companies (TypeId 1) and people (TypeId 2). Only the columns queries need often are kept
// in typed arrays; a full record is rebuilt from (seed, ref) when asked for. Records changed at run
// time live whole in an overlay, which then wins over the (never changed) typed columns.

/** The account went live with an imported customer base: the first 30% of contacts. */
const IMPORTED_SHARE = 0.3;

const SELLERS = USERS.map((_, i) => i);
const CITY_WEIGHTS = CITIES.map((c) => c.weight);

/**
 * Who owns a record created at `at`: nobody hands new business to a salesperson who has left
 * (at `departedAt`, the timeline's moment of departure).
 */
export function activeOwner(owner: number, at: number, departedAt: number): number {
  return owner === DEPARTED_SELLER && at >= departedAt ? ADMIN : owner;
}

export function pickSeller(d: Draws, at: number, departedAt: number): number {
  return activeOwner(d.weighted(SELLERS, SELLER_WEIGHTS), at, departedAt);
}

/** A contact's city; phones reuse its area code, so it has its own stream. */
function cityOf(seed: number, ref: number): CityInfo {
  return new Draws(seed, Stream.contactCity, ref).weighted(CITIES, CITY_WEIGHTS);
}

export function growTo<T extends Float64Array | Int32Array | Uint8Array | Uint32Array>(array: T, capacity: number): T {
  if (array.length >= capacity) return array;
  const bigger = new (array.constructor as new (n: number) => T)(Math.max(capacity, array.length * 2));
  bigger.set(array);
  return bigger;
}

export class ContactStore implements Table {
  private count: number;
  readonly baseCount: number;
  private ids: Uint32Array;
  private typeIds: Uint8Array;
  private companyRefs: Int32Array;
  private owners: Uint8Array;
  private createMs: Float64Array;
  private updateMs: Float64Array;
  private deleted: Uint8Array;
  /** 1 where the overlay holds the record: the typed columns then describe the initial data only. */
  private overlaid: Uint8Array;
  /** Generated names; current ones come from the overlay for changed contacts. */
  private readonly names: string[] = [];
  private readonly overlay = new Map<number, Rec>();
  private readonly phoneOverlay = new Map<number, Rec[]>();
  private readonly otherPropertyOverlay = new Map<number, Rec[]>();
  private changes = 0;
  /** Buyers (contacts that ever get deals) in creation order, and the big accounts among them. */
  readonly buyers: number[] = [];
  readonly keyAccounts: number[] = [];
  private peopleStart = new Int32Array(0);
  private people = new Int32Array(0);
  lastDealIdOf: (ref: number) => number | null = () => null;

  constructor(
    readonly schema: EntitySchema,
    private readonly seed: number,
    private readonly catalog: Catalog,
    private readonly timeline: Timeline,
    total: number,
  ) {
    this.baseCount = this.count = total;
    this.ids = new Uint32Array(total + 1024);
    this.typeIds = new Uint8Array(total + 1024);
    this.companyRefs = new Int32Array(total + 1024);
    this.owners = new Uint8Array(total + 1024);
    this.createMs = new Float64Array(total + 1024);
    this.updateMs = new Float64Array(total + 1024);
    this.deleted = new Uint8Array(total + 1024);
    this.overlaid = new Uint8Array(total + 1024);
    this.generateCore(total);
  }

  private generateCore(total: number): void {
    const timeline = this.timeline;
    const departedAt = timeline.departedAt;
    const imported = new OfficeCalendar(timeline.start, timeline.importEnd);
    const ongoing = new OfficeCalendar(timeline.importEnd, timeline.ongoingEnd);
    const companies: number[] = [];
    let id = 101_400_000;
    for (let ref = 0; ref < total; ref++) {
      const d = new Draws(this.seed, Stream.contactCore, ref);
      id += d.int(1, 40);
      this.ids[ref] = id;
      const position = (ref + d.unit()) / total;
      const created = position < IMPORTED_SHARE
        ? imported.at(position / IMPORTED_SHARE)
        : ongoing.at((position - IMPORTED_SHARE) / (1 - IMPORTED_SHARE));
      this.createMs[ref] = created;
      const isCompany = ref === 0 || d.chance(0.42);
      this.typeIds[ref] = isCompany ? CONTACT_TYPE.company : CONTACT_TYPE.person;
      let company = -1;
      if (!isCompany && companies.length > 0 && d.chance(0.8)) company = companies[Math.floor(d.unit() * companies.length)];
      this.companyRefs[ref] = company;
      this.owners[ref] = activeOwner(company >= 0 && d.chance(0.8) ? this.owners[company] : pickSeller(d, created, departedAt), created, departedAt);
      this.updateMs[ref] = timeline.lastEdit(d, created, 300, 800);
      const buyerShare = isCompany ? 0.88 : company < 0 ? 0.75 : 0.05;
      if (ref === 0 || d.chance(buyerShare)) {
        this.buyers.push(ref);
        if (d.chance(0.04)) this.keyAccounts.push(ref);
      }
      if (isCompany) companies.push(ref);
      this.names.push(this.generatedName(ref).name);
    }
    this.indexPeople(total);
  }

  private indexPeople(total: number): void {
    const counts = new Int32Array(total + 1);
    for (let ref = 0; ref < total; ref++) if (this.companyRefs[ref] >= 0) counts[this.companyRefs[ref] + 1]++;
    for (let i = 1; i <= total; i++) counts[i] += counts[i - 1];
    this.peopleStart = counts.slice();
    this.people = new Int32Array(counts[total]);
    const fill = counts.slice();
    for (let ref = 0; ref < total; ref++) {
      const company = this.companyRefs[ref];
      if (company >= 0) this.people[fill[company]++] = ref;
    }
  }

  /** People generated as working at a company (initial data only). */
  peopleOf(ref: number): Int32Array {
    if (ref >= this.baseCount) return new Int32Array(0);
    return this.people.subarray(this.peopleStart[ref], this.peopleStart[ref + 1]);
  }

  private generatedName(ref: number): { name: string; legalName: string | null; domain: string | null; first?: string; last?: string } {
    const d = new Draws(this.seed, Stream.contactName, ref);
    if (this.typeIds[ref] === CONTACT_TYPE.company) return companyName(d);
    const person = personName(d);
    return { name: person.full, legalName: null, domain: null, first: person.first, last: person.last };
  }

  size(): number {
    return this.count;
  }

  live(ref: number): boolean {
    return this.deleted[ref] === 0;
  }

  id(ref: number): number {
    return this.ids[ref];
  }

  version(): number {
    return this.changes;
  }

  typeOf(ref: number): unknown {
    return this.overlaid[ref] ? this.overlay.get(ref)!.TypeId : this.typeIds[ref];
  }

  ownerOf(ref: number): number {
    return this.owners[ref];
  }

  createdAt(ref: number): number {
    return this.createMs[ref];
  }

  /** Current name (follows renames). */
  nameOf(ref: number): string {
    return this.overlaid[ref] ? (this.overlay.get(ref)!.Name as string) : this.names[ref];
  }

  /** The name the contact was generated with; deal titles quote it and must not change on a rename. */
  originalNameOf(ref: number): string {
    return ref < this.baseCount ? this.names[ref] : this.nameOf(ref);
  }

  fastProp(name: string): ((ref: number) => unknown) | undefined {
    const initial = this.initialProp(name);
    if (!initial) return undefined;
    const fromOverlay = this.schema.props.get(name) === 'datetime'
      ? (ref: number) => { const v = this.overlay.get(ref)![name]; return typeof v === 'string' ? instantOf(v) : v; }
      : (ref: number) => this.overlay.get(ref)![name];
    return (ref) => (this.overlaid[ref] ? fromOverlay(ref) : initial(ref));
  }

  private initialProp(name: string): ((ref: number) => unknown) | undefined {
    switch (name) {
      case 'Id': return (ref) => this.ids[ref];
      case 'TypeId': return (ref) => this.typeIds[ref];
      case 'Name': return (ref) => this.names[ref];
      case 'OwnerId': return (ref) => USERS[this.owners[ref]].Id;
      case 'CompanyId': return (ref) => (this.companyRefs[ref] < 0 ? null : this.ids[this.companyRefs[ref]]);
      case 'CreateDate': return (ref) => this.createMs[ref];
      case 'LastUpdateDate': return (ref) => this.updateMs[ref];
      default: return undefined;
    }
  }

  record(ref: number): Rec {
    const stored = this.overlay.get(ref);
    const rec = stored ? { ...stored } : this.generate(ref);
    rec.LastDealId = this.lastDealIdOf(ref);
    return rec;
  }

  private generate(ref: number): Rec {
    const d = new Draws(this.seed, Stream.contactDetail, ref);
    const isCompany = this.typeIds[ref] === CONTACT_TYPE.company;
    const named = this.generatedName(ref);
    const company = this.companyRefs[ref];
    const companyDomain = company >= 0 ? this.generatedName(company).domain : null;
    const ownerId = USERS[this.owners[ref]].Id;
    const hasAddress = isCompany ? d.chance(0.95) : d.chance(0.6);
    const where = cityOf(this.seed, ref);
    const addr = address(d);
    const cnpj = isCompany && d.chance(0.92) ? randomCnpj(d) : null;
    const cpf = !isCompany && d.chance(0.75) ? randomCpf(d) : null;
    const cnae = isCompany && d.chance(0.6) ? d.pick(CNAE) : null;
    const email = d.chance(0.85)
      ? isCompany ? companyEmail(d, named.domain!) : personEmail(d, { first: named.first!, last: named.last!, full: named.name }, companyDomain)
      : null;
    const birthday = !isCompany && d.chance(0.4) ? localTime(d.int(1950, 2003), d.int(1, 12), d.int(1, 28)) : null;
    const statusRoll = d.unit();
    return {
      Id: this.ids[ref],
      TypeId: this.typeIds[ref],
      Name: this.names[ref],
      LegalName: named.legalName,
      CNPJ: cnpj,
      CPF: cpf,
      Register: cnpj ?? cpf,
      StatusId: CONTACT_STATUSES[statusRoll < 0.85 ? 0 : statusRoll < 0.95 ? 1 : 2].Id,
      CompanyId: company >= 0 ? this.ids[company] : null,
      ClassId: null,
      RelationshipId: null,
      LineOfBusinessId: null,
      OriginId: null,
      NumberOfEmployeesId: null,
      OwnerId: ownerId,
      Email: email,
      Website: isCompany && d.chance(0.5) ? `www.${named.domain}` : null,
      StreetAddress: hasAddress ? addr.street : null,
      StreetAddressNumber: hasAddress ? addr.number : null,
      StreetAddressLine2: hasAddress ? addr.line2 : null,
      Neighborhood: hasAddress ? addr.neighborhood : null,
      ZipCode: hasAddress ? d.int(where.zipFrom, where.zipTo) : null,
      ForeignZipCode: null,
      CityId: hasAddress ? where.Id : null,
      StateId: hasAddress ? where.StateId : null,
      CountryId: hasAddress ? where.CountryId : null,
      CurrencyId: null,
      CNAECode: cnae?.code ?? null,
      CNAEName: cnae?.name ?? null,
      Latitude: null,
      Longitude: null,
      Birthday: birthday === null ? null : formatPloomesDate(birthday),
      Note: d.chance(0.1) ? d.pick(NOTES) : null,
      RoleId: null,
      DepartmentId: null,
      LastDealId: null,
      LastOrderId: null,
      LastInteractionRecordId: d.chance(0.5) ? 500_237_915 + ref * 5 : null,
      LeadId: null,
      Key: null,
      AvatarUrl: null,
      IdentityDocument: null,
      Editable: true,
      Deletable: true,
      CreatorId: d.chance(0.8) ? ownerId : USERS[pickSeller(d, this.createMs[ref], this.timeline.departedAt)].Id,
      UpdaterId: this.updateMs[ref] - this.createMs[ref] > 5 * 60_000 ? USERS[pickSeller(d, this.updateMs[ref], this.timeline.departedAt)].Id : null,
      CreateDate: formatPloomesDate(this.createMs[ref]),
      LastUpdateDate: formatPloomesDate(this.updateMs[ref]),
    };
  }

  /** Phones, written the way users typed them; only ever returned through $expand=Phones. */
  phones(ref: number): Rec[] {
    const stored = this.phoneOverlay.get(ref);
    if (stored) return stored;
    if (ref >= this.baseCount) return [];
    const d = new Draws(this.seed, Stream.contactPhones, ref);
    const isCompany = this.typeIds[ref] === CONTACT_TYPE.company;
    const count = isCompany ? d.weighted([0, 1, 2, 3], [5, 50, 35, 10]) : d.weighted([0, 1, 2], [15, 65, 20]);
    const area = cityOf(this.seed, ref).areaCode;
    const phones: Rec[] = [];
    for (let k = 0; k < count; k++) {
      const mobile = isCompany ? d.chance(0.4) : d.chance(0.85);
      const text = phoneNumber(d, d.chance(0.85) ? area : d.pick(CITIES).areaCode, mobile);
      phones.push({
        Id: 30_000_000 + ref * 4 + k,
        ContactId: this.ids[ref],
        PhoneNumber: text,
        SearchPhoneNumber: searchPhoneNumber(text),
        TypeId: mobile ? (d.chance(0.5) ? PHONE_TYPE.whatsapp : PHONE_TYPE.mobile) : PHONE_TYPE.business,
        CountryId: 76,
      });
    }
    return phones;
  }

  otherProperties(ref: number): Rec[] {
    const stored = this.otherPropertyOverlay.get(ref);
    if (stored) return stored;
    if (ref >= this.baseCount) return [];
    const d = new Draws(this.seed, Stream.contactExtras, ref);
    const rows: Rec[] = [];
    this.catalog.customFields.forEach((field, k) => {
      if (field.EntityId !== 1 || !d.chance(field.presence)) return;
      const value =
        field.Name === 'Segmento' ? d.pick(SEGMENTS)
        : field.Name === 'Inscrição estadual' ? d.digits(12).join('')
        : field.Name === 'Cliente desde' ? formatPloomesDate(this.createMs[ref] - d.int(0, 2000) * DAY_MS)
        : d.pick(NOTES_INTERNAL);
      rows.push(otherPropertyRow(70_000_000 + ref * 8 + k, field.Id, field.Key, 'ContactId', this.ids[ref], field.column, value));
    });
    return rows;
  }

  tags(ref: number): Rec[] {
    if (ref >= this.baseCount) return [];
    const d = new Draws(this.seed, Stream.contactTags, ref);
    if (!d.chance(0.12)) return [];
    const tag = d.pick(TAGS.filter((t) => t.EntityId === 1));
    return [{ Id: 80_000_000 + ref, TagId: tag.Id, ContactId: this.ids[ref] }];
  }

  /** Stores a changed or new record (ref === size() appends it). */
  put(ref: number, rec: Rec, extras: { phones?: Rec[]; otherProperties?: Rec[] } = {}): void {
    if (ref === this.count) {
      this.ensureCapacity(ref + 1);
      this.count++;
    }
    this.overlay.set(ref, rec);
    this.overlaid[ref] = 1;
    if (extras.phones) this.phoneOverlay.set(ref, extras.phones);
    if (extras.otherProperties) this.otherPropertyOverlay.set(ref, extras.otherProperties);
    this.ids[ref] = rec.Id as number;
    this.changes++;
  }

  markDeleted(ref: number): void {
    this.deleted[ref] = 1;
    this.changes++;
  }

  nextId(): number {
    return this.ids[this.count - 1] + 17;
  }

  private ensureCapacity(capacity: number): void {
    this.ids = growTo(this.ids, capacity);
    this.deleted = growTo(this.deleted, capacity);
    this.overlaid = growTo(this.overlaid, capacity);
  }
}

const VALUE_COLUMNS = [
  'StringValue', 'BigStringValue', 'IntegerValue', 'DecimalValue', 'DateTimeValue', 'BoolValue', 'ObjectValueId',
  'ObjectValueName', 'UserValueId', 'UserValueName', 'ProductValueId', 'ContactValueId', 'CurrencyValueId', 'AttachmentValueId',
] as const;

/** One OtherProperties row: every value column present, only the field's own column set. */
export function otherPropertyRow(
  id: number, fieldId: number, fieldKey: string, ownerKey: 'DealId' | 'ContactId', ownerId: number, column: string, value: unknown,
): Rec {
  const row: Rec = { Id: id, FieldId: fieldId, FieldKey: fieldKey, [ownerKey]: ownerId };
  for (const c of VALUE_COLUMNS) row[c] = c === column ? value : null;
  return row;
}
