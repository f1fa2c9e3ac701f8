import { z } from 'zod';
import { EVENT_NAMES, METHOD_NAMES, type EventName, type MethodName } from './ipcNames';
import { JobFinished, JobProgress, RunRecord, SourceHealth } from './jobs';
import { BoletoKpis, CrmKpis, CustomerDetail, CustomerPage } from './kpi';
import { RealEstateKpis, SalesFilter, SalesPage, SalesSort, VgvBasis } from './realestate';
import { BoletoResultView, ConsortiumClient, ImportOptionsInput, ImportPreview, PointOfSale } from './boletos';
import { ScheduleInput, ScheduleView } from './schedules';
import {
  ConversationDetail,
  ConversationListQuery,
  ConversationPage,
  CsatListQuery,
  CsatResponsePage,
  SupportExportTable,
  SupportGroupBy,
  SupportKpis,
  SupportQuery,
  SupportTimeseries,
} from './support';

/**
 * The IPC contract: every method's input and output and every event, as zod schemas. Main
 * validates every input against it; the preload, the renderer client and the test bridge are typed
 * from it, so none of them can drift.
 */
const Slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'use de 1 a 40 letras minúsculas, números ou hífens, começando por letra ou número (ex.: comercial-silva)');
const SourceId = z.enum(['cvdw', 'ploomes', 'chatwoot', 'woocommerce', 'canopus']);
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use AAAA-MM-DD');
const Empty = z.object({}).strict();
const PointOfSaleCode = z.string().regex(/^\d{1,3}(?:\.?\d{3})*$/, 'código de ponto de venda: só números, como 17308 ou 17.308');
const JobId = z.string().uuid();
/** Spreadsheets travel as base64 (Electron IPC and the test bridge carry it the same way); 64 MB at most. */
const FileContent = z.string().max(90_000_000).regex(/^[A-Za-z0-9+/=\s]*$/, 'conteúdo em base64');

export const CompanyInfo = z.object({ slug: z.string(), name: z.string(), timezone: z.string(), createdAt: z.string() });
export type CompanyInfo = z.infer<typeof CompanyInfo>;

export const SourceView = z.object({
  source: z.string(),
  label: z.string(),
  settings: z.array(z.object({ key: z.string(), label: z.string(), description: z.string(), value: z.string(), default: z.string().nullable() })),
  /** Whether each secret is set; null when the keychain cannot be read right now. */
  secrets: z.array(z.object({ name: z.string(), label: z.string(), description: z.string(), configured: z.boolean().nullable() })),
  publicCredentials: z.boolean(),
  keychain: z.object({ available: z.boolean(), message: z.string().nullable() }),
});
export type SourceView = z.infer<typeof SourceView>;

export const RunItem = z.object({ item: z.string(), status: z.string(), message: z.string().nullable(), at: z.string() });

