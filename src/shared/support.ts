import { z } from 'zod';

/**
 * The support area (Chatwoot mirror). Key names follow Chatwoot's own report API so a manager can
 * compare both screens; times are seconds (null where there is nothing to average); days are the
 * company's local days. Every KPI's definition: docs/KPIS.md, "Atendimento (Chatwoot)".
 */
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use AAAA-MM-DD');
const Seconds = z.number().nullable();

/** One report scope at a time, as in Chatwoot (account, inbox, agent, team or label). */
export const SupportScope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('account') }).strict(),
  z.object({ kind: z.literal('inbox'), id: z.number().int().positive() }).strict(),
  z.object({ kind: z.literal('agent'), id: z.number().int().positive() }).strict(),
  z.object({ kind: z.literal('team'), id: z.number().int().positive() }).strict(),
  z.object({ kind: z.literal('label'), label: z.string().min(1).max(255) }).strict(),
]);
export type SupportScope = z.infer<typeof SupportScope>;

export const SupportQuery = z
  .object({
    from: Day.optional(),
    to: Day.optional(),
    businessHours: z.boolean().optional(),
    scope: SupportScope.optional(),
  })
  .strict();
export type SupportQuery = z.infer<typeof SupportQuery>;

export const SupportMetrics = z.object({
  conversations_count: z.number().int(),
  incoming_messages_count: z.number().int(),
  outgoing_messages_count: z.number().int(),
  avg_first_response_time: Seconds,
  avg_resolution_time: Seconds,
  avg_reply_time: Seconds,
  resolutions_count: z.number().int(),
  bot_resolutions_count: z.number().int(),
  bot_handoffs_count: z.number().int(),
  /** Events behind each average (Chatwoot shows them in the chart tooltips). */
  first_response_count: z.number().int(),
  reply_count: z.number().int(),
});
export type SupportMetrics = z.infer<typeof SupportMetrics>;

const EntityRow = z.object({
  conversations_count: z.number().int(),
  resolved_conversations_count: z.number().int(),
  avg_first_response_time: Seconds,
  avg_resolution_time: Seconds,
  avg_reply_time: Seconds,
});

export const SupportKpis = SupportMetrics.extend({
  area: z.literal('support'),
  company: z.string(),
  timezone: z.string(),
  from: Day.nullable(),
  to: Day.nullable(),
  business_hours: z.boolean(),
  scope: SupportScope,
  csat_total_responses: z.number().int(),
  csat_satisfaction_score: z.number().nullable(),
  csat_response_rate: z.number().nullable(),
  csat_sent_count: z.number().int(),
  csat_ratings: z.array(z.object({ rating: z.number().int(), count: z.number().int(), percent: z.number().nullable() })),
  previous: SupportMetrics.extend({ from: Day, to: Day, csat_total_responses: z.number().int(), csat_satisfaction_score: z.number().nullable() }).nullable(),
  live: z.object({ open: z.number().int(), unattended: z.number().int(), unassigned: z.number().int(), pending: z.number().int(), snoozed: z.number().int() }),
  bot: z.object({
    bot_inboxes: z.number().int(),
    conversation_count: z.number().int(),
    message_count: z.number().int(),
    resolution_rate: z.number().int(),
    handoff_rate: z.number().int(),
  }),
  /** The AI-agent view: conversations created in the period, from the analytics rows. */
  ai: z.object({
    conversations: z.number().int(),
    bot_conversations: z.number().int(),
    resolved_by_bot_share: z.number().nullable(),
    handoff_rate: z.number().nullable(),
    avg_time_to_handoff: Seconds,
    avg_handoff_to_human: Seconds,
    human_intervention_rate: z.number().nullable(),
    avg_first_response_bot: Seconds,
    avg_first_response_human: Seconds,
    messages_per_conversation: z.number().nullable(),
    reopened_rate: z.number().nullable(),
    csat_bot_only: z.object({ responses: z.number().int(), avg_rating: z.number().nullable(), satisfaction_score: z.number().nullable() }),
    csat_human: z.object({ responses: z.number().int(), avg_rating: z.number().nullable(), satisfaction_score: z.number().nullable() }),
    peak_hours: z.array(z.object({ hour: z.number().int(), conversations_count: z.number().int() })),
  }),
  by_agent: z.array(EntityRow.extend({ agent_id: z.number().int(), name: z.string(), email: z.string().nullable() })),
  by_inbox: z.array(EntityRow.extend({ inbox_id: z.number().int(), name: z.string(), channel: z.string() })),
  by_team: z.array(EntityRow.extend({ team_id: z.number().int(), name: z.string() })),
  by_label: z.array(EntityRow.extend({ label: z.string(), color: z.string().nullable() })),
  by_channel: z.array(z.object({ channel: z.string(), open: z.number().int(), resolved: z.number().int(), pending: z.number().int(), snoozed: z.number().int(), total: z.number().int() })),
  by_status: z.array(z.object({ status: z.number().int(), label: z.string(), conversations_count: z.number().int() })),
  by_priority: z.array(z.object({ priority: z.string(), conversations_count: z.number().int() })),
  first_response_distribution: z.array(z.object({ bucket: z.string(), count: z.number().int() })),
  heatmap: z.array(z.object({ weekday: z.number().int(), hour: z.number().int(), conversations_count: z.number().int() })),
  resolutions_heatmap: z.array(z.object({ weekday: z.number().int(), hour: z.number().int(), resolutions_count: z.number().int() })),
  mirror: z.object({ conversations: z.number().int(), messages: z.number().int(), first_day: Day.nullable(), last_day: Day.nullable(), synced: z.boolean() }),
});
export type SupportKpis = z.infer<typeof SupportKpis>;

