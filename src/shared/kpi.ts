import { z } from 'zod';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const PeriodTotals = z.object({
  from: Day.nullable(),
  to: Day.nullable(),
  deals_won: z.number().int(),
  deals_lost: z.number().int(),
  revenue: z.number(),
  avg_deal_value: z.number().nullable(),
  customers_with_purchase: z.number().int(),
  win_rate: z.number().nullable(),
});
export type PeriodTotals = z.infer<typeof PeriodTotals>;

export const CrmKpis = PeriodTotals.extend({
  area: z.literal('crm'),
  company: z.string(),
  timezone: z.string(),
  open_deals: z.object({ count: z.number().int(), value: z.number() }),
  by_year: z.array(z.object({ year: z.number().int(), deals_won: z.number().int(), revenue: z.number() })),
  by_month: z.array(z.object({ month: z.string(), deals_won: z.number().int(), revenue: z.number() })),
  top_customers: z.array(z.object({ customer_id: z.number().int(), name: z.string(), revenue: z.number(), deals_won: z.number().int() })),
  previous_period: PeriodTotals.nullable(),
  mirror: z.object({ deals: z.number().int(), customers: z.number().int(), first_day: Day.nullable(), last_day: Day.nullable() }),
});
export type CrmKpis = z.infer<typeof CrmKpis>;

export const CustomerSummary = z.object({
  customer_id: z.number().int(),
  name: z.string(),
  type: z.enum(['company', 'person', 'unknown']),
  document: z.string().nullable(),
  total_deals: z.number().int(),
  won_deals: z.number().int(),
  revenue: z.number(),
  avg_deal_value: z.number().nullable(),
  first_purchase: Day.nullable(),
  last_purchase: Day.nullable(),
});
export type CustomerSummary = z.infer<typeof CustomerSummary>;

export const CustomerPage = z.object({ total: z.number().int(), rows: z.array(CustomerSummary) });
export type CustomerPage = z.infer<typeof CustomerPage>;

export const DealStatus = z.enum(['open', 'won', 'lost']);

export const CustomerDetail = z.object({
  customer: CustomerSummary,
  email: z.string().nullable(),
  deals: z.array(
    z.object({
      id: z.number().int(),
      title: z.string().nullable(),
      status: DealStatus,
      amount: z.number().nullable(),
      start_day: Day.nullable(),
      finish_day: Day.nullable(),
      owner: z.string().nullable(),
      stage: z.string().nullable(),
    }),
  ),
  by_year: z.array(z.object({ year: z.number().int(), deals_won: z.number().int(), revenue: z.number() })),
});
export type CustomerDetail = z.infer<typeof CustomerDetail>;

export const BoletoCounts = z.object({
  success: z.number().int(),
  errors: z.number().int(),
  cpf_not_found: z.number().int(),
  no_boleto: z.number().int(),
});

export const BoletoKpis = BoletoCounts.extend({
  area: z.literal('boletos'),
  company: z.string(),
  from: Day.nullable(),
  to: Day.nullable(),
  clients: z.number().int(),
  last_run: z
    .object({ id: z.string(), point_of_sale: z.string(), status: z.string(), started_at: z.string(), ended_at: z.string().nullable() })
    .nullable(),
  by_point_of_sale: z.array(BoletoCounts.extend({ point_of_sale: z.string(), clients: z.number().int(), last_run_at: z.string().nullable() })),
  by_period: z.array(BoletoCounts.extend({ period: z.string() })),
  runs: z.array(
    BoletoCounts.extend({
      run_id: z.string(),
      point_of_sale: z.string(),
      status: z.string(),
      started_at: z.string(),
      ended_at: z.string().nullable(),
      seconds: z.number().nullable(),
      seconds_per_client: z.number().nullable(),
    }),
  ),
});
export type BoletoKpis = z.infer<typeof BoletoKpis>;