export const contract = {
  'app.info': { input: Empty, output: z.object({ version: z.string(), dataDir: z.string(), mode: z.enum(['electron', 'bridge']) }) },
  'companies.list': { input: Empty, output: z.array(CompanyInfo) },
  'companies.add': {
    input: z.object({ slug: Slug, name: z.string().trim().min(1).max(120), timezone: z.string().max(64).optional() }).strict(),
    output: CompanyInfo,
  },
  'companies.remove': { input: z.object({ slug: Slug }).strict(), output: z.object({ removed: z.literal(true) }) },
  'sources.get': { input: z.object({ company: Slug, source: SourceId }).strict(), output: SourceView },
  'sources.set': {
    input: z.object({ company: Slug, source: SourceId, settings: z.record(z.string().max(64), z.string().max(2048)) }).strict(),
    output: SourceView,
  },
  'sources.test': {
    input: z.object({ company: Slug, source: SourceId }).strict(),
    output: z.object({ ok: z.boolean(), code: z.string().nullable(), message: z.string() }),
  },
  'secrets.set': {
    input: z.object({ company: Slug, source: SourceId, name: z.string().min(1).max(64), value: z.string().min(1).max(8192) }).strict(),
    output: SourceView,
  },
  'secrets.delete': { input: z.object({ company: Slug, source: SourceId, name: z.string().min(1).max(64) }).strict(), output: SourceView },
  'sync.start': { input: z.object({ company: Slug, source: SourceId, full: z.boolean().optional() }).strict(), output: z.object({ jobId: z.string() }) },
  'jobs.cancel': { input: z.object({ jobId: z.string().uuid() }).strict(), output: z.object({ cancelled: z.boolean() }) },
  'jobs.active': { input: z.object({ company: Slug.optional() }).strict(), output: z.array(JobProgress) },
  'runs.list': {
    input: z.object({ company: Slug, source: SourceId.optional(), limit: z.number().int().min(1).max(500).optional() }).strict(),
    output: z.array(RunRecord),
  },
  'runs.items': { input: z.object({ company: Slug, runId: z.string().uuid() }).strict(), output: z.array(RunItem) },
  'health.get': { input: z.object({ company: Slug }).strict(), output: z.array(SourceHealth) },
  'kpi.crm': { input: z.object({ company: Slug, from: Day.optional(), to: Day.optional() }).strict(), output: CrmKpis },
  'crm.customers': {
    input: z
      .object({
        company: Slug,
        search: z.string().max(200).optional(),
        sort: z.enum(['revenue', 'name', 'last_purchase', 'won_deals']).optional(),
        limit: z.number().int().min(1).max(500).optional(),
        offset: z.number().int().min(0).optional(),
      })
      .strict(),
    output: CustomerPage,
  },
  'crm.customer': { input: z.object({ company: Slug, customerId: z.number().int().positive() }).strict(), output: CustomerDetail },
  'jobs.continue': { input: z.object({ jobId: JobId }).strict(), output: z.object({ continued: z.boolean() }) },
  'clients.stage': {
    input: z.object({ company: Slug, fileName: z.string().min(1).max(255), content: FileContent, options: ImportOptionsInput.optional() }).strict(),
    output: z.object({ stageId: z.string(), preview: ImportPreview }),
  },
  'clients.preview': { input: z.object({ company: Slug, stageId: z.string().uuid(), options: ImportOptionsInput.optional() }).strict(), output: ImportPreview },
  'clients.import': { input: z.object({ company: Slug, stageId: z.string().uuid(), options: ImportOptionsInput.optional() }).strict(), output: z.object({ jobId: z.string() }) },
  'clients.list': {
    input: z
      .object({
        company: Slug,
        pointOfSale: PointOfSaleCode.optional(),
        search: z.string().max(200).optional(),
        limit: z.number().int().min(1).max(500).optional(),
        offset: z.number().int().min(0).optional(),
      })
      .strict(),
    output: z.object({ total: z.number().int(), rows: z.array(ConsortiumClient) }),
  },
  'pdv.list': { input: z.object({ company: Slug }).strict(), output: z.array(PointOfSale) },
  'pdv.set': {
    input: z
      .object({ company: Slug, code: PointOfSaleCode, user: z.string().trim().min(1).max(64), label: z.string().max(120).nullable().optional(), password: z.string().min(1).max(256).optional() })
      .strict(),
    output: PointOfSale,
  },
  'robot.start': { input: z.object({ company: Slug, pointOfSale: PointOfSaleCode }).strict(), output: z.object({ jobId: z.string() }) },
  'robot.results': { input: z.object({ company: Slug, runId: JobId }).strict(), output: z.array(BoletoResultView) },
  'robot.evidence': {
    input: z.object({ company: Slug, runId: JobId, cpf: z.string().regex(/^\d{11}$/), grupo: z.string().max(20), cota: z.string().max(20) }).strict(),
    output: z.object({ screenshot: z.string().nullable() }),
  },
  'robot.openFolder': {
    input: z.object({ company: Slug, consultant: z.string().max(200).optional() }).strict(),
    output: z.object({ path: z.string(), opened: z.boolean(), message: z.string().nullable() }),
  },
  'kpi.boletos': { input: z.object({ company: Slug, from: Day.optional(), to: Day.optional() }).strict(), output: BoletoKpis },
  'kpi.realestate': { input: z.object({ company: Slug, from: Day.optional(), to: Day.optional(), basis: VgvBasis.optional() }).strict(), output: RealEstateKpis },
  'realestate.sales': {
    input: z
      .object({
        company: Slug,
        filter: SalesFilter.optional(),
        sort: SalesSort.optional(),
        direction: z.enum(['asc', 'desc']).optional(),
        limit: z.number().int().min(1).max(500).optional(),
        offset: z.number().int().min(0).optional(),
      })
      .strict(),
    output: SalesPage,
  },
  'realestate.export': {
    input: z.object({ company: Slug, filter: SalesFilter.optional(), sort: SalesSort.optional(), direction: z.enum(['asc', 'desc']).optional() }).strict(),
    /** The .xlsx as base64, for the renderer to hand to the browser's download (a save dialog in Electron). */
    output: z.object({ fileName: z.string(), content: z.string(), rows: z.number().int() }),
  },
  'schedules.list': { input: z.object({ company: Slug }).strict(), output: z.array(ScheduleView) },
  'schedules.set': { input: z.object({ company: Slug, source: SourceId, schedule: ScheduleInput }).strict(), output: ScheduleView },
  'kpi.support': { input: SupportQuery.extend({ company: Slug }).strict(), output: SupportKpis },
  'support.timeseries': { input: SupportQuery.extend({ company: Slug, groupBy: SupportGroupBy.optional() }).strict(), output: SupportTimeseries },
  'support.conversations': { input: ConversationListQuery.extend({ company: Slug }).strict(), output: ConversationPage },
  'support.conversation': { input: z.object({ company: Slug, id: z.number().int().positive() }).strict(), output: ConversationDetail },
  'support.csat': { input: CsatListQuery.extend({ company: Slug }).strict(), output: CsatResponsePage },
  'support.export': {
    input: SupportQuery.extend({ company: Slug, table: SupportExportTable, format: z.enum(['csv', 'xlsx']), groupBy: SupportGroupBy.optional() }).strict(),
    /** The file as base64, for the renderer to hand to the browser's download (a save dialog in Electron). */
    output: z.object({ fileName: z.string(), content: z.string(), rows: z.number().int() }),
  },
} as const satisfies Record<MethodName, { input: z.ZodType; output: z.ZodType }>;

export const events = {
  'job.progress': JobProgress,
  'job.finished': JobFinished,
  'data.changed': z.object({ company: z.string(), source: z.string() }),
} as const satisfies Record<EventName, z.ZodType>;

// Both name lists and both schema maps must hold exactly the same names.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const methodsMatch: Exact<keyof typeof contract, MethodName> = true;
const eventsMatch: Exact<keyof typeof events, EventName> = true;
void methodsMatch;
void eventsMatch;
if (Object.keys(contract).length !== METHOD_NAMES.length || Object.keys(events).length !== EVENT_NAMES.length) {
  throw new Error('IPC contract and name lists differ');
}

export type Method = MethodName;
export type Input<M extends Method> = z.input<(typeof contract)[M]['input']>;
export type ParsedInput<M extends Method> = z.output<(typeof contract)[M]['input']>;
export type Output<M extends Method> = z.output<(typeof contract)[M]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export interface IpcError {
  code: string;
  message: string;
}
/** Every call answers with a result: errors travel as data, never as a rejected promise with a mangled message. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** What the preload exposes as `window.nexus` (and what the test bridge client provides). */
export type NexusBridge = { [M in Method]: (input: Input<M>) => Promise<IpcResult<Output<M>>> } & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};
