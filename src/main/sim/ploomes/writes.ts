import {
  CITY_RECORDS, CONTACT_STATUSES, CONTACT_TYPE, COUNTRIES, DEAL_STATUS, LOSS_REASONS, ORIGINS, PIPELINES, STAGES, STATES, USERS,
} from './catalog';
import { otherPropertyRow } from './contacts';
import type { PloomesDataset } from './dataset';
import { searchPhoneNumber } from './documents';
import { badRequest, notFound } from './errors';
import { PROPS, type EntitySchema, type Rec } from './schema';
import { anyRefOf, refOf } from './table';
import { formatPloomesDate, instantOf, parseInstant } from './time';

// Writes, shared by the HTTP API and the simulator's own mutation methods. Only the fields a user
// can edit are accepted; computed ones (Id, dates, names, status...) are refused with a clear 400.

const DEAL_WRITABLE = new Set(['Title', 'ContactId', 'PersonId', 'PipelineId', 'StageId', 'OwnerId', 'Amount', 'StartAmount', 'OriginId', 'StartDate', 'CurrencyId', 'OtherProperties']);
const CONTACT_WRITABLE = new Set([
  'TypeId', 'Name', 'LegalName', 'CNPJ', 'CPF', 'StatusId', 'CompanyId', 'OwnerId', 'Email', 'Website', 'StreetAddress',
  'StreetAddressNumber', 'StreetAddressLine2', 'Neighborhood', 'ZipCode', 'CityId', 'StateId', 'CountryId', 'Note',
  'Birthday', 'OriginId', 'Phones', 'OtherProperties',
]);
const READ_ONLY_HINT: Record<string, string> = {
  StatusId: 'use POST /Deals(id)/Win, /Lose or /Reopen',
  FinishDate: 'it is set by /Win and /Lose',
  LossReasonId: 'send it in the body of POST /Deals(id)/Lose',
};

export class PloomesWrites {
  constructor(
    private readonly data: PloomesDataset,
    private readonly now: () => Date,
  ) {}

  private stamp(): string {
    return formatPloomesDate(this.now().getTime());
  }

  createDeal(fields: Rec, actorId: number): Rec {
    const values = this.checkFields(this.data.schemas.deal, fields, DEAL_WRITABLE);
    if (typeof values.Title !== 'string' || values.Title.trim() === '') throw badRequest('A deal needs a non-empty Title.');
    if (values.ContactId === undefined || values.ContactId === null) throw badRequest('A deal needs a ContactId.');
    const contactRef = this.contactRef(values.ContactId as number, 'ContactId');
    const stamp = this.stamp();
    const rec: Rec = Object.fromEntries(PROPS.deal.map((name) => [name, null]));
    Object.assign(rec, {
      Id: this.data.deals.nextId(), StatusId: DEAL_STATUS.open, OwnerId: this.data.contacts.record(contactRef).OwnerId ?? actorId,
      StartDate: stamp, CurrencyId: 1, Amount: 0, StartCurrencyId: 1, StartAmount: 0, HasScheduledTasks: false,
      TasksOrdination: 0, IsLastQuoteApproved: true, Read: true, DaysInStage: 0, HoursInStage: 0, Length: 0,
      Editable: true, Deletable: true, CreatorId: actorId, UpdaterId: actorId, CreateDate: stamp, LastUpdateDate: stamp,
    });
    return this.saveDeal(this.data.deals.size(), rec, values, 'Create', null, actorId);
  }

  updateDeal(id: number, patch: Rec, actorId: number): Rec {
    const ref = this.dealRef(id);
    const old = this.data.deals.record(ref);
    const values = this.checkFields(this.data.schemas.deal, patch, DEAL_WRITABLE);
    return this.saveDeal(ref, { ...old, LastUpdateDate: this.stamp(), UpdaterId: actorId }, values, 'Update', old, actorId);
  }

