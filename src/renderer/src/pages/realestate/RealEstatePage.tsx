import { useMemo, useRef, useState, type ReactNode } from 'react';
import { formatDay, formatDecimal, formatInteger, formatMoney, formatMonth, formatPercent } from '../../../../shared/format';
import type { RealEstateKpis } from '../../../../shared/realestate';
import { useReadiness } from '../../app/readiness';
import { useSourceSync } from '../../app/useSourceSync';
import { navigate, paths } from '../../app/routing';
import { useCompany, useSession } from '../../app/session';
import { useQuery } from '../../app/useQuery';
import { Chart } from '../../charts/Chart';
import { Alert } from '../../components/Alert';
import { SyncButton, SyncOutcome } from '../../components/SourceSyncControls';
import { DayInput } from '../../components/DayInput';
import { EmptyState } from '../../components/EmptyState';
import { BuildingIcon, DatabaseIcon } from '../../components/icons';
import { KpiCard, type Delta } from '../../components/KpiCard';
import { PageSkeleton } from '../../components/Skeleton';
import { SyncProgress } from '../../components/SyncProgress';
import { call, useEvent } from '../../ipc';
import { DrillCard } from './DrillCard';
import { brokerOption, developmentOption, horizontalHeight, monthlyVgvOption, proSolutoOption, rowAtChartIndex, topBrokers, topDevelopments, vsoOption } from './realEstateCharts';
import { DEFAULT_SALES_PERIOD, SALES_PERIOD_LABELS, salesPeriodRange, type SalesPeriod, type SalesPeriodKind } from './realEstatePeriod';
import { SalesTable, type SalesDrill } from './SalesTable';
import './realestate.css';

// Coming back to the page keeps the period the user chose for this company.
let remembered: { company: string; period: SalesPeriod } | null = null;

function relativeChange(current: number, previous: number): Delta | null {
  if (previous === 0) return null;
  const change = (current - previous) / Math.abs(previous);
  if (Math.abs(change) < 0.0005) return { text: '0,0%', direction: 'flat' };
  return { text: `${formatDecimal(Math.abs(change) * 100)}%`, direction: change > 0 ? 'up' : 'down' };
}

