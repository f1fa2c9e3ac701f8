import { formatDecimal, formatDuration, formatInteger } from '../../../shared/format';
import type { JobProgress } from '../../../shared/jobs';

function phaseLabel(phase: string): string {
  return phase === 'starting' ? 'Preparando' : phase;
}

function rateText(progress: JobProgress, perItem: string | undefined): string | null {
  if (progress.ratePerSecond === null || !progress.unit) return null;
  const rate = progress.ratePerSecond;
  // Slow jobs (a robot spends seconds on each client) read better as time per item.
  if (perItem) return rate > 0 ? `${formatDecimal(1 / rate)} s por ${perItem}` : null;
  return `${rate >= 10 ? formatInteger(rate) : formatDecimal(rate)} ${progress.unit}/s`;
}

/**
 * Live progress of a job: a real progressbar (indeterminate while the total is unknown), pt-BR
 * counts, throughput and time left. Raw numbers are on data-done / data-total for tests.
 */
export function SyncProgress({
  progress,
  compact = false,
  testId = 'sync-progress',
  perItem,
}: {
  progress: JobProgress;
  compact?: boolean;
  testId?: string;
  /** Show the rate as "N s por <perItem>" instead of items per second. */
  perItem?: string;
}) {
  const { done, total } = progress;
  const known = total !== null && total > 0;
  const percent = known ? Math.min(100, Math.round((done / total) * 100)) : null;
  const rate = rateText(progress, perItem);
  const counts = known ? `${formatInteger(done)} de ${formatInteger(total)} ${progress.unit}` : `${formatInteger(done)} ${progress.unit}`.trim();
  const eta = known && progress.etaSeconds !== null && done < total ? `faltam ${formatDuration(progress.etaSeconds)}` : null;

  return (
    <div className={`progress-panel${compact ? ' progress-compact' : ''}`} data-testid={testId} data-done={done} data-total={total ?? ''} data-phase={progress.phase}>
      <div className="progress-head" aria-live="polite">
        <span className="progress-phase">{phaseLabel(progress.phase)}</span>
        {percent !== null ? <span className="progress-percent">{percent}%</span> : null}
      </div>
      <div
        className={`progress-track${known ? '' : ' progress-indeterminate'}`}
        role="progressbar"
        aria-label={`Progresso: ${phaseLabel(progress.phase)}`}
        aria-valuemin={0}
        aria-valuemax={known ? total : undefined}
        aria-valuenow={known ? done : undefined}
        aria-valuetext={counts}
      >
        <div className="progress-fill" style={known ? { width: `${percent}%` } : undefined} />
      </div>
      <div className="progress-meta">
        <span className="progress-counts">{counts || 'Aguardando a primeira página…'}</span>
        {rate ? <span>{rate}</span> : null}
        {eta ? <span>{eta}</span> : null}
      </div>
      {progress.message ? <p className="progress-message">{progress.message}</p> : null}
    </div>
  );
}
