import type { NexusCore } from '../nexusCore';
import { sourceById, sources } from '../sources/registry';
import { UserError } from '../errors';
import type { ScheduleInput, ScheduleView } from '../../../shared/schedules';
import { ScheduleStore } from './scheduleStore';

/** The schedule store of a company, on its time zone. */
export function scheduleStore(core: NexusCore, company: string): ScheduleStore {
  const c = core.company(company);
  return new ScheduleStore(c.db, c.calendar);
}

/** Every sync source of the company with its schedule (an unscheduled source shows as off). */
export function listSchedules(core: NexusCore, company: string): ScheduleView[] {
  const timezone = core.company(company).calendar.timeZone;
  const saved = new Map(scheduleStore(core, company).list().map((s) => [s.source, s]));
  return sources
    .filter((s) => s.create)
    .map((source) => {
      const row = saved.get(source.id);
      return {
        source: source.id,
        label: source.label,
        preset: row?.preset ?? null,
        cron: row?.cron ?? null,
        enabled: row?.enabled ?? false,
        nextRunAt: row?.nextRunAt ?? null,
        lastRunAt: row?.lastRunAt ?? null,
        lastStatus: row?.lastStatus ?? null,
        timezone,
      };
    });
}

/** Saves a source's schedule; running schedulers re-arm through the core's `schedules.changed` event. */
export function setSchedule(core: NexusCore, company: string, sourceId: string, input: ScheduleInput, now = Date.now()): ScheduleView {
  const source = sourceById(sourceId);
  if (!source.create) {
    throw new UserError(`${source.label} não é uma fonte sincronizável e não pode ser agendada; agende só fontes de sincronização (${sources.filter((s) => s.create).map((s) => s.id).join(', ')}).`, 'not-a-sync-source');
  }
  scheduleStore(core, company).set(source.id, input, now);
  core.emit('schedules.changed', { company, source: source.id });
  return listSchedules(core, company).find((s) => s.source === source.id)!;
}
