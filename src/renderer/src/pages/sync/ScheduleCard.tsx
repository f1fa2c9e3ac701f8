import { useState, type FormEvent } from 'react';
import type { Input } from '../../../../shared/contract';
import { formatDateTime } from '../../../../shared/format';
import type { RunStatus } from '../../../../shared/jobs';
import { SCHEDULE_PRESETS } from '../../../../shared/schedulePresets';
import type { ScheduleInput, ScheduleView } from '../../../../shared/schedules';
import { describeError } from '../../app/errors';
import { useQuery } from '../../app/useQuery';
import { Alert } from '../../components/Alert';
import { Chip, RunStatusChip } from '../../components/StatusChip';
import { call, useEvent } from '../../ipc';

const RUN_STATUSES = ['running', 'succeeded', 'failed', 'cancelled', 'interrupted'];

/**
 * Per source of the company, when it syncs by itself: a preset or a cron expression, on or off,
 * and the next run time. Runs happen while the app is open (or under `nexus schedule`); a run
 * missed while the computer was off or asleep runs once when it is back.
 */
export function ScheduleCard({ company, timezone }: { company: string; timezone: string }) {
  const schedules = useQuery(company, () => call('schedules.list', { company }));
  // A scheduled (or manual) run moves the next run time and the last status.
  useEvent('job.finished', (job) => {
    if (job.company === company && job.kind === 'sync') schedules.reload();
  });

  return (
    <section className="card" aria-labelledby="schedules-title" data-testid="schedules">
      <div>
        <h2 id="schedules-title" className="card-title">
          Agendamentos
        </h2>
        <p className="muted">
          Cada fonte pode sincronizar sozinha nos horários escolhidos (horário de {timezone}), enquanto o aplicativo estiver aberto. Um horário perdido com o
          computador desligado ou em repouso roda uma vez quando ele volta; um horário que chega durante uma sincronização da mesma fonte é pulado.
        </p>
      </div>
      {schedules.error ? <Alert>{schedules.error}</Alert> : null}
      {schedules.data ? (
        schedules.data.map((view) => <ScheduleControl key={view.source} company={company} current={view} onSaved={schedules.reload} />)
      ) : !schedules.error ? (
        <p className="muted">Carregando agendamentos…</p>
      ) : null}
    </section>
  );
}

type Preset = ScheduleInput['preset'];

function ScheduleControl({ company, current, onSaved }: { company: string; current: ScheduleView; onSaved: () => void }) {
  const [view, setView] = useState(current);
  // A reload (after a run, or after saving) brings the newest next run time and status.
  const [shown, setShown] = useState(current);
  if (current !== shown) {
    setShown(current);
    setView(current);
  }
  const [preset, setPreset] = useState<Preset>(current.preset ?? SCHEDULE_PRESETS[0].id);
  const [cron, setCron] = useState(current.preset === 'custom' ? (current.cron ?? '') : '');
  // A source never scheduled starts "on": choosing a frequency and saving is what the user means.
  const [enabled, setEnabled] = useState(current.preset === null ? true : current.enabled);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const id = `schedule-${view.source}`;
  const dirty = view.preset === null || preset !== view.preset || enabled !== view.enabled || (preset === 'custom' && cron.trim() !== (view.cron ?? ''));

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setError(null);
    setSaved(false);
    try {
      const next = await call('schedules.set', { company, source: view.source as Input<'schedules.set'>['source'], schedule: preset === 'custom' ? { preset, cron, enabled } : { preset, enabled } });
      setView(next);
      setSaved(true);
      onSaved();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setSaving(false);
    }
  }

  const cronError = preset === 'custom' && error?.startsWith('Expressão cron') ? error : null;
  const cronMissing = preset === 'custom' && error?.startsWith('Informe a expressão cron') ? error : null;
  const fieldError = cronError ?? cronMissing;

  return (
    <form className="form schedule-source" onSubmit={save} noValidate data-testid={id} aria-labelledby={`${id}-title`}>
      <div className="card-row">
        <h3 id={`${id}-title`} className="card-title">
          {view.label}
        </h3>
        <span data-testid={`${id}-state`} data-enabled={String(view.enabled)}>
          {view.preset === null ? <Chip tone="neutral">sem agendamento</Chip> : view.enabled ? <Chip tone="success">ligado</Chip> : <Chip tone="neutral">desligado</Chip>}
        </span>
      </div>

      <div className="form-row">
        <div className="field">
          <label htmlFor={`${id}-preset`}>Frequência</label>
          <select
            id={`${id}-preset`}
            className="select"
            data-testid={`${id}-preset`}
            value={preset}
            onChange={(e) => {
              setPreset(e.target.value as Preset);
              setError(null);
              setSaved(false);
            }}
          >
            {SCHEDULE_PRESETS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
            <option value="custom">Personalizado (expressão cron)</option>
          </select>
        </div>
        {preset === 'custom' ? (
          <div className="field">
            <label htmlFor={`${id}-cron`}>Expressão cron</label>
            <input
              id={`${id}-cron`}
              className="input"
              data-testid={`${id}-cron`}
              value={cron}
              placeholder="0 6-22/4 * * *"
              spellCheck={false}
              autoComplete="off"
              aria-invalid={fieldError ? true : undefined}
              aria-describedby={`${id}-cron-help${fieldError ? ` ${id}-cron-error` : ''}`}
              onChange={(e) => {
                setCron(e.target.value);
                setSaved(false);
              }}
            />
            <p className="field-help" id={`${id}-cron-help`}>
              5 campos: minuto hora dia-do-mês mês dia-da-semana (0 = domingo), com listas (1,15), intervalos (8-18) e passos (*/2). Ex.: &quot;30 3 * * 1-5&quot; roda às
              03:30 de segunda a sexta.
            </p>
            {fieldError ? (
              <p className="field-help text-danger" id={`${id}-cron-error`} data-testid={`${id}-cron-error`} role="alert">
                {fieldError}
              </p>
            ) : null}
          </div>
        ) : null}
      </div>

      <div className="checkbox-field">
        <input
          id={`${id}-enabled`}
          type="checkbox"
          data-testid={`${id}-enabled`}
          checked={enabled}
          onChange={(e) => {
            setEnabled(e.target.checked);
            setSaved(false);
          }}
        />
        <label htmlFor={`${id}-enabled`}>Sincronizar {view.label} automaticamente nesses horários</label>
      </div>

      <div className="form-actions form-actions-split">
        <div className="muted" aria-live="polite">
          <p data-testid={`${id}-next`} data-next-run={view.nextRunAt ?? ''}>
            {view.nextRunAt
              ? `Próxima execução: ${formatDateTime(view.nextRunAt, view.timezone)}`
              : view.preset === null
                ? 'Sem agendamento: escolha a frequência e salve.'
                : 'Agendamento desligado: nenhuma execução automática.'}
          </p>
          {view.lastRunAt ? (
            <p className="small">
              Última execução agendada: {formatDateTime(view.lastRunAt, view.timezone)}{' '}
              {view.lastStatus && RUN_STATUSES.includes(view.lastStatus) ? <RunStatusChip status={view.lastStatus as RunStatus} /> : null}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button button-primary" data-testid={`${id}-save`} disabled={saving || !dirty}>
          {saving ? 'Salvando…' : 'Salvar agendamento'}
        </button>
      </div>

      <div aria-live="polite">
        {error && !fieldError ? <Alert testId={`${id}-error`}>{error}</Alert> : null}
        {saved && !error ? (
          <Alert tone="success" testId={`${id}-saved`}>
            Agendamento salvo.
          </Alert>
        ) : null}
      </div>
    </form>
  );
}
