import { useMemo } from 'react';
import { formatDateTime, formatDay, formatDecimal, formatInteger, formatMoney, formatPercent } from '../../../../shared/format';
import type { CrmKpis, PeriodTotals } from '../../../../shared/kpi';
import { Chart } from '../../charts/Chart';
import { Alert } from '../../components/Alert';
import { EmptyState } from '../../components/EmptyState';
import { DatabaseIcon, PlugIcon, SyncIcon } from '../../components/icons';
import { KpiCard, type Delta } from '../../components/KpiCard';
import { PageSkeleton } from '../../components/Skeleton';
import { SyncProgress } from '../../components/SyncProgress';
import { call, useEvent } from '../../ipc';
import { addDays, periodRange, todayIn, type Period } from '../../app/period';
import { useReadiness } from '../../app/readiness';
import { navigate, paths } from '../../app/routing';
import { useCompany } from '../../app/session';
import { useSyncJob } from '../../app/syncJob';
import { useQuery } from '../../app/useQuery';
import { byMonthOption, byYearOption, topCustomerAt, topCustomersOption } from './dashboardCharts';
import { PeriodSelect } from './PeriodSelect';

function relativeChange(current: number | null, previous: number | null | undefined): Delta | null {
  if (current === null || previous === null || previous === undefined || previous === 0) return null;
  const change = (current - previous) / Math.abs(previous);
  if (Math.abs(change) < 0.0005) return { text: '0,0%', direction: 'flat' };
  return { text: `${formatDecimal(Math.abs(change) * 100)}%`, direction: change > 0 ? 'up' : 'down' };
}

function pointsChange(current: number | null, previous: number | null | undefined): Delta | null {
  if (current === null || previous === null || previous === undefined) return null;
  const points = (current - previous) * 100;
  if (Math.abs(points) < 0.05) return { text: '0,0 p.p.', direction: 'flat' };
  return { text: `${formatDecimal(Math.abs(points))} p.p.`, direction: points > 0 ? 'up' : 'down' };
}

export function DashboardPage({ period, onPeriodChange }: { period: Period; onPeriodChange(period: Period): void }) {
  const company = useCompany();
  const job = useSyncJob();
  const range = periodRange(period, company.timezone);
  const query = useQuery(JSON.stringify([company.slug, range]), async () => {
    const [kpis, health, source] = await Promise.all([
      call('kpi.crm', { company: company.slug, ...range }),
      call('health.get', { company: company.slug }),
      // Without a reachable keychain the secret state is unknown; the saved settings still tell.
      call('sources.get', { company: company.slug, source: 'ploomes' }).catch(() => null),
    ]);
    return { kpis, ploomes: health.find((h) => h.source === 'ploomes') ?? null, secretConfigured: source?.secrets.some((s) => s.configured) ?? false };
  });
  useEvent('data.changed', (change) => {
    if (change.company === company.slug) query.reload();
  });
  useReadiness(query.loading);

  const data = query.data;
  const today = todayIn(company.timezone);
  const defaultCustom = { from: data?.kpis.mirror.first_day ?? addDays(today, -29), to: today };

  let body;
  if (!data) {
    body = query.error ? (
      <Alert action={<button type="button" className="button" onClick={query.reload}>Tentar de novo</button>}>{query.error}</Alert>
    ) : (
      <PageSkeleton label="Carregando indicadores…" />
    );
  } else if (!data.ploomes?.configured && !data.secretConfigured) {
    body = (
      <EmptyState
        testId="dashboard-empty-connect"
        icon={<PlugIcon size={28} />}
        title="Conecte o Ploomes em Configurações para ver seus indicadores"
        action={
          <button type="button" className="button button-primary" data-testid="dashboard-open-settings" onClick={() => navigate(paths.settings)}>
            Abrir configurações
          </button>
        }
      >
        <p>Informe a User-Key da sua conta Ploomes. Depois da primeira sincronização, o painel funciona mesmo sem internet.</p>
      </EmptyState>
    );
  } else if (data.kpis.mirror.deals === 0) {
    body = (
      <EmptyState
        testId="dashboard-empty-sync"
        icon={<DatabaseIcon size={28} />}
        title={job.active ? 'Sincronizando seus dados do Ploomes…' : 'Clique em Sincronizar agora'}
        action={
          job.active ? (
            <SyncProgress progress={job.active} compact />
          ) : (
            <button type="button" className="button button-primary" data-testid="dashboard-sync-start" disabled={job.starting} onClick={() => void job.start(false)}>
              <SyncIcon size={16} />
              {job.starting ? 'Iniciando…' : 'Sincronizar agora'}
            </button>
          )
        }
      >
        <p>O espelho local ainda está vazio. A primeira sincronização copia clientes e negócios do Ploomes para este computador.</p>
        {job.error ? <Alert>{job.error}</Alert> : null}
        {!job.active && job.finished?.status === 'failed' && job.finished.error ? <Alert>{job.finished.error.message}</Alert> : null}
      </EmptyState>
    );
  } else {
    body = <Dashboard kpis={data.kpis} lastSuccessAt={data.ploomes?.lastSuccessAt ?? null} timezone={company.timezone} stale={query.loading} error={query.error} />;
  }

  const showPeriod = data && data.kpis.mirror.deals > 0;
  return (
    <div className="page" data-testid="dashboard">
      <header className="page-header">
        <div>
          <h1 tabIndex={-1}>Painel CRM</h1>
          <p className="page-subtitle">
            {company.name}
            {showPeriod ? <PeriodSummary kpis={data.kpis} /> : null}
          </p>
        </div>
        {showPeriod ? <PeriodSelect period={period} onChange={onPeriodChange} defaultCustom={defaultCustom} /> : null}
      </header>
      {body}
    </div>
  );
}