export function RealEstatePage() {
  const company = useCompany();
  const { health } = useSession();
  const sync = useSourceSync(company.slug, 'cvdw', 'Sincronização CVDW');
  const [period, setPeriodState] = useState<SalesPeriod>(() => (remembered?.company === company.slug ? remembered.period : DEFAULT_SALES_PERIOD));
  const [drill, setDrill] = useState<SalesDrill>({});
  const [version, setVersion] = useState(0);
  const table = useRef<HTMLDivElement>(null);
  const range = salesPeriodRange(period, company.timezone);

  const setPeriod = (next: SalesPeriod) => {
    remembered = { company: company.slug, period: next };
    setPeriodState(next);
    // A month picked in another period may not exist in this one.
    setDrill((d) => ({ ...d, month: undefined }));
  };

  const query = useQuery(JSON.stringify([company.slug, range, version]), async () => {
    const [kpis, source] = await Promise.all([
      call('kpi.realestate', { company: company.slug, ...range }),
      // Without a reachable keychain (or before the source exists) the settings page tells the rest.
      call('sources.get', { company: company.slug, source: 'cvdw' }).catch(() => null),
    ]);
    return { kpis, configured: Boolean(source && (source.publicCredentials || source.secrets.some((s) => s.configured))) };
  });
  useEvent('data.changed', (change) => {
    if (change.company === company.slug && change.source === 'cvdw') setVersion((v) => v + 1);
  });
  useReadiness(query.loading);

  const data = query.data;
  const cvdw = health.find((h) => h.source === 'cvdw') ?? null;
  const hasData = Boolean(data && data.kpis.mirror.reservations > 0);

  const drillTo = (next: SalesDrill) => {
    setDrill(next);
    // Only <main> scrolls: scrollIntoView would also nudge the window and hide the top bar.
    const anchor = table.current;
    const main = anchor?.closest('main');
    if (anchor && main) main.scrollTo({
        top: main.scrollTop + anchor.getBoundingClientRect().top - main.getBoundingClientRect().top - 16,
        behavior: window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth',
      });
  };

  let body;
  if (!data) {
    body = query.error ? (
      <Alert action={<button type="button" className="button" onClick={query.reload}>Tentar de novo</button>} testId="realestate-error">
        {query.error}
      </Alert>
    ) : (
      <PageSkeleton label="Carregando vendas…" />
    );
  } else if (!hasData && !data.configured && !cvdw?.configured) {
    body = (
      <EmptyState
        testId="realestate-empty-connect"
        icon={<BuildingIcon size={28} />}
        title="Conecte o CVDW em Configurações e sincronize"
        action={
          <button type="button" className="button button-primary" data-testid="realestate-open-settings" onClick={() => navigate(paths.settings)}>
            Abrir configurações
          </button>
        }
      >
        <p>Informe o endereço do seu CV CRM, o e-mail e o token da API CVDW. Depois da primeira sincronização, as vendas ficam neste computador e o painel funciona sem internet.</p>
      </EmptyState>
    );
  } else if (!hasData) {
    body = (
      <EmptyState
        testId="realestate-empty-sync"
        icon={<DatabaseIcon size={28} />}
        title={sync.active ? 'Sincronizando as vendas do CVDW…' : 'Clique em Sincronizar agora'}
        action={sync.active ? <SyncProgress progress={sync.active} compact /> : <SyncButton sync={sync} label="Sincronizar CVDW" testIdPrefix="realestate" primary />}
      >
        <p>O espelho local ainda não tem vendas. A primeira sincronização copia unidades, reservas, vendas, comissões e distratos do CVDW para este computador.</p>
        <SyncOutcome sync={sync} testIdPrefix="realestate" />
      </EmptyState>
    );
  } else {
    body = (
      <Dashboard kpis={data.kpis} stale={query.loading} error={query.error} timezone={company.timezone} drill={drill} onDrill={drillTo}>
        <div ref={table} className="sales-anchor">
          <SalesTable company={company.slug} range={range} kpis={data.kpis} drill={drill} onDrillChange={setDrill} version={version} />
        </div>
      </Dashboard>
    );
  }

  return (
    <div className="page" data-testid="realestate">
      <header className="page-header">
        <div>
          <h1 tabIndex={-1}>Vendas imobiliárias</h1>
          <p className="page-subtitle">
            {company.name}
            {hasData && data ? <RangeSummary kpis={data.kpis} /> : null}
          </p>
        </div>
        {hasData ? (
          <div className="realestate-actions">
            <SalesPeriodSelect period={period} onChange={setPeriod} firstDay={data?.kpis.mirror.first_day ?? null} timezone={company.timezone} />
            {!sync.active ? <SyncButton sync={sync} label="Sincronizar CVDW" testIdPrefix="realestate" /> : null}
          </div>
        ) : null}
      </header>
      {hasData && sync.active ? (
        <div className="realestate-sync" data-testid="realestate-syncing">
          <SyncProgress progress={sync.active} compact />
        </div>
      ) : null}
      {hasData ? <SyncOutcome sync={sync} testIdPrefix="realestate" /> : null}
      {body}
    </div>
  );
}

