import type { PointOfSale } from '../../../../shared/boletos';
import { formatDateTime, formatInteger } from '../../../../shared/format';
import type { JobFinished, JobProgress, RunStatus } from '../../../../shared/jobs';
import { describeTotals, formatPointOfSale, robotTotals } from '../../app/boletos';
import { useReadiness } from '../../app/readiness';
import { useRobotJobs } from '../../app/robotJobs';
import { Alert } from '../../components/Alert';
import { DownloadIcon, PauseIcon, SettingsIcon } from '../../components/icons';
import { Chip, RunStatusChip } from '../../components/StatusChip';
import { SyncProgress } from '../../components/SyncProgress';
import { describeRobotResult } from './robotResult';
import { RobotResultsTable } from './RobotResultsTable';
import { useRunResults } from './useRunResults';

/** Why "Baixar boletos" cannot run now, in one sentence; null when it can. */
function blockedReason(pv: PointOfSale): string | null {
  if (pv.passwordConfigured === null) return 'O cofre de senhas do sistema não pôde ser lido agora; desbloqueie a sessão do sistema e recarregue esta tela.';
  if (!pv.portalUser || pv.passwordConfigured === false) return 'Configure o usuário e a senha do portal para baixar os boletos deste ponto de venda.';
  if (pv.clients === 0) return 'Nenhum cliente importado para este ponto de venda: importe a planilha dos consultores em Clientes.';
  return null;
}

function PasswordChip({ configured, demo }: { configured: boolean | null; demo: boolean }) {
  if (demo) return <Chip tone="info">demonstração</Chip>;
  if (configured === null) return <Chip tone="warning">cofre indisponível</Chip>;
  return <Chip tone={configured ? 'success' : 'neutral'}>{configured ? 'senha salva' : 'sem senha'}</Chip>;
}

const RUN_STATUSES: readonly string[] = ['running', 'succeeded', 'failed', 'cancelled', 'interrupted'];

/**
 * One point of sale: who logs into the portal, its clients, its last run, and ONE button that
 * downloads the month's boletos. While a run goes on the card shows it live, client by client.
 */
