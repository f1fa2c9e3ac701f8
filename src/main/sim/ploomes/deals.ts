import {
  DEAL_STATUS, DEAL_TOPICS, LEAD_SOURCES, LOSS_REASON_WEIGHTS, LOSS_REASONS, ORIGINS, PIPELINES, STAGES, TAGS, USERS,
  type Catalog,
} from './catalog';
import { activeOwner, ContactStore, growTo, otherPropertyRow, pickSeller } from './contacts';
import { shortCompanyName } from './names';
import { Draws, Stream } from './random';
import type { EntitySchema, Rec } from './schema';
import { anyRefOf, type Table } from './table';
import type { Timeline } from './timeline';
import { DAY_MS, formatPloomesDate, instantOf, localDayStart, localTime, OfficeCalendar, officeTimeAfter } from './time';

// Deals: up to a million of them, so only the columns that filters, ordering and consistency need
// are kept in typed arrays (about 60 bytes a deal). Everything else is regenerated from (seed, ref)
// whenever a record is serialised. The typed columns never change after start-up: a deal changed
// at run time is kept whole in an overlay, which then wins for every column.

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
const NO_DATE = NaN;
const FIRST_ID = 500_000_000;
const LOSS_REASON_INDEXES = LOSS_REASONS.map((_, i) => i);
const STAGES_OF = new Map(PIPELINES.map((p) => [p.Id, STAGES.filter((s) => s.PipelineId === p.Id)]));

export class DealStore implements Table {
  private count: number;
  readonly baseCount: number;
  private ids: Uint32Array;
  private createMs: Float64Array;
  private startMs: Float64Array;
  private finishMs: Float64Array;
  private updateMs: Float64Array;
  private statuses: Uint8Array;
  private contactRefs: Int32Array;
  private personRefs: Int32Array;
  private owners: Uint8Array;
  private amountCents: Float64Array;
  /** 0 = none, otherwise LOSS_REASONS index + 1. */
  private lossReasons: Uint8Array;
  private deleted: Uint8Array;
  /** 1 where the overlay holds the record: the typed columns then describe the initial data only. */
  private overlaid: Uint8Array;
  private readonly overlay = new Map<number, Rec>();
  private readonly otherPropertyOverlay = new Map<number, Rec[]>();
  private changes = 0;
  private dealsOfContactStart = new Int32Array(0);
  private dealsOfContact = new Int32Array(0);
  /** Deals that point at a contact through a run-time change, per contact ref. */
  private readonly laterDealsOfContact = new Map<number, number[]>();
  private readonly yearEndWins = new Set<number>();
  /** Deals already deleted when the simulator starts, with their deletion instant. */
  readonly initiallyDeleted = new Map<number, number>();

  constructor(
    readonly schema: EntitySchema,
    private readonly seed: number,
    private readonly catalog: Catalog,
    private readonly contacts: ContactStore,
    private readonly timeline: Timeline,
    total: number,
  ) {
    this.baseCount = this.count = total;
    const capacity = total + 1024;
    this.ids = new Uint32Array(capacity);
    this.createMs = new Float64Array(capacity);
    this.startMs = new Float64Array(capacity);
    this.finishMs = new Float64Array(capacity);
    this.updateMs = new Float64Array(capacity);
    this.statuses = new Uint8Array(capacity);
    this.contactRefs = new Int32Array(capacity);
    this.personRefs = new Int32Array(capacity);
    this.owners = new Uint8Array(capacity);
    this.amountCents = new Float64Array(capacity);
    this.lossReasons = new Uint8Array(capacity);
    this.deleted = new Uint8Array(capacity);
    this.overlaid = new Uint8Array(capacity);
    this.generateCore(total);
    this.placeYearEndWins();
    this.deleteSome();
    this.indexByContact();
    contacts.lastDealIdOf = (ref) => this.lastDealIdOf(ref);
  }