function SalesPeriodSelect({ period, onChange, firstDay, timezone }: { period: SalesPeriod; onChange(period: SalesPeriod): void; firstDay: string | null; timezone: string }) {
  const kinds = Object.keys(SALES_PERIOD_LABELS) as SalesPeriodKind[];
  return (
    <div className="period-select">
      <div className="segmented" role="group" aria-label="Período">
        {kinds.map((kind) => (
          <button
            key={kind}
            type="button"
            className="segment"
            aria-pressed={period.kind === kind}
            data-testid={`period-${kind}`}
            onClick={() => {
              if (kind !== 'custom') return onChange({ ...period, kind });
              // The interval starts from the preset on screen, so switching to it changes nothing yet.
              const current = salesPeriodRange(period, timezone);
              onChange({ kind, from: period.from || current.from || firstDay || '', to: period.to || current.to || '' });
            }}
          >
            {SALES_PERIOD_LABELS[kind]}
          </button>
        ))}
      </div>
      {period.kind === 'custom' ? (
        <>
          <DayInput id="sales-period-from" label="De" testId="period-from" value={period.from} onChange={(from) => onChange({ ...period, from })} />
          <DayInput id="sales-period-to" label="Até" testId="period-to" value={period.to} onChange={(to) => onChange({ ...period, to })} />
        </>
      ) : null}
    </div>
  );
}

function RangeSummary({ kpis }: { kpis: RealEstateKpis }) {
  const from = kpis.from ?? kpis.mirror.first_day;
  const to = kpis.to ?? kpis.mirror.last_day;
  return from || to ? (
    <span data-testid="period-range">
      {' '}
      · {formatDay(from)} – {formatDay(to)}
    </span>
  ) : null;
}

/** The VSO of the last month of the period that has already begun. */
function lastVso(kpis: RealEstateKpis, timezone: string) {
  const thisMonth = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit' }).format(new Date()).slice(0, 7);
  const started = kpis.vso_by_month.filter((m) => m.month <= thisMonth);
  return started[started.length - 1] ?? null;
}