export function PointOfSaleCard({
  pointOfSale: pv,
  company,
  timezone,
  demo,
  onConfigure,
}: {
  pointOfSale: PointOfSale;
  company: string;
  timezone: string;
  /** The portal is the local simulator with public passwords. */
  demo: boolean;
  onConfigure(): void;
}) {
  const robots = useRobotJobs();
  const active = robots.active[pv.code] ?? null;
  const runId = robots.shownRun[pv.code] ?? null;
  const finished = robots.finished[pv.code]?.jobId === runId ? robots.finished[pv.code] : null;
  const results = useRunResults(company, runId);
  useReadiness(results.loading);
  const reason = blockedReason(pv);
  const starting = Boolean(robots.starting[pv.code]);
  const running = Boolean(active) || starting;
  const hintId = `pdv-hint-${pv.code}`;
  const last = pv.lastRun;
  const state = active ? (active.waitingForUser ? 'waiting' : 'running') : finished ? 'finished' : 'idle';

  return (
    <section className={`card pdv-card${runId ? ' pdv-card-wide' : ''}`} data-testid="pdv-card" data-code={pv.code} data-state={state} aria-labelledby={`pdv-title-${pv.code}`}>
      <div className="pdv-head">
        <div className="pdv-id">
          <h2 id={`pdv-title-${pv.code}`} className="pdv-title">
            PV {formatPointOfSale(pv.code)}
            {pv.label ? <span className="pdv-label"> · {pv.label}</span> : null}
          </h2>
          <dl className="pdv-facts">
            <div>
              <dt>Clientes</dt>
              <dd data-testid="pdv-clients">{formatInteger(pv.clients)}</dd>
            </div>
            <div>
              <dt>Usuário do portal</dt>
              <dd data-testid="pdv-portal-user">{pv.portalUser ? <span className="mono">{pv.portalUser}</span> : <span className="muted">não configurado</span>}</dd>
            </div>
            <div>
              <dt>Senha</dt>
              <dd data-testid="pdv-password-state" data-configured={String(pv.passwordConfigured)}>
                <PasswordChip configured={pv.passwordConfigured} demo={demo} />
              </dd>
            </div>
          </dl>
        </div>
        <div className="pdv-actions">
          <button type="button" className="button" data-testid="pdv-configure" onClick={onConfigure}>
            <SettingsIcon size={16} />
            Configurar
          </button>
          <button
            type="button"
            className="button button-primary"
            data-testid="robot-start"
            disabled={running || reason !== null}
            aria-describedby={reason ? hintId : undefined}
            onClick={() => void robots.start(pv.code)}
          >
            <DownloadIcon size={16} />
            {starting ? 'Iniciando…' : active ? 'Baixando…' : 'Baixar boletos'}
          </button>
        </div>
      </div>

      {reason && !running ? (
        <p className="pdv-hint" id={hintId} data-testid="robot-start-hint">
          {reason}
        </p>
      ) : null}

      {last && !active && !finished ? (
        <p className="pdv-last" data-testid="pdv-last-run" data-status={last.status}>
          <span className="muted">Última execução</span> <span className="nowrap">{formatDateTime(last.startedAt, timezone)}</span>{' '}
          {RUN_STATUSES.includes(last.status) ? <RunStatusChip status={last.status as RunStatus} /> : null}{' '}
          <span className="pdv-last-counts">{describeTotals(robotTotals(last.counts))}</span>
        </p>
      ) : !active && !runId ? (
        <p className="pdv-last muted">Nenhuma execução ainda.</p>
      ) : null}

      {robots.errors[pv.code] ? <Alert testId="robot-error">{robots.errors[pv.code]}</Alert> : null}

      {active ? (
        <RobotLive progress={active} timezone={timezone} cancelling={Boolean(robots.cancelling[pv.code])} onCancel={() => void robots.cancel(pv.code)} onContinue={() => void robots.resume(pv.code)} />
      ) : null}

      <div aria-live="polite">
        {finished && !active ? <RobotResultLine key={finished.jobId} finished={finished} /> : null}
      </div>

      {runId ? (
        results.rows ? (
          <RobotResultsTable company={company} runId={runId} rows={results.rows} live={Boolean(active)} waiting={Boolean(active?.waitingForUser)} timezone={timezone} />
        ) : results.error ? (
          <Alert>{results.error}</Alert>
        ) : (
          <p className="muted">Carregando os resultados…</p>
        )
      ) : null}
    </section>
  );
}

function RobotLive({ progress, timezone, cancelling, onCancel, onContinue }: { progress: JobProgress; timezone: string; cancelling: boolean; onCancel(): void; onContinue(): void }) {
  const waiting = progress.waitingForUser;
  return (
    <div className="sync-live robot-live" data-testid="robot-live" data-done={progress.done} data-total={progress.total ?? ''} data-waiting={waiting}>
      {waiting ? (
        <div className="waiting-banner" role="alert" data-testid="robot-waiting">
          <PauseIcon size={22} />
          <div className="waiting-text">
            <strong>O robô está esperando você</strong>
            <p>{progress.message ?? 'O portal pediu uma ação sua.'}</p>
          </div>
          <button type="button" className="button button-primary" data-testid="robot-continue" onClick={onContinue}>
            Continuar
          </button>
        </div>
      ) : null}
      <div className="sync-live-head">
        <span>
          <strong>{waiting ? 'Pausado' : 'Baixando boletos'}</strong>{' '}
          <span className="muted">
            · começou às {new Intl.DateTimeFormat('pt-BR', { timeZone: timezone, hour: '2-digit', minute: '2-digit' }).format(new Date(progress.startedAt))}
          </span>
        </span>
        <button type="button" className="button button-small" data-testid="robot-cancel" disabled={cancelling} onClick={onCancel}>
          {cancelling ? 'Cancelando…' : 'Cancelar'}
        </button>
      </div>
      <SyncProgress progress={waiting ? { ...progress, message: null } : progress} testId="robot-progress" perItem="cliente" />
    </div>
  );
}

function RobotResultLine({ finished }: { finished: JobFinished }) {
  const { text, tone } = describeRobotResult(finished);
  return (
    <div data-testid="robot-result" data-status={finished.status}>
      <Alert tone={tone}>{text}</Alert>
    </div>
  );
}
