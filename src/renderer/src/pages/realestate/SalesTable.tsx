import { useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { formatDay, formatInteger, formatMoney, formatMonth } from '../../../../shared/format';
import type { RealEstateKpis, SaleRow, SalesFilter } from '../../../../shared/realestate';
import { downloadBase64 } from '../../app/download';
import { describeError } from '../../app/errors';
import { useReadiness } from '../../app/readiness';
import { useDebounced } from '../../app/useDebounced';
import { Alert } from '../../components/Alert';
import { DownloadIcon, SearchIcon, XIcon } from '../../components/icons';
import { call } from '../../ipc';
import { useSalesRows, type SalesSortKey, type SortDirection } from './useSalesRows';

export interface Named {
  id: number;
  name: string;
}

/** What the table is narrowed to, by a click on a chart or by the filters above it. */
export interface SalesDrill {
  month?: string;
  development?: Named;
  broker?: Named;
  team?: Named;
}

interface Column {
  key: keyof SaleRow;
  label: string;
  width: number;
  num?: boolean;
  sort?: SalesSortKey;
  /** Which of the page's sums goes under this column in the totals row. */
  sum?: 'value' | 'commission' | 'pro_soluto';
  format(row: SaleRow): string;
}

const text = (value: string | null) => value ?? '—';
const COLUMNS: Column[] = [
  { key: 'reservation_id', label: 'Reserva', width: 84, num: true, format: (r) => String(r.reservation_id) },
  { key: 'sale_date', label: 'Data da venda', width: 120, sort: 'sale_date', format: (r) => formatDay(r.sale_date) },
  { key: 'development', label: 'Empreendimento', width: 210, sort: 'development', format: (r) => text(r.development) },
  { key: 'unit', label: 'Unidade', width: 110, format: (r) => text(r.unit) },
  { key: 'value', label: 'Valor do contrato', width: 176, num: true, sort: 'value', sum: 'value', format: (r) => formatMoney(r.value) },
  { key: 'broker', label: 'Corretor', width: 180, sort: 'broker', format: (r) => text(r.broker) },
  { key: 'team', label: 'Imobiliária / equipe', width: 180, sort: 'team', format: (r) => text(r.team) },
  { key: 'client', label: 'Cliente', width: 200, sort: 'client', format: (r) => text(r.client) },
  { key: 'table_value', label: 'Valor de tabela', width: 150, num: true, format: (r) => formatMoney(r.table_value) },
  { key: 'financing', label: 'Financiamento', width: 150, num: true, format: (r) => formatMoney(r.financing) },
  { key: 'fgts', label: 'FGTS', width: 130, num: true, format: (r) => formatMoney(r.fgts) },
  { key: 'subsidy', label: 'Subsídio', width: 130, num: true, format: (r) => formatMoney(r.subsidy) },
  { key: 'down_payment', label: 'Entrada', width: 140, num: true, format: (r) => formatMoney(r.down_payment) },
  { key: 'pro_soluto', label: 'Pro-soluto', width: 168, num: true, sort: 'pro_soluto', sum: 'pro_soluto', format: (r) => formatMoney(r.pro_soluto) },
  { key: 'commission', label: 'Comissão', width: 160, num: true, sort: 'commission', sum: 'commission', format: (r) => formatMoney(r.commission) },
  { key: 'cancelled_on', label: 'Distrato', width: 110, format: (r) => (r.cancelled_on ? formatDay(r.cancelled_on) : '') },
];
const TABLE_WIDTH = COLUMNS.reduce((sum, c) => sum + c.width, 0);
const GRID_COLUMNS = COLUMNS.map((c) => `${c.width}px`).join(' ');
/** Fixed row height: the scroll offset alone tells which rows are visible. Matches .sales-row in CSS. */
const ROW_HEIGHT = 36;
const OVERSCAN = 12;
/** Text columns start ascending, numbers and dates descending (largest, newest first). */
const FIRST_DIRECTION: Record<SalesSortKey, SortDirection> = {
  sale_date: 'desc',
  value: 'desc',
  pro_soluto: 'desc',
  commission: 'desc',
  development: 'asc',
  broker: 'asc',
  team: 'asc',
  client: 'asc',
};

function byName(a: Named, b: Named): number {
  return a.name.localeCompare(b.name, 'pt-BR');
}

function named<T>(rows: T[], id: (row: T) => number | null, name: (row: T) => string): Named[] {
  return rows.flatMap((r) => {
    const value = id(r);
    return value === null ? [] : [{ id: value, name: name(r) }];
  }).sort(byName);
}

export function SalesTable({
  company,
  range,
  kpis,
  drill,
  onDrillChange,
  version,
}: {
  company: string;
  range: { from?: string; to?: string };
  kpis: RealEstateKpis;
  drill: SalesDrill;
  onDrillChange(drill: SalesDrill): void;
  /** Bumps when the mirror changed: the rows are fetched again. */
  version: number;
}) {
  const [search, setSearch] = useState('');
  const debouncedSearch = useDebounced(search.trim(), 250);
  const [sort, setSort] = useState<{ key: SalesSortKey; direction: SortDirection }>({ key: 'sale_date', direction: 'desc' });
  const [exporting, setExporting] = useState(false);
  const [exported, setExported] = useState<{ ok: boolean; message: string } | null>(null);

  const filter: SalesFilter = {
    ...range,
    ...(drill.month ? { month: drill.month } : {}),
    ...(drill.development ? { developmentId: drill.development.id } : {}),
    ...(drill.broker ? { brokerId: drill.broker.id } : {}),
    ...(drill.team ? { teamId: drill.team.id } : {}),
    ...(debouncedSearch ? { search: debouncedSearch } : {}),
  };
  const rows = useSalesRows({ company, filter, sort: sort.key, direction: sort.direction }, version);
  useReadiness(rows.loading || search.trim() !== debouncedSearch);

  const developments = named(kpis.by_development, (d) => d.development_id, (d) => d.development);
  const brokers = named(kpis.by_broker, (b) => b.broker_id, (b) => b.broker);
  const teams = named(kpis.by_team, (t) => t.team_id, (t) => t.team);

  const filterKey = JSON.stringify([filter, sort]);
  const chips: Array<{ kind: keyof SalesDrill | 'search'; label: string; value: string; remove(): void }> = [
    ...(drill.month ? [{ kind: 'month' as const, label: `Mês: ${formatMonth(drill.month)}`, value: drill.month, remove: () => onDrillChange({ ...drill, month: undefined }) }] : []),
    ...(drill.development ? [{ kind: 'development' as const, label: `Empreendimento: ${drill.development.name}`, value: String(drill.development.id), remove: () => onDrillChange({ ...drill, development: undefined }) }] : []),
    ...(drill.broker ? [{ kind: 'broker' as const, label: `Corretor: ${drill.broker.name}`, value: String(drill.broker.id), remove: () => onDrillChange({ ...drill, broker: undefined }) }] : []),
    ...(drill.team ? [{ kind: 'team' as const, label: `Imobiliária: ${drill.team.name}`, value: String(drill.team.id), remove: () => onDrillChange({ ...drill, team: undefined }) }] : []),
    ...(debouncedSearch ? [{ kind: 'search' as const, label: `Busca: "${debouncedSearch}"`, value: debouncedSearch, remove: () => setSearch('') }] : []),
  ];

  async function exportExcel() {
    setExporting(true);
    setExported(null);
    try {
      const file = await call('realestate.export', { company, filter, sort: sort.key, direction: sort.direction });
      downloadBase64(file.fileName, file.content);
      setExported({ ok: true, message: `Planilha "${file.fileName}" gerada com ${formatInteger(file.rows)} ${file.rows === 1 ? 'venda' : 'vendas'}.` });
    } catch (err) {
      setExported({ ok: false, message: describeError(err) });
    } finally {
      setExporting(false);
    }
  }

  return (
    <section className="card card-flush sales-card" aria-labelledby="sales-title" data-testid="sales-section">
      <div className="sales-card-head">
        <div>
          <h2 id="sales-title" className="card-title">
            Vendas
          </h2>
          <p className="muted small" aria-live="polite" data-testid="sales-count">
            {rows.total === null ? 'Carregando vendas…' : `${formatInteger(rows.total)} ${rows.total === 1 ? 'venda' : 'vendas'} no período${chips.length ? ' com os filtros abaixo' : ''}`}
          </p>
        </div>
        <button type="button" className="button" data-testid="sales-export" disabled={exporting || !rows.total} onClick={() => void exportExcel()}>
          <DownloadIcon size={16} />
          {exporting ? 'Gerando planilha…' : 'Exportar Excel'}
        </button>
      </div>

      <div className="sales-filters">
        <div className="search-field">
          <SearchIcon size={16} />
          <label htmlFor="sales-search" className="visually-hidden">
            Buscar por cliente, unidade ou corretor
          </label>
          <input
            id="sales-search"
            type="search"
            className="input"
            data-testid="sales-search"
            placeholder="Buscar cliente, unidade ou corretor"
            value={search}
            autoComplete="off"
            maxLength={200}
            onChange={(e) => setSearch(e.target.value)}
          />
        </div>
        <NamedSelect id="sales-development" label="Empreendimento" all="Todos" options={developments} value={drill.development} onChange={(development) => onDrillChange({ ...drill, development })} />
        <NamedSelect id="sales-broker" label="Corretor" all="Todos" options={brokers} value={drill.broker} onChange={(broker) => onDrillChange({ ...drill, broker })} />
        <NamedSelect id="sales-team" label="Imobiliária" all="Todas" options={teams} value={drill.team} onChange={(team) => onDrillChange({ ...drill, team })} />
      </div>

      {chips.length ? (
        <ul className="filter-chips" aria-label="Filtros ativos" data-testid="filter-chips">
          {chips.map((chip) => (
            <li key={chip.kind} className="filter-chip" data-testid="filter-chip" data-kind={chip.kind} data-value={chip.value}>
              <span>{chip.label}</span>
              <button type="button" className="filter-chip-remove" data-testid="filter-chip-remove" aria-label={`Remover filtro ${chip.label}`} onClick={chip.remove}>
                <XIcon size={14} />
              </button>
            </li>
          ))}
          {chips.length > 1 ? (
            <li>
              <button
                type="button"
                className="link-button"
                data-testid="filter-clear"
                onClick={() => {
                  setSearch('');
                  onDrillChange({});
                }}
              >
                Limpar filtros
              </button>
            </li>
          ) : null}
        </ul>
      ) : null}

      <div aria-live="polite" className="sales-messages">
        {rows.error ? <Alert>{rows.error}</Alert> : null}
        {exported ? (
          <Alert tone={exported.ok ? 'success' : 'error'} testId="sales-export-result">
            {exported.message}
          </Alert>
        ) : null}
      </div>

      <VirtualSales rows={rows} resetKey={filterKey} sort={sort} onSort={(key) => setSort((s) => (s.key === key ? { key, direction: s.direction === 'asc' ? 'desc' : 'asc' } : { key, direction: FIRST_DIRECTION[key] }))} />
    </section>
  );
}

function NamedSelect({ id, label, all, options, value, onChange }: { id: string; label: string; all: string; options: Named[]; value: Named | undefined; onChange(value: Named | undefined): void }) {
  // A drill-down target outside the period's list still shows as the selected option.
  const list = value && !options.some((o) => o.id === value.id) ? [value, ...options] : options;
  return (
    <div className="toolbar-group">
      <label htmlFor={id} className="field-inline-label">
        {label}
      </label>
      <select
        id={id}
        className="select sales-select"
        data-testid={id}
        value={value ? String(value.id) : ''}
        onChange={(e) => onChange(e.target.value === '' ? undefined : list.find((o) => String(o.id) === e.target.value))}
      >
        <option value="">{all}</option>
        {list.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * Only the rows in view (plus a margin) are in the DOM, each at its fixed offset; pages of 200 are
 * fetched as the view reaches them. Header and totals stay pinned while the body scrolls.
 */
function VirtualSales({
  rows,
  resetKey,
  sort,
  onSort,
}: {
  rows: ReturnType<typeof useSalesRows>;
  resetKey: string;
  sort: { key: SalesSortKey; direction: SortDirection };
  onSort(key: SalesSortKey): void;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 480 });
  const total = rows.total ?? 0;
  const { request } = rows;

  const measure = useCallback(() => {
    const element = scroller.current;
    if (element) setView((v) => (v.top === element.scrollTop && v.height === element.clientHeight ? v : { top: element.scrollTop, height: element.clientHeight }));
  }, []);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [measure]);

  // Another filter or order starts at the top.
  useLayoutEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0;
    measure();
  }, [resetKey, measure]);

  const first = Math.max(0, Math.floor(view.top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(total, Math.ceil((view.top + view.height) / ROW_HEIGHT) + OVERSCAN);

  // Pages are asked for once the scrolling pauses briefly, so dragging the scrollbar across 200k rows
  // does not queue a request for every page it passes.
  useEffect(() => {
    const timer = window.setTimeout(() => request(first, last), 60);
    return () => window.clearTimeout(timer);
  }, [first, last, request]);

  const visible: ReactNode[] = [];
  for (let index = first; index < last; index++) {
    const row = rows.row(index);
    visible.push(
      row ? (
        <div key={index} role="row" aria-rowindex={index + 2} className="sales-row" style={{ top: index * ROW_HEIGHT }} data-testid="sale-row" data-reservation-id={row.reservation_id} data-value={row.value ?? ''}>
          {COLUMNS.map((c) => {
            const value = c.format(row);
            return (
              <div key={c.key} role="cell" className={`sales-cell${c.num ? ' num' : ''}${c.key === 'cancelled_on' && row.cancelled_on ? ' text-danger' : ''}`} title={value.length > 18 ? value : undefined}>
                {value}
              </div>
            );
          })}
        </div>
      ) : (
        <div key={index} role="row" aria-rowindex={index + 2} className="sales-row sales-row-pending" style={{ top: index * ROW_HEIGHT }} aria-busy="true">
          <div role="cell" className="sales-cell">
            <span className="skeleton sales-skeleton" />
          </div>
        </div>
      ),
    );
  }

  const empty = rows.total === 0;
  return (
    <div
      ref={scroller}
      className={`sales-scroll${rows.loading && rows.total !== null ? ' is-stale' : ''}`}
      tabIndex={0}
      role="region"
      aria-label="Tabela de vendas: use as setas para rolar"
      onScroll={measure}
      data-testid="sales-scroll"
    >
      <div role="table" className="sales-grid" style={{ width: TABLE_WIDTH, ['--sales-columns' as string]: GRID_COLUMNS }} aria-rowcount={total + 2} aria-label="Vendas" data-testid="sales-table" data-total={rows.total ?? ''} data-loading={String(rows.loading)}>
        <div role="rowgroup" className="sales-head">
          <div role="row" aria-rowindex={1} className="sales-row-static">
            {COLUMNS.map((c) => (
              <div
                key={c.key}
                role="columnheader"
                className={`sales-cell${c.num ? ' num' : ''}`}
                aria-sort={c.sort && sort.key === c.sort ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}
              >
                {c.sort ? (
                  <button type="button" className="sort-button" data-testid={`sales-sort-${c.sort}`} onClick={() => onSort(c.sort as SalesSortKey)} title={`Ordenar por ${c.label.toLowerCase()}`}>
                    {c.label}
                    <span className="sort-mark" aria-hidden="true">
                      {sort.key === c.sort ? (sort.direction === 'asc' ? '▲' : '▼') : '↕'}
                    </span>
                  </button>
                ) : (
                  c.label
                )}
              </div>
            ))}
          </div>
        </div>
        <div role="rowgroup" className="sales-body" style={{ height: Math.max(total, empty ? 0 : 1) * ROW_HEIGHT }}>
          {visible}
        </div>
        {empty ? (
          <p className="table-empty muted sales-empty" data-testid="sales-empty">
            Nenhuma venda no período com esses filtros.
          </p>
        ) : null}
        <div role="rowgroup" className="sales-foot">
          <div role="row" aria-rowindex={total + 2} className="sales-row-static sales-totals" data-testid="sales-totals">
            {COLUMNS.map((c, i) => (
              <div key={c.key} role="cell" className={`sales-cell${c.num ? ' num' : ''}`} data-testid={c.sum ? `sales-total-${c.sum}` : undefined} data-value={c.sum && rows.sums ? rows.sums[c.sum] : undefined}>
                {i === 0 ? 'Total' : i === 1 && rows.total !== null ? `${formatInteger(rows.total)} ${rows.total === 1 ? 'venda' : 'vendas'}` : c.sum && rows.sums ? formatMoney(rows.sums[c.sum]) : ''}
              </div>
            ))}
          </div>
        </div>
      </div>
    </div>
  );
}