function Dashboard({
  kpis,
  stale,
  error,
  timezone,
  drill,
  onDrill,
  children,
}: {
  kpis: RealEstateKpis;
  stale: boolean;
  error: string | null;
  timezone: string;
  drill: SalesDrill;
  onDrill(drill: SalesDrill): void;
  children: ReactNode;
}) {
  const monthOption = useMemo(() => monthlyVgvOption(kpis), [kpis]);
  const developments = useMemo(() => topDevelopments(kpis), [kpis]);
  const brokers = useMemo(() => topBrokers(kpis), [kpis]);
  const developmentChart = useMemo(() => developmentOption(developments), [developments]);
  const brokerChart = useMemo(() => brokerOption(brokers), [brokers]);
  const vsoChart = useMemo(() => vsoOption(kpis), [kpis]);
  const proSolutoChart = useMemo(() => proSolutoOption(kpis), [kpis]);

  const previousCount = kpis.yoy.reduce((sum, m) => sum + m.previous_count, 0);
  const previousVgv = kpis.yoy.reduce((sum, m) => sum + m.previous, 0);
  const deltaTitle = 'Comparado com os mesmos meses do ano anterior';
  const vso = lastVso(kpis, timezone);
  const noSales = kpis.sales_count === 0 ? 'Nenhuma venda no período.' : null;

  const drillMonth = (month: string) => onDrill({ ...drill, month });
  const drillDevelopment = (row: RealEstateKpis['by_development'][number]) => {
    if (row.development_id !== null) onDrill({ ...drill, development: { id: row.development_id, name: row.development } });
  };
  const drillBroker = (row: RealEstateKpis['by_broker'][number]) => {
    if (row.broker_id !== null) onDrill({ ...drill, broker: { id: row.broker_id, name: row.broker } });
  };
  const allDevelopments = useMemo(() => [...kpis.by_development].sort((a, b) => b.vgv - a.vgv), [kpis]);
  const allBrokers = useMemo(() => [...kpis.by_broker].sort((a, b) => b.vgv - a.vgv), [kpis]);

  return (
    <div className={`dashboard-body${stale ? ' is-stale' : ''}`} aria-busy={stale}>
      {error ? <Alert>{error}</Alert> : null}
      <div className="kpi-grid">
        <KpiCard label="Vendas" testKey="sales_count" raw={kpis.sales_count} value={formatInteger(kpis.sales_count)} delta={relativeChange(kpis.sales_count, previousCount)} deltaTitle={deltaTitle} />
        <KpiCard label="VGV" testKey="vgv" raw={kpis.vgv} value={formatMoney(kpis.vgv)} delta={relativeChange(kpis.vgv, previousVgv)} deltaTitle={deltaTitle} sub={kpis.vgv_basis === 'tabela' ? 'pelo valor de tabela' : 'pelo valor de contrato'} />
        <KpiCard label="Ticket médio" testKey="avg_ticket" raw={kpis.avg_ticket} value={formatMoney(kpis.avg_ticket)} />
        <KpiCard label="Distratos" testKey="cancellations" raw={kpis.cancellations.count} value={formatInteger(kpis.cancellations.count)} sub={`${formatMoney(kpis.cancellations.vgv)} distratados`} />
        <KpiCard
          label={vso ? `VSO de ${formatMonth(vso.month)}` : 'VSO do último mês'}
          testKey="vso"
          raw={vso?.vso ?? null}
          value={formatPercent(vso?.vso ?? null)}
          sub={vso ? `${formatInteger(vso.sold)} vendidas de ${formatInteger(vso.available + vso.launched)} em oferta` : 'sem meses no período'}
        />
        <KpiCard label="Comissões" testKey="commissions" raw={kpis.commissions.total} value={formatMoney(kpis.commissions.total)} sub={`pro-soluto médio ${formatPercent(kpis.pro_soluto.avg_share)} do contrato`} />
      </div>

      <DrillCard
        id="chart-monthly"
        title="VGV por mês"
        subtitle="Clique numa barra para ver as vendas do mês; a linha é o mesmo mês do ano anterior."
        chart={<Chart option={monthOption} label="Gráfico de barras: VGV por mês, com o ano anterior em linha" testId="chart-monthly-vgv" empty={noSales} onItemClick={(i) => kpis.yoy[i] && drillMonth(kpis.yoy[i].month)} />}
        columns={[{ label: 'Mês' }, { label: 'Vendas', num: true }, { label: 'VGV', num: true }, { label: 'Ano anterior', num: true }]}
        caption="VGV por mês; Enter mostra as vendas do mês na tabela"
        rows={kpis.yoy.map((m) => ({ key: m.month, cells: [formatMonth(m.month), formatInteger(m.current_count), formatMoney(m.current), formatMoney(m.previous)], onSelect: () => drillMonth(m.month) }))}
      />

      <div className="chart-grid chart-grid-even">
        <DrillCard
          id="chart-developments"
          title="VGV por empreendimento"
          subtitle={kpis.by_development.length > developments.length ? `Os ${developments.length} maiores de ${formatInteger(kpis.by_development.length)}; a tabela lista todos.` : undefined}
          chart={
            <Chart
              option={developmentChart}
              label="Gráfico de barras horizontais: VGV por empreendimento"
              testId="chart-by-development"
              height={horizontalHeight(Math.max(developments.length, brokers.length))}
              empty={noSales}
              onItemClick={(i) => {
                const row = rowAtChartIndex(developments, i);
                if (row) drillDevelopment(row);
              }}
            />
          }
          columns={[{ label: 'Empreendimento' }, { label: 'Vendas', num: true }, { label: 'VGV', num: true }, { label: 'Disponíveis', num: true }]}
          caption="VGV por empreendimento; Enter mostra as vendas do empreendimento na tabela"
          rows={allDevelopments.map((d) => ({
            key: String(d.development_id ?? d.development),
            cells: [d.development, formatInteger(d.sales_count), formatMoney(d.vgv), `${formatInteger(d.units_available)} de ${formatInteger(d.units)}`],
            onSelect: d.development_id !== null ? () => drillDevelopment(d) : undefined,
          }))}
        />
        <DrillCard
          id="chart-brokers"
          title="Ranking de corretores"
          subtitle="Os 10 maiores por VGV, com a comissão de cada um."
          chart={
            <Chart
              option={brokerChart}
              label="Gráfico de barras horizontais: os 10 corretores com maior VGV, com a comissão"
              testId="chart-by-broker"
              height={horizontalHeight(Math.max(developments.length, brokers.length))}
              empty={noSales}
              onItemClick={(i) => {
                const row = rowAtChartIndex(brokers, i);
                if (row) drillBroker(row);
              }}
            />
          }
          columns={[{ label: 'Corretor' }, { label: 'Vendas', num: true }, { label: 'VGV', num: true }, { label: 'Comissão', num: true }]}
          caption="Corretores por VGV; Enter mostra as vendas do corretor na tabela"
          rows={allBrokers.map((b) => ({
            key: String(b.broker_id ?? b.broker),
            cells: [b.broker, formatInteger(b.sales_count), formatMoney(b.vgv), formatMoney(b.commission)],
            onSelect: b.broker_id !== null ? () => drillBroker(b) : undefined,
          }))}
        />
      </div>

      <div className="chart-grid chart-grid-even">
        <section className="card chart-card" aria-labelledby="chart-vso-title">
          <div>
            <h2 id="chart-vso-title" className="card-title">
              VSO mensal
            </h2>
            <p className="muted small">Unidades vendidas no mês ÷ disponíveis no início do mês mais as lançadas no mês.</p>
          </div>
          <Chart option={vsoChart} label="Gráfico de linha: VSO por mês, em porcentagem" testId="chart-vso" empty={kpis.vso_by_month.length ? null : 'Sem unidades em oferta no período.'} />
          <VsoTable kpis={kpis} />
        </section>
        <section className="card chart-card" aria-labelledby="chart-prosoluto-title">
          <div>
            <h2 id="chart-prosoluto-title" className="card-title">
              Pro-soluto
            </h2>
            <p className="muted small" data-testid="pro-soluto-summary">
              {formatMoney(kpis.pro_soluto.total)} não cobertos por financiamento, FGTS ou subsídio · média de {formatPercent(kpis.pro_soluto.avg_share)} do contrato
            </p>
          </div>
          <Chart option={proSolutoChart} label="Gráfico de barras: vendas por faixa de pro-soluto (parte do contrato paga direto à incorporadora)" testId="chart-pro-soluto" empty={noSales} />
          <ProSolutoTable kpis={kpis} />
        </section>
      </div>

      {children}

      <p className="data-footer" data-testid="realestate-footer">
        Dados locais de {formatInteger(kpis.mirror.reservations)} reservas e {formatInteger(kpis.mirror.units)} unidades
        {kpis.mirror.first_day ? ` · vendas de ${formatDay(kpis.mirror.first_day)} a ${formatDay(kpis.mirror.last_day)}` : ''}
      </p>
    </div>
  );
}

