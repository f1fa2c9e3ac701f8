import { useState } from 'react';
import { formatDateTime, formatDuration, formatInteger } from '../../../../shared/format';
import { useReadiness } from '../../app/readiness';
import { useDebounced } from '../../app/useDebounced';
import { useQuery } from '../../app/useQuery';
import { Alert } from '../../components/Alert';
import { SearchIcon } from '../../components/icons';
import { call } from '../../ipc';
import { ExportButtons } from './ExportButtons';
import { Pager } from './Pager';
import { listQuery, type SupportFilter } from './supportView';

const PAGE = 25;
export const STATUS_LABELS = ['Aberta', 'Resolvida', 'Pendente', 'Adiada'];
const STATUS_TONE: Record<string, string> = { Aberta: 'chip-info', Resolvida: 'chip-success', Pendente: 'chip-warning', Adiada: 'chip-neutral' };

/** The period's conversations, newest first, searchable; a row opens its transcript. */
export function ConversationsTab({ filter, timezone, onOpenConversation }: { filter: SupportFilter; timezone: string; onOpenConversation(id: number): void }) {
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<number | null>(null);
  const debounced = useDebounced(search.trim(), 250);
  // Another period, scope, search or status starts at the first page.
  const pageKey = JSON.stringify([listQuery(filter), debounced, status]);
  const [paging, setPaging] = useState({ key: pageKey, offset: 0 });
  const offset = paging.key === pageKey ? paging.offset : 0;
  const query = { ...listQuery(filter), ...(debounced ? { search: debounced } : {}), ...(status !== null ? { status } : {}), limit: PAGE, offset };
  const list = useQuery(JSON.stringify([query, filter.version]), () => call('support.conversations', query));
  useReadiness(list.loading || search.trim() !== debounced);
  const open = (id: number) => onOpenConversation(id);

  return (
    <section className="card card-flush" aria-labelledby="support-conversations-title" data-testid="support-conversations">
      <div className="chart-card-head support-table-head">
        <div>
          <h2 id="support-conversations-title" className="card-title">
            Conversas
          </h2>
          <p className="muted small" aria-live="polite" data-testid="conversations-count" data-total={list.data?.total ?? ''}>
            {list.data ? `${formatInteger(list.data.total)} ${list.data.total === 1 ? 'conversa' : 'conversas'} criadas no período` : 'Carregando conversas…'}
          </p>
        </div>
        <ExportButtons filter={filter} table="conversations" label="as conversas" />
      </div>
      <div className="sales-filters">
        <div className="search-field">
          <SearchIcon size={16} />
          <label htmlFor="support-search" className="visually-hidden">
            Buscar por contato, #número ou etiqueta
          </label>
          <input
            id="support-search"
            type="search"
            className="input"
            data-testid="conversations-search"
            placeholder="Contato, #número ou etiqueta"
            value={search}
            autoComplete="off"
            maxLength={200}
            onChange={(e) => setSearch(e.target.value)}
          />
        </div>
        <div className="toolbar-group">
          <label htmlFor="support-status" className="field-inline-label">
            Status
          </label>
          <select id="support-status" className="select select-small" data-testid="conversations-status" value={status ?? ''} onChange={(e) => setStatus(e.target.value === '' ? null : Number(e.target.value))}>
            <option value="">Todos</option>
            {STATUS_LABELS.map((label, i) => (
              <option key={label} value={i}>
                {label}
              </option>
            ))}
          </select>
        </div>
      </div>
      {list.error ? <Alert>{list.error}</Alert> : null}
      <div className="table-scroll">
        <table className="table table-compact" aria-busy={list.loading}>
          <caption className="visually-hidden">Conversas; Enter abre a conversa</caption>
          <thead>
            <tr>
              <th scope="col" className="num">#</th>
              <th scope="col">Contato</th>
              <th scope="col">Status</th>
              <th scope="col">Canal</th>
              <th scope="col">Agente</th>
              <th scope="col">Etiquetas</th>
              <th scope="col" className="num">1ª resposta</th>
              <th scope="col" className="num">CSAT</th>
              <th scope="col">Criada em</th>
            </tr>
          </thead>
          <tbody>
            {(list.data?.rows ?? []).map((c) => (
              <tr
                key={c.id}
                className="row-link"
                tabIndex={0}
                data-testid="conversation-row"
                data-id={c.id}
                onClick={() => open(c.id)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    open(c.id);
                  }
                }}
              >
                <td className="num mono">{c.display_id}</td>
                <td className="cell-name">
                  {c.contact_name ?? '—'}
                  {c.preview ? <span className="cell-sub">{c.preview}</span> : null}
                </td>
                <td>
                  <span className={`chip ${STATUS_TONE[c.status_label] ?? 'chip-neutral'}`}>{c.status_label}</span>
                </td>
                <td>{c.channel}</td>
                <td>{c.assignee_name ?? <span className="muted">sem agente</span>}</td>
                <td className="support-labels">{c.labels || <span className="muted">—</span>}</td>
                <td className="num">{formatDuration(c.first_response_seconds)}</td>
                <td className="num">{c.csat_rating ?? '—'}</td>
                <td className="nowrap">{formatDateTime(c.created_at, timezone)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {list.data && !list.data.total ? <p className="table-empty muted" data-testid="conversations-empty">Nenhuma conversa {debounced || status !== null ? 'com esses filtros ' : ''}no período.</p> : null}
      </div>
      <Pager offset={offset} limit={PAGE} total={list.data?.total ?? 0} onChange={(next) => setPaging({ key: pageKey, offset: next })} testId="conversations-pager" />
    </section>
  );
}
