import { Fragment, useState } from 'react';
import { formatDateTime, formatDecimal, formatDuration, formatInteger } from '../../../../shared/format';
import type { RunStatus } from '../../../../shared/jobs';
import type { BoletoKpis } from '../../../../shared/kpi';
import { formatPointOfSale } from '../../app/boletos';
import { useReadiness } from '../../app/readiness';
import { Alert } from '../../components/Alert';
import { ChevronDownIcon, ChevronRightIcon } from '../../components/icons';
import { RunStatusChip } from '../../components/StatusChip';
import { RobotResultsTable } from './RobotResultsTable';
import { useRunResults } from './useRunResults';

const RUN_STATUSES: readonly string[] = ['running', 'succeeded', 'failed', 'cancelled', 'interrupted'];
type Run = BoletoKpis['runs'][number];

/** Every robot run, newest first; a run opens to its per-client log. */
export function RunHistory({ company, runs, timezone }: { company: string; runs: Run[]; timezone: string }) {
  const [open, setOpen] = useState<string | null>(null);
  if (!runs.length) return <p className="muted table-empty">Nenhuma execução ainda. Clique em “Baixar boletos” num ponto de venda acima.</p>;
  return (
    <div className="table-scroll">
      <table className="table" data-testid="robot-history">
        <caption className="visually-hidden">Execuções do robô de boletos, mais recentes primeiro; cada uma abre o resultado por cliente</caption>
        <thead>
          <tr>
            <th scope="col">Início</th>
            <th scope="col">PV</th>
            <th scope="col">Status</th>
            <th scope="col">Duração</th>
            <th scope="col" className="num">
              Salvos
            </th>
            <th scope="col" className="num">
              Erros
            </th>
            <th scope="col" className="num">
              Não encontrados
            </th>
            <th scope="col" className="num">
              Sem boleto
            </th>
            <th scope="col" className="num">
              s/cliente
            </th>
            <th scope="col">
              <span className="visually-hidden">Clientes</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => {
            const expanded = open === run.run_id;
            return (
              <Fragment key={run.run_id}>
                <tr className="row-link" data-testid="robot-history-row" data-run-id={run.run_id} data-status={run.status} onClick={() => setOpen(expanded ? null : run.run_id)}>
                  <td className="nowrap">{formatDateTime(run.started_at, timezone)}</td>
                  <td className="nowrap">{formatPointOfSale(run.point_of_sale)}</td>
                  <td>{RUN_STATUSES.includes(run.status) ? <RunStatusChip status={run.status as RunStatus} /> : run.status}</td>
                  <td className="nowrap">{formatDuration(run.seconds)}</td>
                  <td className="num">{formatInteger(run.success)}</td>
                  <td className={`num${run.errors ? ' text-danger' : ''}`}>{formatInteger(run.errors)}</td>
                  <td className={`num${run.cpf_not_found ? ' text-warning' : ''}`}>{formatInteger(run.cpf_not_found)}</td>
                  <td className="num">{formatInteger(run.no_boleto)}</td>
                  <td className="num">{run.seconds_per_client === null ? '—' : `${formatDecimal(run.seconds_per_client)} s`}</td>
                  <td className="cell-toggle">
                    <button
                      type="button"
                      className="link-button"
                      aria-expanded={expanded}
                      data-testid="robot-history-toggle"
                      onClick={(e) => {
                        e.stopPropagation();
                        setOpen(expanded ? null : run.run_id);
                      }}
                    >
                      {expanded ? <ChevronDownIcon size={14} /> : <ChevronRightIcon size={14} />}
                      Clientes
                    </button>
                  </td>
                </tr>
                {expanded ? (
                  <tr className="row-details" data-testid="robot-history-details">
                    <td colSpan={10}>
                      <RunLog company={company} runId={run.run_id} timezone={timezone} />
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

function RunLog({ company, runId, timezone }: { company: string; runId: string; timezone: string }) {
  const results = useRunResults(company, runId);
  useReadiness(results.loading);
  if (results.error) return <Alert>{results.error}</Alert>;
  if (!results.rows) return <span className="muted">Carregando clientes…</span>;
  return <RobotResultsTable company={company} runId={runId} rows={results.rows} live={false} timezone={timezone} />;
}