/** The chart's numbers for screen readers (the chart itself is an image). */
function VsoTable({ kpis }: { kpis: RealEstateKpis }) {
  return (
    <table className="visually-hidden">
      <caption>VSO por mês</caption>
      <thead>
        <tr>
          <th scope="col">Mês</th>
          <th scope="col">VSO</th>
          <th scope="col">Vendidas</th>
          <th scope="col">Disponíveis</th>
          <th scope="col">Lançadas</th>
        </tr>
      </thead>
      <tbody>
        {kpis.vso_by_month.map((m) => (
          <tr key={m.month}>
            <td>{formatMonth(m.month)}</td>
            <td>{formatPercent(m.vso)}</td>
            <td>{formatInteger(m.sold)}</td>
            <td>{formatInteger(m.available)}</td>
            <td>{formatInteger(m.launched)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ProSolutoTable({ kpis }: { kpis: RealEstateKpis }) {
  return (
    <table className="visually-hidden">
      <caption>Vendas por faixa de pro-soluto</caption>
      <thead>
        <tr>
          <th scope="col">Faixa</th>
          <th scope="col">Vendas</th>
          <th scope="col">Pro-soluto</th>
        </tr>
      </thead>
      <tbody>
        {kpis.pro_soluto.buckets.map((b) => (
          <tr key={b.label}>
            <td>{b.label}</td>
            <td>{formatInteger(b.sales_count)}</td>
            <td>{formatMoney(b.total)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