  winDeal(id: number, amount: number | undefined, actorId: number): Rec {
    const ref = this.dealRef(id);
    const old = this.data.deals.record(ref);
    if (amount !== undefined && !(typeof amount === 'number' && Number.isFinite(amount) && amount > 0)) {
      throw badRequest('The amount of a won deal must be a number greater than zero.');
    }
    const finalAmount = Math.round((amount ?? (old.Amount as number)) * 100) / 100;
    if (!(finalAmount > 0)) throw badRequest(`Deal ${id} has no amount; a won deal needs one (send Amount).`);
    const stamp = this.stamp();
    return this.saveDeal(ref, {
      ...old, StatusId: DEAL_STATUS.won, FinishDate: stamp, LossReasonId: null, Amount: finalAmount, LastUpdateDate: stamp, UpdaterId: actorId,
    }, {}, 'Win', old, actorId);
  }

  loseDeal(id: number, lossReasonId: unknown, actorId: number): Rec {
    const ref = this.dealRef(id);
    const old = this.data.deals.record(ref);
    const reason = lossReasonId ?? LOSS_REASONS[0].Id;
    if (!LOSS_REASONS.some((r) => r.Id === reason)) throw badRequest(`Unknown LossReasonId ${JSON.stringify(reason)}; see /Deals@LossReasons.`);
    const stamp = this.stamp();
    return this.saveDeal(ref, {
      ...old, StatusId: DEAL_STATUS.lost, FinishDate: stamp, LossReasonId: reason, LastUpdateDate: stamp, UpdaterId: actorId,
    }, {}, 'Lose', old, actorId);
  }

  reopenDeal(id: number, actorId: number): Rec {
    const ref = this.dealRef(id);
    const old = this.data.deals.record(ref);
    return this.saveDeal(ref, {
      ...old, StatusId: DEAL_STATUS.open, FinishDate: null, LossReasonId: null, LastUpdateDate: this.stamp(), UpdaterId: actorId,
    }, {}, 'Reopen', old, actorId);
  }

  /**
   * A change made behind the API's back, for tests: the patch lands exactly as given, invalid values
   * included (a test can plant a malformed record), only LastUpdateDate and UpdaterId are bumped
   * first. Unknown property names still throw, so a typo fails loudly.
   */
  patchDealVerbatim(id: number, patch: Rec, actorId: number): Rec {
    const ref = this.dealRef(id);
    const old = this.data.deals.record(ref);
    const { OtherProperties: otherValues, ...plain } = this.checkNames(this.data.schemas.deal, patch);
    const otherProperties = otherValues === undefined ? undefined : this.mergeOtherProperties(ref, id, 'deal', otherValues);
    this.data.deals.put(ref, { ...old, LastUpdateDate: this.stamp(), UpdaterId: actorId, ...plain }, otherProperties);
    const saved = this.data.deals.record(ref);
    this.data.emit({ entity: 'deal', action: 'Update', old, new: saved, actorId });
    return saved;
  }

  /** Moves the deal to the deleted feed, stamped with the deletion time. */
  deleteDeal(id: number, actorId: number): void {
    const ref = this.dealRef(id);
    const old = this.data.deals.record(ref);
    this.data.deals.markDeleted(ref);
    this.data.deletedDeals.put({ ...old, LastUpdateDate: this.stamp(), UpdaterId: actorId });
    this.data.emit({ entity: 'deal', action: 'Delete', old, new: null, actorId });
  }