function Dashboard({ kpis, lastSuccessAt, timezone, stale, error }: { kpis: CrmKpis; lastSuccessAt: string | null; timezone: string; stale: boolean; error: string | null }) {
  const previous: PeriodTotals | null = kpis.previous_period;
  const deltaTitle = previous ? `Comparado com ${formatDay(previous.from)} – ${formatDay(previous.to)}` : undefined;
  const yearOption = useMemo(() => byYearOption(kpis), [kpis]);
  const monthOption = useMemo(() => byMonthOption(kpis), [kpis]);
  const topOption = useMemo(() => topCustomersOption(kpis), [kpis]);
  const noSales = kpis.deals_won === 0 ? 'Nenhum negócio ganho no período.' : null;

  return (
    <div className={`dashboard-body${stale ? ' is-stale' : ''}`} aria-busy={stale}>
      {error ? <Alert>{error}</Alert> : null}
      <div className="kpi-grid">
        <KpiCard label="Negócios ganhos" testKey="deals_won" raw={kpis.deals_won} value={formatInteger(kpis.deals_won)} delta={relativeChange(kpis.deals_won, previous?.deals_won)} deltaTitle={deltaTitle} />
        <KpiCard label="Receita" testKey="revenue" raw={kpis.revenue} value={formatMoney(kpis.revenue)} delta={relativeChange(kpis.revenue, previous?.revenue)} deltaTitle={deltaTitle} />
        <KpiCard
          label="Ticket médio"
          testKey="avg_deal_value"
          raw={kpis.avg_deal_value}
          value={formatMoney(kpis.avg_deal_value)}
          delta={relativeChange(kpis.avg_deal_value, previous?.avg_deal_value)}
          deltaTitle={deltaTitle}
        />
        <KpiCard
          label="Clientes que compraram"
          testKey="customers_with_purchase"
          raw={kpis.customers_with_purchase}
          value={formatInteger(kpis.customers_with_purchase)}
          delta={relativeChange(kpis.customers_with_purchase, previous?.customers_with_purchase)}
          deltaTitle={deltaTitle}
        />
        <KpiCard
          label="Taxa de conversão"
          testKey="win_rate"
          raw={kpis.win_rate}
          value={formatPercent(kpis.win_rate)}
          delta={pointsChange(kpis.win_rate, previous?.win_rate)}
          deltaTitle={deltaTitle}
          sub={`${formatInteger(kpis.deals_won)} ganhos · ${formatInteger(kpis.deals_lost)} perdidos`}
        />
        <KpiCard label="Em aberto" testKey="open_deals" raw={kpis.open_deals.count} value={formatInteger(kpis.open_deals.count)} sub={`${formatMoney(kpis.open_deals.value)} em negociação`} />
      </div>

      <div className="chart-grid">
        <section className="card chart-card" aria-labelledby="chart-year-title">
          <h2 id="chart-year-title" className="card-title">
            Receita por ano
          </h2>
          <Chart option={yearOption} label="Gráfico de barras: receita por ano, com negócios ganhos em linha" testId="chart-by-year" empty={noSales} />
        </section>
        <section className="card chart-card" aria-labelledby="chart-month-title">
          <h2 id="chart-month-title" className="card-title">
            Receita por mês
          </h2>
          <Chart option={monthOption} label="Gráfico de barras: receita por mês" testId="chart-by-month" empty={noSales} />
        </section>
      </div>

      <section className="card top-customers" aria-labelledby="top-title">
        <h2 id="top-title" className="card-title">
          Top 10 clientes por receita
        </h2>
        <div className="top-customers-body">
          <div className="top-customers-chart">
            <Chart
              option={topOption}
              label="Gráfico de barras horizontais: os 10 clientes com maior receita"
              testId="chart-top-customers"
              height={400}
              empty={noSales}
              onItemClick={(index) => {
                const customer = topCustomerAt(kpis, index);
                if (customer) navigate(paths.customer(customer.customer_id));
              }}
            />
          </div>
          <TopCustomersTable kpis={kpis} />
        </div>
      </section>

      <p className="data-footer" data-testid="dashboard-footer">
        Dados locais de {formatInteger(kpis.mirror.deals)} negócios · última sincronização {lastSuccessAt ? formatDateTime(lastSuccessAt, timezone) : 'nunca concluída'}
      </p>
    </div>
  );
}

