import { Fragment, useState } from 'react';
import { formatDateTime, formatDuration, formatInteger } from '../../../../shared/format';
import type { RunRecord } from '../../../../shared/jobs';
import { describeError } from '../../app/errors';
import { writeTotals } from '../../app/runCounts';
import { Alert } from '../../components/Alert';
import { ChevronDownIcon, ChevronRightIcon } from '../../components/icons';
import { RunStatusChip } from '../../components/StatusChip';
import { call } from '../../ipc';

type Items = Array<{ item: string; status: string; message: string | null; at: string }>;

function duration(run: RunRecord): string {
  if (!run.endedAt) return '—';
  return formatDuration((new Date(run.endedAt).getTime() - new Date(run.startedAt).getTime()) / 1000);
}

export function RunsTable({ company, runs, timezone }: { company: string; runs: RunRecord[]; timezone: string }) {
  const [open, setOpen] = useState<Record<string, Items | string | 'loading'>>({});

  async function toggle(run: RunRecord) {
    if (open[run.id]) {
      setOpen(({ [run.id]: _closed, ...rest }) => rest);
      return;
    }
    setOpen((o) => ({ ...o, [run.id]: 'loading' }));
    try {
      const items = await call('runs.items', { company, runId: run.id });
      setOpen((o) => (o[run.id] ? { ...o, [run.id]: items } : o));
    } catch (err) {
      setOpen((o) => (o[run.id] ? { ...o, [run.id]: describeError(err) } : o));
    }
  }

  if (!runs.length) return <p className="muted table-empty">Nenhuma sincronização registrada ainda.</p>;
  return (
    <div className="table-scroll">
      <table className="table" data-testid="runs-table">
        <caption className="visually-hidden">Histórico de sincronizações, mais recentes primeiro</caption>
        <thead>
          <tr>
            <th scope="col">Início</th>
            <th scope="col">Duração</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">
              Novos
            </th>
            <th scope="col" className="num">
              Atualizados
            </th>
            <th scope="col" className="num">
              Sem mudança
            </th>
            <th scope="col" className="num">
              Removidos
            </th>
            <th scope="col">Erro</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => {
            const t = writeTotals(run.counts);
            const details = open[run.id];
            const full = run.title.includes('(completa)');
            return (
              <Fragment key={run.id}>
                <tr data-testid="run-row" data-run-id={run.id} data-status={run.status}>
                  <td>
                    <span className="nowrap">{formatDateTime(run.startedAt, timezone)}</span>
                    {full ? <span className="tag">completa</span> : null}
                  </td>
                  <td className="nowrap">{duration(run)}</td>
                  <td>
                    <RunStatusChip status={run.status} />
                  </td>
                  <td className="num">{formatInteger(t.inserted)}</td>
                  <td className="num">{formatInteger(t.updated)}</td>
                  <td className="num">{formatInteger(t.unchanged)}</td>
                  <td className="num">{formatInteger(t.deleted)}</td>
                  <td className="cell-error">
                    {run.error && run.status !== 'cancelled' ? <span className="error-text">{run.error.message}</span> : null}
                    {run.status === 'cancelled' ? <span className="muted">Cancelada pelo usuário</span> : null}
                    {t.invalid ? (
                      <button type="button" className="link-button" aria-expanded={Boolean(details)} data-testid="run-invalid-toggle" onClick={() => void toggle(run)}>
                        {details ? <ChevronDownIcon size={14} /> : <ChevronRightIcon size={14} />}
                        {t.invalid === 1 ? '1 registro ignorado' : `${formatInteger(t.invalid)} registros ignorados`}
                      </button>
                    ) : null}
                    {!run.error && !t.invalid && run.status !== 'cancelled' ? <span className="muted">—</span> : null}
                  </td>
                </tr>
                {details ? (
                  <tr className="row-details" data-testid="run-items">
                    <td colSpan={8}>
                      {details === 'loading' ? (
                        <span className="muted">Carregando registros…</span>
                      ) : typeof details === 'string' ? (
                        <Alert>{details}</Alert>
                      ) : details.length ? (
                        <ul className="run-items">
                          {details.map((item, i) => (
                            <li key={i}>
                              <code>{item.item}</code> <span className="muted">{item.message ?? item.status}</span>
                            </li>
                          ))}
                        </ul>
                      ) : (
                        <span className="muted">Nenhum registro detalhado.</span>
                      )}
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