  private generateCore(total: number): void {
    const timeline = this.timeline;
    const dataEnd = timeline.end;
    const departedAt = timeline.departedAt;
    const calendar = new OfficeCalendar(timeline.start, dataEnd);
    const buyers = this.contacts.buyers;
    const keyAccounts = this.contacts.keyAccounts;
    let buyersKnown = 0;
    let keyAccountsKnown = 0;
    let id = FIRST_ID;
    for (let ref = 0; ref < total; ref++) {
      const d = new Draws(this.seed, Stream.dealCore, ref);
      id += d.int(1, 3);
      this.ids[ref] = id;
      const created = calendar.at((ref + d.unit()) / total);
      this.createMs[ref] = created;

      // A deal goes to a customer that already existed; a few big accounts get a large share.
      while (buyersKnown < buyers.length && this.contacts.createdAt(buyers[buyersKnown]) <= created) buyersKnown++;
      while (keyAccountsKnown < keyAccounts.length && this.contacts.createdAt(keyAccounts[keyAccountsKnown]) <= created) keyAccountsKnown++;
      const fromKeyAccounts = keyAccountsKnown > 0 && d.chance(0.3);
      const contact = fromKeyAccounts
        ? keyAccounts[Math.floor(d.unit() * keyAccountsKnown)]
        : buyers[Math.floor(d.unit() * Math.max(1, buyersKnown))];
      this.contactRefs[ref] = contact;
      const people = this.knownPeople(contact, created);
      this.personRefs[ref] = people.length > 0 && d.chance(0.75) ? people[Math.floor(d.unit() * people.length)] : -1;
      this.owners[ref] = activeOwner(d.chance(0.8) ? this.contacts.ownerOf(contact) : pickSeller(d, created, departedAt), created, departedAt);

      const start = d.chance(0.8) ? created : Math.min(dataEnd, created + d.int(1, 72) * HOUR_MS);
      this.startMs[ref] = start;
      const age = dataEnd - created;
      const openChance = age < 30 * DAY_MS ? 0.85 : age < 120 * DAY_MS ? 0.45 : 0.07;
      let status: number = d.chance(openChance) ? DEAL_STATUS.open : d.chance(0.52) ? DEAL_STATUS.won : DEAL_STATUS.lost;
      let finish = NO_DATE;
      if (status !== DEAL_STATUS.open) {
        const days = Math.floor(1 + 89 * d.unit() ** 2);
        finish = localDayStart(start + days * DAY_MS) + 8 * HOUR_MS + Math.floor(d.unit() * 12 * HOUR_MS);
        if (finish <= start) finish = start + d.int(5, 240) * MINUTE_MS;
        if (finish > dataEnd) {
          status = DEAL_STATUS.open;
          finish = NO_DATE;
        }
      }
      this.statuses[ref] = status;
      this.finishMs[ref] = finish;

      // Amounts in BRL with cents, log-normal: many small deals, a few very large ones.
      const amount = Math.min(2_500_000, Math.exp(Math.log(3500) + 1.25 * d.normal()));
      const rounded = d.chance(0.35) ? Math.round(amount / 10) * 1000 : Math.round(amount * 100);
      const quoted = status === DEAL_STATUS.won || d.chance(status === DEAL_STATUS.lost ? 0.7 : 0.75);
      this.amountCents[ref] = status === DEAL_STATUS.won ? Math.max(5000, rounded) : quoted ? rounded : 0;
      this.lossReasons[ref] = status === DEAL_STATUS.lost ? d.weighted(LOSS_REASON_INDEXES, LOSS_REASON_WEIGHTS) + 1 : 0;

      this.updateMs[ref] = timeline.lastEdit(d, Number.isNaN(finish) ? start : finish, 20, 200);
    }
  }