/** Which days the figures cover, and what the ▲▼ compare with. */
function PeriodSummary({ kpis }: { kpis: CrmKpis }) {
  const from = kpis.from ?? kpis.mirror.first_day;
  const to = kpis.to ?? kpis.mirror.last_day;
  const previous = kpis.previous_period;
  return (
    <>
      {from || to ? <span data-testid="period-range"> · {formatDay(from)} – {formatDay(to)}</span> : null}
      {previous ? (
        <span className="period-compare">
          {' '}
          · ▲▼ comparado com {formatDay(previous.from)} – {formatDay(previous.to)}
        </span>
      ) : null}
    </>
  );
}

function TopCustomersTable({ kpis }: { kpis: CrmKpis }) {
  if (!kpis.top_customers.length) return <p className="muted top-customers-empty">Nenhum cliente com compras no período.</p>;
  return (
    <table className="table table-compact" data-testid="top-customers-list">
      <caption className="visually-hidden">Os 10 clientes com maior receita no período</caption>
      <thead>
        <tr>
          <th scope="col" className="num">
            #
          </th>
          <th scope="col">Cliente</th>
          <th scope="col" className="num">
            Ganhos
          </th>
          <th scope="col" className="num">
            Receita
          </th>
        </tr>
      </thead>
      <tbody>
        {kpis.top_customers.map((c, i) => (
          <tr
            key={c.customer_id}
            className="row-link"
            tabIndex={0}
            data-testid="top-customer-row"
            data-customer-id={c.customer_id}
            data-revenue={c.revenue}
            onClick={() => navigate(paths.customer(c.customer_id))}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                navigate(paths.customer(c.customer_id));
              }
            }}
          >
            <td className="num muted">{i + 1}</td>
            <td className="cell-name" title={c.name}>
              {c.name}
            </td>
            <td className="num">{formatInteger(c.deals_won)}</td>
            <td className="num">{formatMoney(c.revenue)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
