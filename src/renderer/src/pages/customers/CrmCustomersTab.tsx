import { useEffect, useState } from 'react';
import { formatDay, formatDocument, formatInteger, formatMoney } from '../../../../shared/format';
import { useReadiness } from '../../app/readiness';
import { navigate, paths } from '../../app/routing';
import { useCompany } from '../../app/session';
import { useDebounced } from '../../app/useDebounced';
import { useQuery } from '../../app/useQuery';
import { Alert } from '../../components/Alert';
import { ChevronLeftIcon, ChevronRightIcon, SearchIcon } from '../../components/icons';
import { call, useEvent } from '../../ipc';

type Sort = 'revenue' | 'name' | 'last_purchase' | 'won_deals';
const SORTS: Array<{ value: Sort; label: string }> = [
  { value: 'revenue', label: 'Receita' },
  { value: 'name', label: 'Nome' },
  { value: 'last_purchase', label: 'Última compra' },
  { value: 'won_deals', label: 'Negócios ganhos' },
];
const PAGE_SIZE = 50;

interface ListState {
  company: string;
  search: string;
  sort: Sort;
  offset: number;
}

// Coming back from a customer's page restores the list as it was.
let remembered: ListState | null = null;

/** The CRM (Ploomes) tab of Clientes: what each customer bought. */
export function CrmCustomersTab() {
  const company = useCompany();
  const initial = remembered?.company === company.slug ? remembered : { company: company.slug, search: '', sort: 'revenue' as Sort, offset: 0 };
  const [search, setSearch] = useState(initial.search);
  const [sort, setSort] = useState<Sort>(initial.sort);
  const [offset, setOffset] = useState(initial.offset);
  const debouncedSearch = useDebounced(search.trim(), 250);
  useEffect(() => {
    remembered = { company: company.slug, search, sort, offset };
  }, [company.slug, search, sort, offset]);

  const query = useQuery(JSON.stringify([company.slug, debouncedSearch, sort, offset]), () =>
    call('crm.customers', { company: company.slug, ...(debouncedSearch ? { search: debouncedSearch } : {}), sort, limit: PAGE_SIZE, offset }),
  );
  useEvent('data.changed', (change) => {
    if (change.company === company.slug) query.reload();
  });
  const typing = search.trim() !== debouncedSearch;
  useReadiness(query.loading || typing);

  const page = query.data;
  const first = page && page.total ? offset + 1 : 0;
  const last = page ? Math.min(offset + page.rows.length, page.total) : 0;

  return (
    <>
      <div className="toolbar">
        <div className="search-field">
          <SearchIcon size={16} />
          <label htmlFor="customers-search" className="visually-hidden">
            Buscar por nome, CNPJ ou CPF
          </label>
          <input
            id="customers-search"
            type="search"
            className="input"
            data-testid="customers-search"
            placeholder="Buscar por nome, CNPJ ou CPF"
            value={search}
            autoComplete="off"
            onChange={(e) => {
              setSearch(e.target.value);
              setOffset(0);
            }}
          />
        </div>
        <div className="toolbar-group">
          <label htmlFor="customers-sort" className="field-inline-label">
            Ordenar por
          </label>
          <select
            id="customers-sort"
            className="select"
            data-testid="customers-sort"
            value={sort}
            onChange={(e) => {
              setSort(e.target.value as Sort);
              setOffset(0);
            }}
          >
            {SORTS.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
      </div>

      {query.error ? <Alert>{query.error}</Alert> : null}

      <section className={`card card-flush${query.loading && page ? ' is-stale' : ''}`} aria-busy={query.loading}>
        {page ? (
          page.rows.length ? (
            <div className="table-scroll">
              <table className="table" data-testid="customers-table" data-total={page.total}>
                <caption className="visually-hidden">Clientes; Enter abre o cliente</caption>
                <thead>
                  <tr>
                    <th scope="col">Nome</th>
                    <th scope="col">CNPJ/CPF</th>
                    <th scope="col" className="num">
                      Negócios
                    </th>
                    <th scope="col" className="num">
                      Ganhos
                    </th>
                    <th scope="col" className="num">
                      Receita
                    </th>
                    <th scope="col" className="num">
                      Ticket médio
                    </th>
                    <th scope="col">Primeira compra</th>
                    <th scope="col">Última compra</th>
                  </tr>
                </thead>
                <tbody>
                  {page.rows.map((c) => (
                    <tr
                      key={c.customer_id}
                      className="row-link"
                      tabIndex={0}
                      data-testid="customer-row"
                      data-customer-id={c.customer_id}
                      onClick={() => navigate(paths.customer(c.customer_id))}
                      onKeyDown={(e) => {
                        if (e.key === 'Enter' || e.key === ' ') {
                          e.preventDefault();
                          navigate(paths.customer(c.customer_id));
                        }
                      }}
                    >
                      <td className="cell-name" title={c.name}>
                        {c.name}
                      </td>
                      <td className="nowrap">{c.document ? formatDocument(c.document) : <span className="muted">—</span>}</td>
                      <td className="num">{formatInteger(c.total_deals)}</td>
                      <td className="num">{formatInteger(c.won_deals)}</td>
                      <td className="num">{formatMoney(c.revenue)}</td>
                      <td className="num">{formatMoney(c.avg_deal_value)}</td>
                      <td className="nowrap">{formatDay(c.first_purchase)}</td>
                      <td className="nowrap">{formatDay(c.last_purchase)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="table-empty muted" data-testid="customers-empty">
              {debouncedSearch ? `Nenhum cliente encontrado para "${debouncedSearch}".` : 'Nenhum cliente no espelho local ainda. Sincronize o Ploomes para ver seus clientes.'}
            </p>
          )
        ) : !query.error ? (
          <p className="table-empty muted">Carregando clientes…</p>
        ) : null}

        {page && page.total > 0 ? (
          <nav className="pagination" aria-label="Paginação">
            <span aria-live="polite" data-testid="customers-range">
              {formatInteger(first)}–{formatInteger(last)} de {formatInteger(page.total)}
            </span>
            <div className="button-row">
              <button type="button" className="button button-small" data-testid="customers-prev" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>
                <ChevronLeftIcon size={16} />
                Anterior
              </button>
              <button type="button" className="button button-small" data-testid="customers-next" disabled={last >= page.total} onClick={() => setOffset(offset + PAGE_SIZE)}>
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
