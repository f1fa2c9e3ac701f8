import { z } from 'zod';

/**
 * The real-estate sales area (CVDW mirror): KPI payload, the general sales table and its Excel
 * export. Money in reais as numbers, months as YYYY-MM, days as YYYY-MM-DD.
 * How a sale, VGV, VSO and pro-soluto are counted: docs/KPIS.md.
 */
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use AAAA-MM-DD');
const Month = z.string().regex(/^\d{4}-\d{2}$/);

/** VGV basis: the sales' `valor_contrato` (default) or the price table's `vgv_tabela`. */
export const VgvBasis = z.enum(['contrato', 'tabela']);
export type VgvBasis = z.infer<typeof VgvBasis>;

export const RealEstateKpis = z.object({
  area: z.literal('realestate'),
  company: z.string(),
  from: Day.nullable(),
  to: Day.nullable(),
  vgv_basis: VgvBasis,
  sales_count: z.number().int(),
  vgv: z.number(),
  avg_ticket: z.number().nullable(),
  /** Sales of the period later cancelled by a distrato (not counted above from the distrato date on). */
  cancellations: z.object({ count: z.number().int(), vgv: z.number() }),
  by_month: z.array(z.object({ month: Month, sales_count: z.number().int(), vgv: z.number() })),
  /** Month by month of the period against the same month one year earlier (VGV and count). */
  yoy: z.array(z.object({ month: Month, current: z.number(), previous: z.number(), current_count: z.number().int(), previous_count: z.number().int() })),
  by_development: z.array(
    z.object({ development_id: z.number().int().nullable(), development: z.string(), sales_count: z.number().int(), vgv: z.number(), units: z.number().int(), units_available: z.number().int() }),
  ),
  by_broker: z.array(
    z.object({ broker_id: z.number().int().nullable(), broker: z.string(), team: z.string().nullable(), sales_count: z.number().int(), vgv: z.number(), commission: z.number() }),
  ),
  /** Broker teams are the agencies (imobiliárias) in CVDW. */
  by_team: z.array(z.object({ team_id: z.number().int().nullable(), team: z.string(), sales_count: z.number().int(), vgv: z.number(), commission: z.number() })),
  vso_by_month: z.array(z.object({ month: Month, sold: z.number().int(), available: z.number().int(), launched: z.number().int(), vso: z.number().nullable() })),
  pro_soluto: z.object({
    total: z.number(),
    /** Average share of the contract value not covered by financing, FGTS or subsidy (0–1). */
    avg_share: z.number().nullable(),
    buckets: z.array(z.object({ label: z.string(), min_share: z.number(), max_share: z.number().nullable(), sales_count: z.number().int(), total: z.number() })),
  }),
  commissions: z.object({ total: z.number(), top: z.array(z.object({ broker: z.string(), commission: z.number(), sales_count: z.number().int() })) }),
  mirror: z.object({ reservations: z.number().int(), units: z.number().int(), first_day: Day.nullable(), last_day: Day.nullable() }),
});
export type RealEstateKpis = z.infer<typeof RealEstateKpis>;

export const SalesSort = z.enum(['sale_date', 'value', 'development', 'broker', 'team', 'client', 'pro_soluto', 'commission']);

/** Filters shared by the sales table, its drill-downs and the Excel export. */
export const SalesFilter = z
  .object({
    from: Day.optional(),
    to: Day.optional(),
    month: Month.optional(),
    developmentId: z.number().int().optional(),
    brokerId: z.number().int().optional(),
    teamId: z.number().int().optional(),
    search: z.string().max(200).optional(),
  })
  .strict();
export type SalesFilter = z.infer<typeof SalesFilter>;

export const SaleRow = z.object({
  reservation_id: z.number().int(),
  sale_date: Day,
  development_id: z.number().int().nullable(),
  development: z.string().nullable(),
  unit: z.string().nullable(),
  broker_id: z.number().int().nullable(),
  broker: z.string().nullable(),
  team_id: z.number().int().nullable(),
  team: z.string().nullable(),
  client: z.string().nullable(),
  value: z.number().nullable(),
  table_value: z.number().nullable(),
  financing: z.number().nullable(),
  fgts: z.number().nullable(),
  subsidy: z.number().nullable(),
  down_payment: z.number().nullable(),
  pro_soluto: z.number().nullable(),
  commission: z.number().nullable(),
  cancelled_on: Day.nullable(),
});
export type SaleRow = z.infer<typeof SaleRow>;

export const SalesPage = z.object({
  total: z.number().int(),
  sums: z.object({ value: z.number(), commission: z.number(), pro_soluto: z.number() }),
  rows: z.array(SaleRow),
});
export type SalesPage = z.infer<typeof SalesPage>;