  private saveDeal(ref: number, base: Rec, values: Rec, action: 'Create' | 'Update' | 'Win' | 'Lose' | 'Reopen', old: Rec | null, actorId: number): Rec {
    const deals = this.data.deals;
    const { OtherProperties: otherValues, ...plain } = values;
    const rec = { ...base, ...plain };
    // Links are checked when they change; one that went stale (its contact was deleted) does not block other edits.
    const contacts = this.data.contacts;
    const contactRef = 'ContactId' in plain ? this.contactRef(rec.ContactId as number, 'ContactId') : anyRefOf(contacts, rec.ContactId as number);
    let personRef = -1;
    if (rec.PersonId !== null && 'PersonId' in plain) {
      personRef = this.contactRef(rec.PersonId as number, 'PersonId');
      if (contacts.typeOf(personRef) !== CONTACT_TYPE.person) throw badRequest(`PersonId ${String(rec.PersonId)} is a company, not a person.`);
    } else if (rec.PersonId !== null) {
      personRef = anyRefOf(contacts, rec.PersonId as number);
    }
    this.placeInPipeline(rec, plain);
    if ('OwnerId' in plain) this.checkIn(USERS, rec.OwnerId, 'OwnerId', '/Users');
    if ('OriginId' in plain && rec.OriginId !== null) this.checkIn(ORIGINS, rec.OriginId, 'OriginId', '/Deals@Origins');
    if ('CurrencyId' in plain && rec.CurrencyId !== 1) throw badRequest('Only CurrencyId 1 (Real) exists in this account.');
    for (const key of ['Amount', 'StartAmount']) {
      if (!(key in plain)) continue;
      if (!(typeof rec[key] === 'number' && (rec[key] as number) >= 0)) throw badRequest(`${key} must be a number >= 0.`);
      // Money is kept to the cent (our assumption; the reference does not give the column's scale).
      rec[key] = Math.round((rec[key] as number) * 100) / 100;
    }
    const otherProperties = otherValues === undefined
      ? undefined
      : this.mergeOtherProperties(ref, rec.Id as number, 'deal', otherValues);
    rec.ContactName = contactRef < 0 ? rec.ContactName : this.data.contacts.nameOf(contactRef);
    rec.PersonName = personRef < 0 ? null : this.data.contacts.nameOf(personRef);
    deals.put(ref, rec, otherProperties);
    const saved = deals.record(ref);
    this.data.emit({ entity: 'deal', action, old, new: saved, actorId });
    return saved;
  }

  /** Keeps StageId and PipelineId consistent: a stage implies its pipeline; a new pipeline starts at its first stage. */
  private placeInPipeline(rec: Rec, changed: Rec): void {
    if ('StageId' in changed) {
      const stage = STAGES.find((s) => s.Id === rec.StageId);
      if (!stage) throw badRequest(`Unknown StageId ${JSON.stringify(rec.StageId)}; see /Deals@Stages.`);
      if ('PipelineId' in changed && changed.PipelineId !== stage.PipelineId) {
        throw badRequest(`StageId ${stage.Id} does not belong to pipeline ${JSON.stringify(changed.PipelineId)}.`);
      }
      rec.PipelineId = stage.PipelineId;
      return;
    }
    if ('PipelineId' in changed || rec.StageId === null) {
      const pipelineId = rec.PipelineId ?? PIPELINES[0].Id;
      if (!PIPELINES.some((p) => p.Id === pipelineId)) throw badRequest(`Unknown PipelineId ${JSON.stringify(pipelineId)}; see /Deals@Pipelines.`);
      const current = STAGES.find((s) => s.Id === rec.StageId && s.PipelineId === pipelineId);
      rec.PipelineId = pipelineId;
      rec.StageId = (current ?? STAGES.find((s) => s.PipelineId === pipelineId)!).Id;
    }
  }

  createContact(fields: Rec, actorId: number): Rec {
    const values = this.checkFields(this.data.schemas.contact, fields, CONTACT_WRITABLE);
    if (typeof values.Name !== 'string' || values.Name.trim() === '') throw badRequest('A contact needs a non-empty Name.');
    const typeId = values.TypeId ?? CONTACT_TYPE.company;
    if (typeId !== CONTACT_TYPE.company && typeId !== CONTACT_TYPE.person) throw badRequest('TypeId must be 1 (Empresa) or 2 (Pessoa); see /Contacts@Types.');
    const stamp = this.stamp();
    const rec: Rec = Object.fromEntries(PROPS.contact.map((name) => [name, null]));
    Object.assign(rec, {
      Id: this.data.contacts.nextId(), TypeId: typeId, StatusId: CONTACT_STATUSES[0].Id, OwnerId: actorId,
      Editable: true, Deletable: true, CreatorId: actorId, CreateDate: stamp, LastUpdateDate: stamp,
    });
    return this.saveContact(this.data.contacts.size(), rec, values, 'Create', null, actorId);
  }

  updateContact(id: number, patch: Rec, actorId: number): Rec {
    const ref = refOf(this.data.contacts, id);
    if (ref < 0) throw notFound(`Contact ${id} was not found.`);
    const values = this.checkFields(this.data.schemas.contact, patch, CONTACT_WRITABLE);
    if ('TypeId' in values && values.TypeId !== this.data.contacts.typeOf(ref)) throw badRequest('TypeId cannot change after a contact is created.');
    const old = this.data.contacts.record(ref);
    return this.saveContact(ref, { ...old, LastUpdateDate: this.stamp(), UpdaterId: actorId }, values, 'Update', old, actorId);
  }