export const SupportGroupBy = z.enum(['day', 'week', 'month', 'year']);
export type SupportGroupBy = z.infer<typeof SupportGroupBy>;

export const SupportTimeseries = z.object({
  group_by: SupportGroupBy,
  points: z.array(
    SupportMetrics.extend({
      /** First local day of the bucket (weeks start on Sunday, as in Chatwoot). */
      bucket: Day,
      resolution_count_for_avg: z.number().int(),
    }),
  ),
});
export type SupportTimeseries = z.infer<typeof SupportTimeseries>;

export const ConversationListQuery = z
  .object({
    from: Day.optional(),
    to: Day.optional(),
    scope: SupportScope.optional(),
    status: z.number().int().min(0).max(3).optional(),
    search: z.string().max(200).optional(),
    limit: z.number().int().min(1).max(500).optional(),
    offset: z.number().int().min(0).optional(),
  })
  .strict();
export type ConversationListQuery = z.infer<typeof ConversationListQuery>;

export const ConversationSummary = z.object({
  id: z.number().int(),
  display_id: z.number().int(),
  created_at: z.string(),
  status_label: z.string(),
  inbox_name: z.string().nullable(),
  channel: z.string(),
  assignee_name: z.string().nullable(),
  team_name: z.string().nullable(),
  contact_name: z.string().nullable(),
  labels: z.string(),
  messages_count: z.number().int(),
  first_response_seconds: Seconds,
  last_resolution_seconds: Seconds,
  csat_rating: z.number().int().nullable(),
  service_level: z.string(),
  preview: z.string().nullable(),
});
export type ConversationSummary = z.infer<typeof ConversationSummary>;

export const ConversationPage = z.object({ total: z.number().int(), rows: z.array(ConversationSummary) });
export type ConversationPage = z.infer<typeof ConversationPage>;

export const TranscriptMessage = z.object({
  id: z.number().int(),
  at: z.string(),
  kind: z.enum(['incoming', 'outgoing', 'private', 'activity', 'template', 'bot', 'csat']),
  sender: z.string().nullable(),
  content: z.string().nullable(),
  /** Timing marks on this message: "1ª resposta (12 min)", "Transferido para humano" … */
  marks: z.array(z.string()),
});

export const ConversationDetail = z.object({
  summary: ConversationSummary,
  /** The analytics row, field → value, for the drill-down's facts panel. */
  facts: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  messages: z.array(TranscriptMessage),
  events: z.array(z.object({ name: z.string(), label: z.string(), at: z.string(), value: Seconds, value_in_business_hours: Seconds, user: z.string().nullable() })),
});
export type ConversationDetail = z.infer<typeof ConversationDetail>;

export const CsatListQuery = z
  .object({
    from: Day.optional(),
    to: Day.optional(),
    scope: SupportScope.optional(),
    rating: z.number().int().min(1).max(5).optional(),
    limit: z.number().int().min(1).max(500).optional(),
    offset: z.number().int().min(0).optional(),
  })
  .strict();
export type CsatListQuery = z.infer<typeof CsatListQuery>;

export const CsatResponsePage = z.object({
  total: z.number().int(),
  rows: z.array(
    z.object({
      id: z.number().int(),
      conversation_id: z.number().int(),
      display_id: z.number().int().nullable(),
      contact_name: z.string().nullable(),
      agent_name: z.string().nullable(),
      rating: z.number().int(),
      category: z.string(),
      feedback: z.string().nullable(),
      at: z.string(),
    }),
  ),
});
export type CsatResponsePage = z.infer<typeof CsatResponsePage>;

/** Tables the dashboard exports (CSV or Excel), the same rows the screen shows. */
export const SupportExportTable = z.enum([
  'agents', 'inboxes', 'teams', 'labels', 'conversations', 'csat', 'summary', 'timeseries', 'heatmap',
  'resolutions_heatmap', 'status', 'priority', 'channels', 'first_response', 'ratings',
]);
export type SupportExportTable = z.infer<typeof SupportExportTable>;
