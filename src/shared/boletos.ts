import { z } from 'zod';
import { RunRecord } from './jobs';

const Cell = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const CLIENT_FIELD_NAMES = ['cpf', 'name', 'consultant', 'point_of_sale', 'grupo', 'cota', 'situacao', 'phone', 'email'] as const;
export const ClientField = z.enum(CLIENT_FIELD_NAMES);
export type ClientField = z.infer<typeof ClientField>;

export const ColumnMapping = z.record(ClientField, z.number().int().nullable());
export const ColumnMappingOverride = z.partialRecord(ClientField, z.number().int().min(0).max(16383).nullable());

export const ImportOptionsInput = z
  .object({
    mapping: ColumnMappingOverride.optional(),
    defaultPointOfSale: z.string().max(20).nullable().optional(),
    sheet: z.string().min(1).max(100).optional(),
    headerRow: z.number().int().min(1).max(100000).optional(),
  })
  .strict();

export const ImportCounts = z.object({ new: z.number().int(), updated: z.number().int(), unchanged: z.number().int(), ignored: z.number().int() });
export const RowProblem = z.object({ row: z.number().int(), column: z.string().nullable(), message: z.string() });

export const ImportPreview = z.object({
  fileName: z.string(),
  sheet: z.string().nullable(),
  headerRow: z.number().int(),
  columns: z.array(z.object({ index: z.number().int(), letter: z.string(), header: z.string(), field: ClientField.nullable() })),
  mapping: ColumnMapping,
  rows: z.number().int(),
  valid: z.number().int(),
  problems: z.array(RowProblem),
  counts: ImportCounts,
  sample: z.array(
    z.object({
      row: z.number().int(),
      point_of_sale: z.string(),
      cpf: z.string(),
      grupo: z.string(),
      cota: z.string(),
      name: z.string(),
      name_raw: z.string(),
      consultant: z.string(),
      situacao: z.string().nullable(),
      phone: z.string().nullable(),
      email: z.string().nullable(),
      extra: z.record(z.string(), Cell),
    }),
  ),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ConsortiumClient = z.object({
  id: z.number().int(),
  point_of_sale: z.string(),
  cpf: z.string(),
  grupo: z.string(),
  cota: z.string(),
  name: z.string(),
  consultant: z.string(),
  situacao: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
});
export type ConsortiumClient = z.infer<typeof ConsortiumClient>;

export const PointOfSale = z.object({
  code: z.string(),
  label: z.string().nullable(),
  portalUser: z.string(),
  clients: z.number().int(),
  /** null when the keychain cannot be read; true in demo mode. */
  passwordConfigured: z.boolean().nullable(),
  lastRun: RunRecord.nullable(),
});
export type PointOfSale = z.infer<typeof PointOfSale>;

export const BoletoStatus = z.enum(['success', 'error', 'cpf_not_found', 'no_boleto']);

/** One client cota's outcome in a robot run, as the live table shows it (file by name only). */
export const BoletoResultView = z.object({
  cpf: z.string(),
  grupo: z.string(),
  cota: z.string(),
  client_name: z.string(),
  consultant: z.string(),
  status: BoletoStatus,
  month: z.string().nullable(),
  due_date: z.string().nullable(),
  value: z.number().nullable(),
  file_name: z.string().nullable(),
  message: z.string().nullable(),
  has_screenshot: z.boolean(),
  attempts: z.number().int(),
  ended_at: z.string(),
});
export type BoletoResultView = z.infer<typeof BoletoResultView>;
