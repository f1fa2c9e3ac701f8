import { z } from 'zod';
import { SCHEDULE_PRESETS, type SchedulePresetId as PresetId } from './schedulePresets';

export const SchedulePresetId = z.enum(SCHEDULE_PRESETS.map((p) => p.id) as [PresetId, ...PresetId[]]);

/** What the user picks: a preset, or `custom` with a cron expression; `enabled: false` keeps it but stops it. */
export const ScheduleInput = z
  .object({
    preset: z.union([SchedulePresetId, z.literal('custom')]),
    cron: z.string().max(200).optional(),
    enabled: z.boolean(),
  })
  .strict();
export type ScheduleInput = z.infer<typeof ScheduleInput>;

export const ScheduleView = z.object({
  source: z.string(),
  label: z.string(),
  /** Null when the source has never been scheduled. */
  preset: z.union([SchedulePresetId, z.literal('custom')]).nullable(),
  cron: z.string().nullable(),
  enabled: z.boolean(),
  /** ISO instants; nextRunAt is null while the schedule is off. */
  nextRunAt: z.string().nullable(),
  lastRunAt: z.string().nullable(),
  lastStatus: z.string().nullable(),
  timezone: z.string(),
});
export type ScheduleView = z.infer<typeof ScheduleView>;
