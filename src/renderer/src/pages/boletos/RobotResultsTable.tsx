import { Fragment, useMemo, useState } from 'react';
import type { BoletoResultView } from '../../../../shared/boletos';
import { formatCpf, formatDay, formatInteger, formatMoney } from '../../../../shared/format';
import { BOLETO_STATUS, type BoletoStatus } from '../../app/boletos';
import { useReadiness } from '../../app/readiness';
import { useQuery } from '../../app/useQuery';
import { Alert } from '../../components/Alert';
import { AlertIcon, CheckIcon, ChevronDownIcon, ChevronRightIcon, MinusCircleIcon, XCircleIcon } from '../../components/icons';
import { call } from '../../ipc';
import { OpenFolderButton, OpenFolderMessage, useOpenFolder } from './OpenFolder';

const ICONS: Record<BoletoStatus, typeof CheckIcon> = { success: CheckIcon, error: XCircleIcon, cpf_not_found: AlertIcon, no_boleto: MinusCircleIcon };

export function BoletoStatusChip({ status }: { status: BoletoStatus }) {
  const { label, tone } = BOLETO_STATUS[status];
  const Icon = ICONS[status];
  return (
    <span className={`chip chip-${tone} chip-with-icon`}>
      <Icon size={13} strokeWidth={2.4} />
      {label}
    </span>
  );
}

type Filter = 'all' | BoletoStatus;
const FILTERS: Array<{ id: Filter; label: string }> = [
  { id: 'all', label: 'Todos' },
  { id: 'success', label: 'Salvos' },
  { id: 'error', label: 'Erros' },
  { id: 'cpf_not_found', label: 'Não encontrados' },
  { id: 'no_boleto', label: 'Sem boleto' },
];

const rowKey = (r: BoletoResultView) => `${r.cpf}/${r.grupo}/${r.cota}`;

/**
 * One robot run, client cota by client cota (newest first): outcome, file, value, due date. Rows
 * that did not end with a saved boleto open to show why, with the portal screenshot when there is one.
 */
