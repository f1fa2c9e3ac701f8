/**
 * Schedule presets, matching the schedules the old scripts ran on (the CVDW worker: every 4 h
 * from 06:00 to 22:00; nightly loads at 03:00; 6-hourly syncs). Anything else is a custom cron
 * expression. Times are the company's local time. Plain data, no zod: the renderer imports it and
 * its CSP forbids the eval zod probes for.
 */
export const SCHEDULE_PRESETS = [
  { id: 'every-4h-06-22', label: 'A cada 4 h das 06:00 às 22:00', cron: '0 6-22/4 * * *' },
  { id: 'daily-03', label: 'Todo dia às 03:00', cron: '0 3 * * *' },
  { id: 'every-6h', label: 'A cada 6 h', cron: '0 */6 * * *' },
] as const;

export type SchedulePresetId = (typeof SCHEDULE_PRESETS)[number]['id'];
