import { useState } from 'react';
import { formatCpf, formatInteger, formatPhone } from '../../../../../shared/format';
import { formatPointOfSale } from '../../../app/boletos';
import { useImportSession } from '../../../app/importSession';
import { useReadiness } from '../../../app/readiness';
import { useCompany } from '../../../app/session';
import { useDebounced } from '../../../app/useDebounced';
import { useQuery } from '../../../app/useQuery';
import { Alert } from '../../../components/Alert';
import { EmptyState } from '../../../components/EmptyState';
import { ChevronLeftIcon, ChevronRightIcon, SearchIcon, SheetIcon, UploadIcon } from '../../../components/icons';
import { call, useEvent } from '../../../ipc';

const PAGE_SIZE = 50;

/** The imported consortium clients (one row per cota), searchable and filtered by point of sale. */
export function ConsortiumClients({ onPickFile }: { onPickFile(): void }) {
  const company = useCompany();
  const session = useImportSession();
  const [search, setSearch] = useState('');
  const [pointOfSale, setPointOfSale] = useState('');
  const [offset, setOffset] = useState(0);
  const debouncedSearch = useDebounced(search.trim(), 250);

  const query = useQuery(JSON.stringify([company.slug, debouncedSearch, pointOfSale, offset]), () =>
    call('clients.list', {
      company: company.slug,
      ...(debouncedSearch ? { search: debouncedSearch } : {}),
      ...(pointOfSale ? { pointOfSale } : {}),
      limit: PAGE_SIZE,
      offset,
    }),
  );
  const points = useQuery(company.slug, () => call('pdv.list', { company: company.slug }));
  useEvent('data.changed', (change) => {
    if (change.company !== company.slug) return;
    query.reload();
    points.reload();
  });
  const typing = search.trim() !== debouncedSearch;
  useReadiness(query.loading || typing);

  const page = query.data;
  const filtered = Boolean(debouncedSearch || pointOfSale);
  const first = page && page.total ? offset + 1 : 0;
  const last = page ? Math.min(offset + page.rows.length, page.total) : 0;

  if (page && page.total === 0 && !filtered && !query.loading) {
    if (session.state.step !== 'idle') return null;
    return (
      <EmptyState
        testId="consortium-empty"
        icon={<SheetIcon size={28} />}
        title="Arraste a planilha dos consultores para esta tela"
        action={
          <button type="button" className="button button-primary" onClick={onPickFile}>
            <UploadIcon size={16} />
            Escolher planilha
          </button>
        }
      >
        <p>
          Um arquivo .xlsx ou .csv com uma linha por cota: CPF, nome do cliente, consultor, ponto de venda, grupo e cota. Você confere a prévia e corrige as colunas antes de
          gravar; depois, os boletos de cada ponto de venda são baixados em Boletos.
        </p>
      </EmptyState>
    );
  }

  return (
    <>
      <div className="toolbar">
        <div className="search-field">
          <SearchIcon size={16} />
          <label htmlFor="consortium-search" className="visually-hidden">
            Buscar por nome ou CPF
          </label>
          <input
            id="consortium-search"
            type="search"
            className="input"
            data-testid="consortium-search"
            placeholder="Buscar por nome ou CPF"
            value={search}
            autoComplete="off"
            onChange={(e) => {
              setSearch(e.target.value);
              setOffset(0);
            }}
          />
        </div>
        <div className="toolbar-group">
          <label htmlFor="consortium-pdv" className="field-inline-label">
            Ponto de venda
          </label>
          <select
            id="consortium-pdv"
            className="select"
            data-testid="consortium-pdv"
            value={pointOfSale}
            onChange={(e) => {
              setPointOfSale(e.target.value);
              setOffset(0);
            }}
          >
            <option value="">Todos</option>
            {(points.data ?? []).map((p) => (
              <option key={p.code} value={p.code}>
                {formatPointOfSale(p.code)}
                {p.label ? ` · ${p.label}` : ''}
              </option>
            ))}
          </select>
        </div>
      </div>

      {query.error ? <Alert>{query.error}</Alert> : null}

      <section className={`card card-flush${query.loading && page ? ' is-stale' : ''}`} aria-busy={query.loading} aria-label="Clientes de consórcio">
        {page ? (
          page.rows.length ? (
            <div className="table-scroll">
              <table className="table fixed-table" data-testid="consortium-table" data-total={page.total}>
                <caption className="visually-hidden">Clientes de consórcio importados, uma linha por cota</caption>
                <colgroup>
                  <col className="col-name" />
                  <col className="col-cpf" />
                  <col className="col-consultant" />
                  <col className="col-pv" />
                  <col className="col-cota" />
                  <col className="col-situacao" />
                  <col />
                </colgroup>
                <thead>
                  <tr>
                    <th scope="col">Nome</th>
                    <th scope="col">CPF</th>
                    <th scope="col">Consultor</th>
                    <th scope="col">PV</th>
                    <th scope="col">Grupo / cota</th>
                    <th scope="col">Situação</th>
                    <th scope="col">Contato</th>
                  </tr>
                </thead>
                <tbody>
                  {page.rows.map((c) => (
                    <tr key={c.id} data-testid="consortium-row" data-cpf={c.cpf} data-pdv={c.point_of_sale}>
                      <td className="cell-ellipsis cell-strong" title={c.name}>
                        {c.name}
                      </td>
                      <td className="nowrap">{formatCpf(c.cpf)}</td>
                      <td className="cell-ellipsis" title={c.consultant}>
                        {c.consultant || <span className="muted">—</span>}
                      </td>
                      <td className="nowrap">{formatPointOfSale(c.point_of_sale)}</td>
                      <td className="nowrap">{c.grupo || c.cota ? `${c.grupo || '—'} / ${c.cota || '—'}` : <span className="muted">—</span>}</td>
                      <td className="cell-ellipsis" title={c.situacao ?? undefined}>
                        {c.situacao ?? <span className="muted">—</span>}
                      </td>
                      <td className="cell-ellipsis">
                        {c.phone || c.email ? (
                          <>
                            {c.phone ? <span className="cell-line">{formatPhone(c.phone)}</span> : null}
                            {c.email ? (
                              <span className="cell-line cell-sub" title={c.email}>
                                {c.email}
                              </span>
                            ) : null}
                          </>
                        ) : (
                          <span className="muted">—</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="table-empty muted" data-testid="consortium-none">
              {debouncedSearch ? `Nenhum cliente encontrado para "${debouncedSearch}"` : 'Nenhum cliente'}
              {pointOfSale ? ` no ponto de venda ${formatPointOfSale(pointOfSale)}` : ''}.
            </p>
          )
        ) : !query.error ? (
          <p className="table-empty muted">Carregando clientes…</p>
        ) : null}

        {page && page.total > 0 ? (
          <nav className="pagination" aria-label="Paginação">
            <span aria-live="polite" data-testid="consortium-range">
              {formatInteger(first)}–{formatInteger(last)} de {formatInteger(page.total)}
            </span>
            <div className="button-row">
              <button type="button" className="button button-small" data-testid="consortium-prev" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>
                <ChevronLeftIcon size={16} />
                Anterior
              </button>
              <button type="button" className="button button-small" data-testid="consortium-next" disabled={last >= page.total} onClick={() => setOffset(offset + PAGE_SIZE)}>
                Próxima
                <ChevronRightIcon size={16} />
              </button>
            </div>
          </nav>
        ) : null}
      </section>
    </>
  );
}