  /** The contact counterpart of patchDealVerbatim. */
  patchContactVerbatim(id: number, patch: Rec, actorId: number): Rec {
    const ref = refOf(this.data.contacts, id);
    if (ref < 0) throw notFound(`Contact ${id} was not found.`);
    const old = this.data.contacts.record(ref);
    const { Phones: phoneValues, OtherProperties: otherValues, ...plain } = this.checkNames(this.data.schemas.contact, patch);
    const phones = phoneValues === undefined ? undefined : this.phoneRows(ref, id, phoneValues);
    const otherProperties = otherValues === undefined ? undefined : this.mergeOtherProperties(ref, id, 'contact', otherValues);
    this.data.contacts.put(ref, { ...old, LastUpdateDate: this.stamp(), UpdaterId: actorId, ...plain }, { phones, otherProperties });
    const saved = this.data.contacts.record(ref);
    this.data.emit({ entity: 'contact', action: 'Update', old, new: saved, actorId });
    return saved;
  }

  /** Deals keep their ContactId: the reference says nothing about cascading deletes. */
  deleteContact(id: number, actorId: number): void {
    const ref = refOf(this.data.contacts, id);
    if (ref < 0) throw notFound(`Contact ${id} was not found.`);
    const old = this.data.contacts.record(ref);
    this.data.contacts.markDeleted(ref);
    this.data.emit({ entity: 'contact', action: 'Delete', old, new: null, actorId });
  }

  private saveContact(ref: number, base: Rec, values: Rec, action: 'Create' | 'Update', old: Rec | null, actorId: number): Rec {
    const { Phones: phoneValues, OtherProperties: otherValues, ...plain } = values;
    const rec = { ...base, ...plain };
    if (typeof rec.Name !== 'string' || rec.Name.trim() === '') throw badRequest('A contact needs a non-empty Name.');
    if ('CompanyId' in plain && rec.CompanyId !== null) {
      const company = this.contactRef(rec.CompanyId as number, 'CompanyId');
      if (this.data.contacts.typeOf(company) !== CONTACT_TYPE.company) throw badRequest(`CompanyId ${String(rec.CompanyId)} is not a company.`);
    }
    if ('OwnerId' in plain) this.checkIn(USERS, rec.OwnerId, 'OwnerId', '/Users');
    if ('StatusId' in plain) this.checkIn(CONTACT_STATUSES, rec.StatusId, 'StatusId', '/Contacts@Status');
    if ('CityId' in plain && rec.CityId !== null) this.checkIn(CITY_RECORDS, rec.CityId, 'CityId', '/Cities');
    if ('StateId' in plain && rec.StateId !== null) this.checkIn(STATES, rec.StateId, 'StateId', 'the states list');
    if ('CountryId' in plain && rec.CountryId !== null) this.checkIn(COUNTRIES, rec.CountryId, 'CountryId', 'the countries list');
    if ('OriginId' in plain && rec.OriginId !== null) this.checkIn(ORIGINS, rec.OriginId, 'OriginId', '/Deals@Origins');
    rec.Register = rec.CNPJ ?? rec.CPF ?? null;
    const id = rec.Id as number;
    const phones = phoneValues === undefined ? undefined : this.phoneRows(ref, id, phoneValues);
    const otherProperties = otherValues === undefined ? undefined : this.mergeOtherProperties(ref, id, 'contact', otherValues);
    this.data.contacts.put(ref, rec, { phones, otherProperties });
    const saved = this.data.contacts.record(ref);
    this.data.emit({ entity: 'contact', action, old, new: saved, actorId });
    return saved;
  }

  private phoneRows(ref: number, contactId: number, value: unknown): Rec[] {
    if (!Array.isArray(value)) throw badRequest('Phones must be an array of { PhoneNumber, TypeId }.');
    return value.map((phone: unknown, k) => {
      const p = phone as Rec;
      if (typeof p !== 'object' || p === null || typeof p.PhoneNumber !== 'string') throw badRequest('Each phone needs a PhoneNumber string.');
      return {
        Id: 40_000_000 + ref * 8 + k, ContactId: contactId, PhoneNumber: p.PhoneNumber,
        SearchPhoneNumber: searchPhoneNumber(p.PhoneNumber), TypeId: typeof p.TypeId === 'number' ? p.TypeId : 1, CountryId: 76,
      };
    });
  }

