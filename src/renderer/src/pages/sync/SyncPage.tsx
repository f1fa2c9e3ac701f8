import { useState } from 'react';
import { formatDateTime } from '../../../../shared/format';
import { useReadiness } from '../../app/readiness';
import { useCompany, useSession } from '../../app/session';
import { useSyncJob } from '../../app/syncJob';
import { useQuery } from '../../app/useQuery';
import { Alert } from '../../components/Alert';
import { Dialog } from '../../components/Dialog';
import { SyncIcon } from '../../components/icons';
import { SyncProgress } from '../../components/SyncProgress';
import { call } from '../../ipc';
import { RunsTable } from './RunsTable';
import { ScheduleCard } from './ScheduleCard';
import { describeSyncResult } from './syncResult';

export function SyncPage() {
  const company = useCompany();
  const { health } = useSession();
  const job = useSyncJob();
  const [confirmFull, setConfirmFull] = useState(false);
  const runs = useQuery(JSON.stringify([company.slug, job.finishedCount, job.active?.jobId ?? null]), () => call('runs.list', { company: company.slug, source: 'ploomes', limit: 50 }));
  useReadiness(runs.loading);

  const ploomes = health.find((h) => h.source === 'ploomes');
  const busy = Boolean(job.active) || job.starting;
  // The outcome shows together with the refreshed history, never ahead of it.
  const result = job.finished && !job.active && !runs.loading ? job.finished : null;
  const resultTone = result?.status === 'succeeded' ? 'success' : result?.status === 'failed' ? 'error' : 'info';

  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1 tabIndex={-1}>Sincronização</h1>
          <p className="page-subtitle">
            Ploomes · {company.name}
            {ploomes?.lastSuccessAt ? ` · última sincronização concluída em ${formatDateTime(ploomes.lastSuccessAt, company.timezone)}` : ' · nenhuma sincronização concluída ainda'}
          </p>
        </div>
      </header>

      <section className="card" aria-labelledby="sync-now-title">
        <div className="card-row">
          <div>
            <h2 id="sync-now-title" className="card-title">
              Ploomes
            </h2>
            <p className="muted">A sincronização traz só o que mudou desde a última vez. A completa relê tudo do Ploomes.</p>
          </div>
          <div className="button-row">
            <button type="button" className="button" data-testid="sync-full" disabled={busy} onClick={() => setConfirmFull(true)}>
              Sincronização completa
            </button>
            <button type="button" className="button button-primary" data-testid="sync-start" disabled={busy} onClick={() => void job.start(false)}>
              <SyncIcon size={16} />
              {job.starting ? 'Iniciando…' : 'Sincronizar agora'}
            </button>
          </div>
        </div>

        {job.active ? (
          <div className="sync-live">
            <div className="sync-live-head">
              <strong>{job.active.title}</strong>
              <button type="button" className="button button-small" data-testid="sync-cancel" disabled={job.cancelling} onClick={() => void job.cancel()}>
                {job.cancelling ? 'Cancelando…' : 'Cancelar'}
              </button>
            </div>
            <SyncProgress progress={job.active} />
          </div>
        ) : null}

        {job.error ? <Alert testId="sync-error">{job.error}</Alert> : null}
        <div aria-live="polite">
          {result ? (
            <div data-testid="sync-result" data-status={result.status}>
              <Alert tone={resultTone}>{describeSyncResult(result)}</Alert>
            </div>
          ) : null}
        </div>
      </section>

      <ScheduleCard company={company.slug} timezone={company.timezone} />

      <section className="card" aria-labelledby="runs-title">
        <h2 id="runs-title" className="card-title">
          Histórico
        </h2>
        {runs.error ? <Alert>{runs.error}</Alert> : null}
        {runs.data ? <RunsTable company={company.slug} runs={runs.data} timezone={company.timezone} /> : !runs.error ? <p className="muted">Carregando histórico…</p> : null}
      </section>

      {confirmFull ? (
        <Dialog
          title="Sincronização completa"
          testId="sync-full-dialog"
          onClose={() => setConfirmFull(false)}
          footer={
            <>
              <button type="button" className="button" onClick={() => setConfirmFull(false)}>
                Cancelar
              </button>
              <button
                type="button"
                className="button button-primary"
                data-testid="sync-full-confirm"
                onClick={() => {
                  setConfirmFull(false);
                  void job.start(true);
                }}
              >
                Reler tudo
              </button>
            </>
          }
        >
          <p>
            A sincronização completa relê todos os clientes e negócios do Ploomes desde o início, em vez de buscar só o que mudou. Use-a se os números parecerem
            diferentes do Ploomes ou depois de mudar de conta.
          </p>
          <p className="muted">
            Ela pode levar bem mais tempo e consome o limite de requisições da sua conta (compartilhado com outras integrações). Os dados atuais continuam
            disponíveis enquanto ela roda.
          </p>
        </Dialog>
      ) : null}
    </div>
  );
}