export function RobotResultsTable({
  company,
  runId,
  rows,
  live,
  waiting = false,
  timezone,
}: {
  company: string;
  runId: string;
  rows: BoletoResultView[];
  live: boolean;
  /** The run is paused for the user. */
  waiting?: boolean;
  timezone: string;
}) {
  const [filter, setFilter] = useState<Filter>('all');
  const [open, setOpen] = useState<Set<string>>(() => new Set());
  const folders = useOpenFolder(company);
  const ordered = useMemo(() => [...rows].reverse(), [rows]);
  const counts = useMemo(() => {
    const c: Record<Filter, number> = { all: rows.length, success: 0, error: 0, cpf_not_found: 0, no_boleto: 0 };
    for (const r of rows) c[r.status]++;
    return c;
  }, [rows]);
  const consultants = useMemo(() => [...new Set(rows.filter((r) => r.status === 'success' && r.consultant).map((r) => r.consultant))].sort((a, b) => a.localeCompare(b, 'pt-BR')), [rows]);
  const visible = filter === 'all' ? ordered : ordered.filter((r) => r.status === filter);

  const toggle = (key: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  if (!rows.length) {
    const text = waiting ? 'Nenhum cliente processado ainda.' : live ? 'Entrando no portal… os clientes aparecem aqui à medida que são processados.' : 'Nenhum cliente processado nesta execução.';
    return <p className="muted robot-results-empty">{text}</p>;
  }

  return (
    <div className="robot-results" data-testid="robot-results" data-run-id={runId}>
      <div className="robot-results-bar">
        <div className="segmented" role="group" aria-label="Filtrar por resultado">
          {FILTERS.map((f) => (
            <button
              key={f.id}
              type="button"
              className="segment"
              aria-pressed={filter === f.id}
              data-testid={`robot-filter-${f.id}`}
              disabled={f.id !== 'all' && counts[f.id] === 0 && filter !== f.id}
              onClick={() => setFilter(f.id)}
            >
              {f.label} <span className="segment-count">{formatInteger(counts[f.id])}</span>
            </button>
          ))}
        </div>
        {consultants.length ? (
          <div className="folder-buttons">
            <span className="muted small">Abrir pasta:</span>
            {consultants.map((c) => (
              <OpenFolderButton key={c} consultant={c} label={c} small busy={folders.busy === c} onOpen={() => void folders.open(c)} />
            ))}
          </div>
        ) : null}
      </div>
      <OpenFolderMessage outcome={folders.outcome} onDismiss={folders.dismiss} />
      <div className="table-scroll">
        <table className="table table-compact robot-table" data-testid="robot-table">
          <caption className="visually-hidden">Resultado por cliente e cota, mais recentes primeiro</caption>
          <colgroup>
            <col className="col-status" />
            <col className="col-client" />
            <col className="col-due" />
            <col className="col-value" />
            <col />
            <col className="col-toggle" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">Resultado</th>
              <th scope="col">Cliente</th>
              <th scope="col">Vencimento</th>
              <th scope="col" className="num">
                Valor
              </th>
              <th scope="col">Arquivo</th>
              <th scope="col">
                <span className="visually-hidden">Detalhes</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {visible.map((r) => {
              const key = rowKey(r);
              const expandable = r.status !== 'success' || Boolean(r.message) || r.attempts > 1;
              const expanded = open.has(key);
              return (
                <Fragment key={key}>
                  <tr
                    className={`robot-row robot-row-${r.status}${expandable ? ' row-link' : ''}`}
                    data-testid="robot-row"
                    data-cpf={r.cpf}
                    data-status={r.status}
                    data-grupo={r.grupo}
                    data-cota={r.cota}
                    onClick={expandable ? () => toggle(key) : undefined}
                  >
                    <td>
                      <BoletoStatusChip status={r.status} />
                    </td>
                    <td className="cell-client">
                      <span className="cell-name" title={r.client_name}>
                        {r.client_name}
                      </span>
                      <span className="cell-sub">
                        <span className="tabular">{formatCpf(r.cpf)}</span>
                        {r.grupo ? ` · grupo ${r.grupo}, cota ${r.cota}` : ''}
                      </span>
                    </td>
                    <td className="nowrap">{r.due_date ? formatDay(r.due_date) : <span className="muted">—</span>}</td>
                    <td className="num">{r.value === null ? <span className="muted">—</span> : formatMoney(r.value)}</td>
                    <td className="cell-file">
                      {r.file_name ? (
                        <>
                          <span className="cell-file-name mono" title={r.file_name}>
                            {r.file_name}
                          </span>
                          <span className="cell-sub" title={r.consultant}>
                            pasta {r.consultant}
                          </span>
                        </>
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                    <td className="cell-toggle">
                      {expandable ? (
                        <button
                          type="button"
                          className="link-button"
                          aria-expanded={expanded}
                          data-testid="robot-row-toggle"
                          onClick={(e) => {
                            e.stopPropagation();
                            toggle(key);
                          }}
                        >
                          {expanded ? <ChevronDownIcon size={14} /> : <ChevronRightIcon size={14} />}
                          Detalhes
                        </button>
                      ) : null}
                    </td>
                  </tr>
                  {expanded ? (
                    <tr className="row-details" data-testid="robot-row-details" data-cpf={r.cpf} data-status={r.status}>
                      <td colSpan={6}>
                        <RowDetails company={company} runId={runId} row={r} timezone={timezone} />
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              );
            })}
          </tbody>
        </table>
        {!visible.length ? <p className="table-empty muted">Nenhum cliente com este resultado.</p> : null}
      </div>
    </div>
  );
}

function capitalize(month: string): string {
  return month.charAt(0) + month.slice(1).toLocaleLowerCase('pt-BR');
}

const WHY: Record<BoletoStatus, string> = {
  success: 'Boleto salvo.',
  error: 'O robô não conseguiu baixar o boleto desta cota. Ele tenta de novo na próxima execução do mês.',
  cpf_not_found: 'A busca do portal não encontrou este CPF neste ponto de venda. Confira o CPF na planilha ou se o cliente é de outro PV.',
  no_boleto: 'O portal não mostra cobrança em aberto para esta cota.',
};

function RowDetails({ company, runId, row, timezone }: { company: string; runId: string; row: BoletoResultView; timezone: string }) {
  const evidence = useQuery(row.has_screenshot ? JSON.stringify([company, runId, row.cpf, row.grupo, row.cota]) : 'none', () =>
    row.has_screenshot ? call('robot.evidence', { company, runId, cpf: row.cpf, grupo: row.grupo, cota: row.cota }) : Promise.resolve({ screenshot: null }),
  );
  useReadiness(evidence.loading);
  return (
    <div className="robot-details">
      <div className="robot-details-text">
        <p>{WHY[row.status]}</p>
        {row.message ? (
          <p className={row.status === 'error' ? 'error-text' : undefined} data-testid="robot-row-message">
            {row.message}
          </p>
        ) : null}
        {row.consultant ? <p className="small">Consultor: {row.consultant}{row.month ? ` · boleto de ${capitalize(row.month)}` : ''}</p> : null}
        <p className="muted small">
          {row.attempts === 1 ? '1 tentativa' : `${formatInteger(row.attempts)} tentativas`} · terminou em{' '}
          {new Intl.DateTimeFormat('pt-BR', { timeZone: timezone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' })
            .format(new Date(row.ended_at))
            .replace(',', '')}
        </p>
      </div>
      {row.has_screenshot ? (
        evidence.error ? (
          <Alert>{evidence.error}</Alert>
        ) : evidence.data ? (
          evidence.data.screenshot ? (
            <figure className="robot-evidence" data-testid="robot-evidence">
              <img src={evidence.data.screenshot} alt={`Tela do portal quando o erro aconteceu (${row.client_name})`} />
              <figcaption className="muted small">Tela do portal no momento do erro</figcaption>
            </figure>
          ) : (
            <p className="muted small" data-testid="robot-evidence-missing">
              A captura de tela deste erro não está mais disponível.
            </p>
          )
        ) : (
          <p className="muted small">Carregando a captura de tela…</p>
        )
      ) : null}
    </div>
  );
}
