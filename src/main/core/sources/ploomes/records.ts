import { z } from 'zod';
import type { BusinessCalendar } from '../../time/businessDate';
import { parseInstant } from '../../time/businessDate';

/**
 * The parts of Ploomes records the mirror maps into columns, validated at the edge. The whole
 * record is kept as `raw` anyway, so fields not listed here are never lost.
 */
const id = z.number().int().positive();
const optionalId = z.number().int().nullable().optional();
const text = z.string().nullable().optional();
const instant = z
  .string()
  .refine((v) => parseInstant(v) !== null, { message: 'data sem fuso ou inválida' })
  .nullable()
  .optional();

export const PloomesDeal = z.object({
  Id: id,
  Title: text,
  ContactId: optionalId,
  ContactName: text,
  PersonId: optionalId,
  PersonName: text,
  PipelineId: optionalId,
  StageId: optionalId,
  StatusId: z.number().int().min(1).max(3),
  LossReasonId: optionalId,
  OwnerId: optionalId,
  Amount: z.number().finite().nullable().optional(),
  CurrencyId: optionalId,
  StartDate: instant,
  FinishDate: instant,
  CreateDate: instant,
  LastUpdateDate: instant,
});

export const PloomesContact = z.object({
  Id: id,
  TypeId: optionalId,
  Name: text,
  LegalName: text,
  CNPJ: text,
  CPF: text,
  Email: text,
  CompanyId: optionalId,
  OwnerId: optionalId,
  StatusId: optionalId,
  CityId: optionalId,
  StateId: optionalId,
  CreateDate: instant,
  LastUpdateDate: instant,
});

export const PloomesUser = z.object({ Id: id, Name: text, Email: text, LastUpdateDate: instant });
export const PloomesStage = z.object({ Id: id, Name: text, PipelineId: optionalId, Ordination: z.number().int().nullable().optional() });
export const PloomesIdOnly = z.object({ Id: id });

export const DEAL_COLUMNS = [
  'id', 'title', 'customer_id', 'contact_id', 'contact_name', 'person_id', 'person_name', 'pipeline_id', 'stage_id',
  'status_id', 'loss_reason_id', 'owner_id', 'amount_cents', 'currency_id', 'start_at', 'finish_at', 'created_at',
  'updated_at', 'start_day', 'finish_day', 'raw',
] as const;

export function dealRow(record: Record<string, unknown>, calendar: BusinessCalendar): unknown[] {
  const d = PloomesDeal.parse(record);
  return [
    d.Id,
    d.Title ?? null,
    d.ContactId ?? d.PersonId ?? null,
    d.ContactId ?? null,
    d.ContactName ?? null,
    d.PersonId ?? null,
    d.PersonName ?? null,
    d.PipelineId ?? null,
    d.StageId ?? null,
    d.StatusId,
    d.LossReasonId ?? null,
    d.OwnerId ?? null,
    d.Amount === null || d.Amount === undefined ? null : Math.round(d.Amount * 100),
    d.CurrencyId ?? null,
    d.StartDate ?? null,
    d.FinishDate ?? null,
    d.CreateDate ?? null,
    d.LastUpdateDate ?? null,
    calendar.dayOfIso(d.StartDate),
    calendar.dayOfIso(d.FinishDate),
    JSON.stringify(record),
  ];
}

export const CONTACT_COLUMNS = [
  'id', 'type_id', 'name', 'legal_name', 'cnpj', 'cpf', 'email', 'company_id', 'owner_id', 'status_id', 'city_id',
  'state_id', 'created_at', 'updated_at', 'raw',
] as const;

export function contactRow(record: Record<string, unknown>): unknown[] {
  const c = PloomesContact.parse(record);
  return [
    c.Id,
    c.TypeId ?? null,
    c.Name ?? null,
    c.LegalName ?? null,
    c.CNPJ ?? null,
    c.CPF ?? null,
    c.Email ?? null,
    c.CompanyId ?? null,
    c.OwnerId ?? null,
    c.StatusId ?? null,
    c.CityId ?? null,
    c.StateId ?? null,
    c.CreateDate ?? null,
    c.LastUpdateDate ?? null,
    JSON.stringify(record),
  ];
}

export const USER_COLUMNS = ['id', 'name', 'email', 'updated_at', 'raw'] as const;

export function userRow(record: Record<string, unknown>): unknown[] {
  const u = PloomesUser.parse(record);
  return [u.Id, u.Name ?? null, u.Email ?? null, u.LastUpdateDate ?? null, JSON.stringify(record)];
}

export const STAGE_COLUMNS = ['id', 'name', 'pipeline_id', 'ordination', 'raw'] as const;

export function stageRow(record: Record<string, unknown>): unknown[] {
  const s = PloomesStage.parse(record);
  return [s.Id, s.Name ?? null, s.PipelineId ?? null, s.Ordination ?? null, JSON.stringify(record)];
}

/** "StatusId: Invalid input…" → a short pt-BR description of what is wrong with a record. */
export function describeInvalid(err: z.ZodError): string {
  return err.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || 'registro'}: ${issue.message}`)
    .join('; ');
}