  /** The people of a company already registered at `instant` (people are in creation order). */
  private knownPeople(company: number, instant: number): Int32Array {
    const people = this.contacts.peopleOf(company);
    let lo = 0;
    let hi = people.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.contacts.createdAt(people[mid]) <= instant) lo = mid + 1;
      else hi = mid;
    }
    return people.subarray(0, lo);
  }

  /**
   * Wins at 22:30 on 31 December (-03:00), already 1 January in UTC, and at 00:30 on 1 January:
   * a report that buckets by UTC instead of São Paulo time puts them in the wrong year. Up to three
   * deals per moment, for every such moment in the data's span, taken among the last deals created
   * before 30 December (before the moment itself when the span starts less than a week before
   * 30 December; a moment before the first deal of the span then gets none).
   */
  private placeYearEndWins(): void {
    const special = this.yearEndWins;
    const { start, end } = this.timeline;
    let year = NaN;
    let lastBefore = -1;
    for (const { year: momentYear, at: moment, parity } of this.timeline.yearEndMoments()) {
      if (momentYear !== year) {
        year = momentYear;
        const cutoff = localTime(year, 12, 30);
        lastBefore = this.lastCreatedBefore(cutoff - start >= 7 * DAY_MS ? cutoff : moment);
      }
      for (let k = 0; k < 3; k++) {
        const ref = lastBefore - 2 * k - parity;
        if (ref < 0 || this.createMs[ref] < start || special.has(ref)) continue;
        special.add(ref);
        const d = new Draws(this.seed, Stream.dealYearEnd, ref);
        this.startMs[ref] = this.createMs[ref];
        this.statuses[ref] = DEAL_STATUS.won;
        this.finishMs[ref] = moment;
        this.lossReasons[ref] = 0;
        if (this.amountCents[ref] <= 0) this.amountCents[ref] = d.int(50_000, 9_000_000);
        this.updateMs[ref] = Math.min(end, moment + d.int(0, 50) * MINUTE_MS);
      }
    }
  }

  /** Index of the last deal created before `instant` (-1 when none). */
  private lastCreatedBefore(instant: number): number {
    let lo = 0;
    let hi = this.baseCount;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.createMs[mid] < instant) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  private deleteSome(): void {
    if (this.baseCount < 50) return;
    const fixed = [0.31, 0.62, 0.93].map((share) => Math.floor(this.baseCount * share));
    for (let ref = 0; ref < this.baseCount; ref++) {
      const d = new Draws(this.seed, Stream.dealDeletion, ref);
      if (this.yearEndWins.has(ref) || !(d.chance(0.002) || fixed.includes(ref))) continue;
      this.deleted[ref] = 1;
      this.initiallyDeleted.set(ref, this.timeline.withinData(d, this.updateMs[ref], officeTimeAfter(this.updateMs[ref], d.unit() * 30, d.unit())));
    }
  }

  private indexByContact(): void {
    const contactCount = this.contacts.baseCount;
    const starts = new Int32Array(contactCount + 1);
    for (let ref = 0; ref < this.baseCount; ref++) starts[this.contactRefs[ref] + 1]++;
    for (let i = 1; i <= contactCount; i++) starts[i] += starts[i - 1];
    const fill = starts.slice();
    const list = new Int32Array(this.baseCount);
    for (let ref = 0; ref < this.baseCount; ref++) list[fill[this.contactRefs[ref]]++] = ref;
    this.dealsOfContactStart = starts;
    this.dealsOfContact = list;
  }

  private lastDealIdOf(contactRef: number): number | null {
    const contactId = this.contacts.id(contactRef);
    const pointsHere = (ref: number) => !this.deleted[ref]
      && (this.overlaid[ref] ? this.overlay.get(ref)!.ContactId === contactId : this.contactRefs[ref] === contactRef);
    let best = -1;
    if (contactRef < this.contacts.baseCount) {
      for (let k = this.dealsOfContactStart[contactRef + 1] - 1; k >= this.dealsOfContactStart[contactRef]; k--) {
        if (pointsHere(this.dealsOfContact[k])) {
          best = this.dealsOfContact[k];
          break;
        }
      }
    }
    for (const ref of this.laterDealsOfContact.get(contactRef) ?? []) if (ref > best && pointsHere(ref)) best = ref;
    return best < 0 ? null : this.ids[best];
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

  fastProp(name: string): ((ref: number) => unknown) | undefined {
    const initial = this.initialProp(name);
    if (!initial) return undefined;
    const fromOverlay = this.schema.props.get(name) === 'datetime'
      ? (ref: number) => { const v = this.overlay.get(ref)![name]; return typeof v === 'string' ? instantOf(v) : v; }
      : (ref: number) => this.overlay.get(ref)![name];
    return (ref) => (this.overlaid[ref] ? fromOverlay(ref) : initial(ref));
  }

  private initialProp(name: string): ((ref: number) => unknown) | undefined {
    const nullable = (values: Float64Array) => (ref: number) => (Number.isNaN(values[ref]) ? null : values[ref]);
    switch (name) {
      case 'Id': return (ref) => this.ids[ref];
      case 'CreateDate': return (ref) => this.createMs[ref];
      case 'StartDate': return (ref) => this.startMs[ref];
      case 'FinishDate': return nullable(this.finishMs);
      case 'LastUpdateDate': return (ref) => this.updateMs[ref];
      case 'StatusId': return (ref) => this.statuses[ref];
      case 'ContactId': return (ref) => this.contacts.id(this.contactRefs[ref]);
      case 'PersonId': return (ref) => (this.personRefs[ref] < 0 ? null : this.contacts.id(this.personRefs[ref]));
      case 'OwnerId': return (ref) => USERS[this.owners[ref]].Id;
      case 'Amount': return (ref) => this.amountCents[ref] / 100;
      case 'LossReasonId': return (ref) => (this.lossReasons[ref] === 0 ? null : LOSS_REASONS[this.lossReasons[ref] - 1].Id);
      default: return undefined;
    }
  }

  record(ref: number): Rec {
    const stored = this.overlay.get(ref);
    if (!stored) return this.generate(ref);
    // Names are joined from the contact at read time, so a renamed contact shows on its deals.
    const contact = anyRefOf(this.contacts, stored.ContactId as number);
    const person = stored.PersonId === null ? -1 : anyRefOf(this.contacts, stored.PersonId as number);
    return {
      ...stored,
      ContactName: contact < 0 ? stored.ContactName : this.contacts.nameOf(contact),
      PersonName: stored.PersonId === null ? null : person < 0 ? stored.PersonName : this.contacts.nameOf(person),
    };
  }

  private generate(ref: number): Rec {
    const d = new Draws(this.seed, Stream.dealDetail, ref);
    const created = this.createMs[ref];
    const start = this.startMs[ref];
    const finish = this.finishMs[ref];
    const update = this.updateMs[ref];
    const status = this.statuses[ref];
    const contact = this.contactRefs[ref];
    const person = this.personRefs[ref];
    const ownerId = USERS[this.owners[ref]].Id;

    const pipelineRoll = d.unit();
    const pipeline = created < this.timeline.archivedPipelineUntil && pipelineRoll < 0.12 ? PIPELINES[2] : pipelineRoll < 0.3 ? PIPELINES[1] : PIPELINES[0];
    const stages = STAGES_OF.get(pipeline.Id)!;
    const stage = status === DEAL_STATUS.won
      ? stages[stages.length - 1]
      : stages[Math.floor(d.unit() ** 1.6 * (stages.length - 1))];
    const end = Number.isNaN(finish) ? update : finish;
    const hoursOpen = Math.max(0, Math.floor((end - start) / HOUR_MS));
    const hoursInStage = Math.floor(hoursOpen * d.unit());
    const scheduled = status === DEAL_STATUS.open && d.chance(0.5);
    const taskAt = localDayStart(update + d.int(1, 10) * DAY_MS) + d.int(9, 18) * HOUR_MS;
    const imported = created < this.timeline.importedDealsUntil && d.chance(0.5);
    const contactTitle = shortCompanyName(this.contacts.originalNameOf(contact));
    const lossReason = this.lossReasons[ref];
    const amount = this.amountCents[ref] / 100;
    const startAmount = d.chance(0.3) ? 0 : Math.round(amount * (0.8 + 0.4 * d.unit()));

    return {
      Id: this.ids[ref],
      Title: `${d.pick(DEAL_TOPICS)} - ${contactTitle}`,
      ContactId: this.contacts.id(contact),
      ContactName: this.contacts.nameOf(contact),
      PersonId: person < 0 ? null : this.contacts.id(person),
      PersonName: person < 0 ? null : this.contacts.nameOf(person),
      PipelineId: pipeline.Id,
      StageId: stage.Id,
      LastStageId: null,
      StatusId: status,
      LossReasonId: lossReason === 0 ? null : LOSS_REASONS[lossReason - 1].Id,
      OriginId: d.chance(0.4) ? d.pick(ORIGINS).Id : null,
      OwnerId: ownerId,
      StartDate: formatPloomesDate(start),
      FinishDate: Number.isNaN(finish) ? null : formatPloomesDate(finish),
      CurrencyId: 1,
      Amount: amount,
      StartCurrencyId: 1,
      StartAmount: startAmount,
      FirstTaskId: scheduled ? 700_000_000 + ref : null,
      FirstTaskDate: scheduled ? formatPloomesDate(taskAt) : null,
      FirstTaskNoTime: scheduled ? d.chance(0.2) : null,
      HasScheduledTasks: scheduled,
      TasksOrdination: d.int(0, 3),
      ContactProductId: null,
      LastQuoteId: null,
      IsLastQuoteApproved: true,
      WonQuoteId: null,
      Read: d.chance(0.92),
      LastInteractionRecordId: d.chance(0.5) ? 500_200_000 + ref * 3 : null,
      LastOrderId: null,
      LastDocumentId: null,
      DaysInStage: Math.floor(hoursInStage / 24),
      HoursInStage: hoursInStage,
      Length: Math.floor(hoursOpen / 24),
      CreateImportId: imported ? 20_001 : null,
      UpdateImportId: null,
      ImportationIdCreate: imported ? 20_001 : null,
      ImportationIdUpdate: null,
      PublicFormIdCreate: null,
      PublicFormIdUpdate: null,
      LeadId: null,
      OriginDealId: null,
      ReevId: null,
      DealNumber: null,
      Editable: true,
      Deletable: true,
      CreatorId: d.chance(0.75) ? ownerId : USERS[pickSeller(d, created, this.timeline.departedAt)].Id,
      UpdaterId: d.chance(0.6) ? ownerId : USERS[pickSeller(d, update, this.timeline.departedAt)].Id,
      CreateDate: formatPloomesDate(created),
      LastUpdateDate: formatPloomesDate(update),
    };
  }

  otherProperties(ref: number): Rec[] {
    const stored = this.otherPropertyOverlay.get(ref);
    if (stored) return stored;
    if (ref >= this.baseCount) return [];
    const d = new Draws(this.seed, Stream.dealExtras, ref);
    const rows: Rec[] = [];
    this.catalog.customFields.forEach((field, k) => {
      if (field.EntityId !== 2 || !d.chance(field.presence)) return;
      const value =
        field.column === 'StringValue' ? d.pick(LEAD_SOURCES)
        : field.column === 'DateTimeValue' ? formatPloomesDate(localDayStart(this.startMs[ref] + d.int(15, 90) * DAY_MS))
        : field.column === 'IntegerValue' ? d.int(1, 500)
        : field.column === 'DecimalValue' ? Math.round(d.unit() * 2500) / 100
        : this.statuses[ref] === DEAL_STATUS.won ? d.chance(0.9) : d.chance(0.1);
      rows.push(otherPropertyRow(5_000_000 + ref * 8 + k, field.Id, field.Key, 'DealId', this.ids[ref], field.column, value));
    });
    return rows;
  }

  tags(ref: number): Rec[] {
    if (ref >= this.baseCount) return [];
    const d = new Draws(this.seed, Stream.dealTags, ref);
    if (!d.chance(0.25)) return [];
    const dealTags = TAGS.filter((t) => t.EntityId === 2);
    const first = d.int(0, dealTags.length - 1);
    const picked = d.chance(0.3) ? [first, (first + 1) % dealTags.length] : [first];
    return picked.map((i, k) => ({ Id: 90_000_000 + ref * 2 + k, TagId: dealTags[i].Id, DealId: this.ids[ref] }));
  }

  /** Stores a changed or new record (ref === size() appends it). */
  put(ref: number, rec: Rec, otherProperties?: Rec[]): void {
    if (ref === this.count) {
      this.ensureCapacity(ref + 1);
      this.count++;
    }
    const contactRef = anyRefOf(this.contacts, rec.ContactId as number);
    if (contactRef >= 0 && (ref >= this.baseCount || contactRef !== this.contactRefs[ref])) {
      const later = this.laterDealsOfContact.get(contactRef) ?? [];
      later.push(ref);
      this.laterDealsOfContact.set(contactRef, later);
    }
    this.overlay.set(ref, rec);
    this.overlaid[ref] = 1;
    if (otherProperties) this.otherPropertyOverlay.set(ref, otherProperties);
    this.ids[ref] = rec.Id as number;
    this.changes++;
  }

  markDeleted(ref: number): void {
    this.deleted[ref] = 1;
    this.changes++;
  }

  nextId(): number {
    return this.count === 0 ? FIRST_ID : this.ids[this.count - 1] + 7;
  }

  private ensureCapacity(capacity: number): void {
    this.ids = growTo(this.ids, capacity);
    this.deleted = growTo(this.deleted, capacity);
    this.overlaid = growTo(this.overlaid, capacity);
  }
}