  /** Custom-field writes arrive as rows [{FieldKey, <Type>Value}]; they merge into the current rows by key. */
  private mergeOtherProperties(ref: number, id: number, entity: 'deal' | 'contact', value: unknown): Rec[] {
    if (!Array.isArray(value)) throw badRequest('OtherProperties must be an array of { FieldKey, <Type>Value }.');
    const entityId = entity === 'deal' ? 2 : 1;
    const ownerKey = entity === 'deal' ? 'DealId' : 'ContactId';
    const rows = new Map(this.data.otherPropertiesOf(entity, id).map((row) => [row.FieldKey, row]));
    for (const item of value as Rec[]) {
      const field = this.data.catalog.customFields.find((f) => f.Key === item?.FieldKey && f.EntityId === entityId);
      if (!field) throw badRequest(`Unknown FieldKey ${JSON.stringify(item?.FieldKey)} for ${entity}s; see /Fields.`);
      const index = this.data.catalog.customFields.indexOf(field);
      const written = item[field.column];
      if (written === undefined) throw badRequest(`Field ${field.Key} takes its value in ${field.column}.`);
      rows.set(field.Key, otherPropertyRow((entity === 'deal' ? 5_000_000 : 70_000_000) + ref * 8 + index, field.Id, field.Key, ownerKey, id, field.column, written));
    }
    return [...rows.values()];
  }

  private checkNames(schema: EntitySchema, fields: Rec): Rec {
    if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) throw badRequest('The patch must be an object.');
    for (const name of Object.keys(fields)) {
      if (!schema.props.has(name) && !schema.navs.has(name)) throw badRequest(`The property '${name}' does not exist on type '${schema.name}'.`);
      if (name === 'Id') throw badRequest(`The Id of a ${schema.name} cannot change.`);
    }
    return fields;
  }

  /** Validates a body against the writable fields; dates come back in the API's own -03:00 form. */
  private checkFields(schema: EntitySchema, fields: Rec, writable: Set<string>): Rec {
    if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) throw badRequest('The request body must be a JSON object.');
    const checked: Rec = {};
    for (const [name, value] of Object.entries(fields)) {
      checked[name] = value;
      const type = schema.props.get(name);
      if (!type && !schema.navs.has(name)) throw badRequest(`The property '${name}' does not exist on type '${schema.name}'.`);
      if (!writable.has(name)) {
        throw badRequest(`The property '${name}' of '${schema.name}' cannot be written${READ_ONLY_HINT[name] ? `: ${READ_ONLY_HINT[name]}` : ''}.`);
      }
      if (!type || value === null) continue;
      const ok = type === 'int' ? Number.isInteger(value)
        : type === 'decimal' ? typeof value === 'number' && Number.isFinite(value)
        : type === 'bool' ? typeof value === 'boolean'
        : type === 'datetime' ? typeof value === 'string' && parseInstant(value).ok
        : typeof value === 'string';
      if (!ok) throw badRequest(`Invalid value ${JSON.stringify(value)} for '${name}' (${type === 'datetime' ? 'an ISO-8601 date-time with offset' : type}).`);
      if (type === 'datetime') checked[name] = formatPloomesDate(instantOf(value as string));
    }
    return checked;
  }

  private dealRef(id: number): number {
    const ref = refOf(this.data.deals, id);
    if (ref < 0) throw notFound(`Deal ${id} was not found.`);
    return ref;
  }

  private contactRef(id: number, field: string): number {
    const ref = typeof id === 'number' ? refOf(this.data.contacts, id) : -1;
    if (ref < 0) throw badRequest(`${field} ${JSON.stringify(id)} is not an existing contact.`);
    return ref;
  }

  private checkIn(rows: readonly Rec[], id: unknown, field: string, where: string): void {
    if (!rows.some((r) => r.Id === id)) throw badRequest(`Unknown ${field} ${JSON.stringify(id)}; see ${where}.`);
  }
}
