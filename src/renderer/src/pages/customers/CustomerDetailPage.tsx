import { useMemo } from 'react';
import { formatDay, formatDocument, formatInteger, formatMoney } from '../../../../shared/format';
import type { CustomerDetail } from '../../../../shared/kpi';
import { useReadiness } from '../../app/readiness';
import { paths } from '../../app/routing';
import { useCompany } from '../../app/session';
import { useQuery } from '../../app/useQuery';
import { Chart } from '../../charts/Chart';
import { Alert } from '../../components/Alert';
import { ArrowLeftIcon, BuildingIcon, UsersIcon } from '../../components/icons';
import { PageSkeleton } from '../../components/Skeleton';
import { DealStatusChip } from '../../components/StatusChip';
import { call, useEvent } from '../../ipc';
import { customerByYearOption, priceHistoryOption, pricePoints } from './customerCharts';

const TYPE_LABEL = { company: 'Empresa', person: 'Pessoa', unknown: 'Cliente' } as const;

export function CustomerDetailPage({ customerId }: { customerId: number }) {
  const company = useCompany();
  const query = useQuery(JSON.stringify([company.slug, customerId]), () => call('crm.customer', { company: company.slug, customerId }));
  useEvent('data.changed', (change) => {
    if (change.company === company.slug) query.reload();
  });
  useReadiness(query.loading);

  return (
    <div className="page" data-testid="customer-detail" data-customer-id={customerId}>
      <a href={paths.customers} className="back-link" data-testid="customer-back">
        <ArrowLeftIcon size={16} />
        Voltar para clientes
      </a>
      {query.data ? (
        <CustomerView detail={query.data} />
      ) : query.error ? (
        <>
          <header className="page-header">
            <h1 tabIndex={-1}>Cliente</h1>
          </header>
          <Alert>{query.error}</Alert>
        </>
      ) : (
        <PageSkeleton label="Carregando cliente…" />
      )}
    </div>
  );
}

function CustomerView({ detail }: { detail: CustomerDetail }) {
  const c = detail.customer;
  const points = useMemo(() => pricePoints(detail), [detail]);
  const priceOption = useMemo(() => priceHistoryOption(points), [points]);
  const yearOption = useMemo(() => customerByYearOption(detail), [detail]);
  const noSales = points.length ? null : 'Nenhum negócio ganho com valor.';

  return (
    <>
      <header className="page-header customer-header">
        <div className="customer-avatar" aria-hidden="true">
          {c.type === 'person' ? <UsersIcon size={22} /> : <BuildingIcon size={22} />}
        </div>
        <div>
          <h1 tabIndex={-1}>{c.name}</h1>
          <p className="page-subtitle customer-meta">
            <span>{TYPE_LABEL[c.type]}</span>
            {c.document ? <span className="tabular">{c.type === 'company' ? 'CNPJ' : c.type === 'person' ? 'CPF' : 'Documento'} {formatDocument(c.document)}</span> : null}
            {detail.email ? <span>{detail.email}</span> : null}
          </p>
        </div>
      </header>

      <div className="kpi-grid">
        <Summary label="Negócios" value={formatInteger(c.total_deals)} />
        <Summary label="Ganhos" value={formatInteger(c.won_deals)} />
        <Summary label="Receita" value={formatMoney(c.revenue)} />
        <Summary label="Ticket médio" value={formatMoney(c.avg_deal_value)} />
        <Summary label="Primeira compra" value={formatDay(c.first_purchase)} />
        <Summary label="Última compra" value={formatDay(c.last_purchase)} />
      </div>

      <div className="chart-grid chart-grid-wide-left">
        <section className="card chart-card" aria-labelledby="price-title">
          <h2 id="price-title" className="card-title">
            Histórico de preços
          </h2>
          <Chart option={priceOption} label="Gráfico de linha: valor de cada negócio ganho pela data de conclusão" testId="customer-price-chart" height={240} empty={noSales} />
        </section>
        <section className="card chart-card" aria-labelledby="cust-year-title">
          <h2 id="cust-year-title" className="card-title">
            Receita por ano
          </h2>
          <Chart option={yearOption} label="Gráfico de barras: receita do cliente por ano" testId="customer-year-chart" height={240} empty={noSales} />
        </section>
      </div>

      <section className="card card-flush" aria-labelledby="deals-title">
        <h2 id="deals-title" className="card-title card-title-padded">
          Negócios <span className="muted">({formatInteger(detail.deals.length)})</span>
        </h2>
        {detail.deals.length ? (
          <div className="table-scroll">
            <table className="table" data-testid="customer-deals">
              <thead>
                <tr>
                  <th scope="col">Título</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">
                    Valor
                  </th>
                  <th scope="col">Início</th>
                  <th scope="col">Conclusão</th>
                  <th scope="col">Responsável</th>
                  <th scope="col">Etapa</th>
                </tr>
              </thead>
              <tbody>
                {detail.deals.map((d) => (
                  <tr key={d.id} data-testid="deal-row" data-deal-id={d.id}>
                    <td className="cell-name" title={d.title ?? undefined}>
                      {d.title ?? <span className="muted">Sem título</span>}
                    </td>
                    <td>
                      <DealStatusChip status={d.status} />
                    </td>
                    <td className="num">{formatMoney(d.amount)}</td>
                    <td className="nowrap">{formatDay(d.start_day)}</td>
                    <td className="nowrap">{formatDay(d.finish_day)}</td>
                    <td>{d.owner ?? <span className="muted">—</span>}</td>
                    <td>{d.stage ?? <span className="muted">—</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="table-empty muted">Nenhum negócio registrado para este cliente.</p>
        )}
      </section>
    </>
  );
}

function Summary({ label, value }: { label: string; value: string }) {
  return (
    <section className="kpi-card kpi-card-small" aria-label={label}>
      <h3 className="kpi-label">{label}</h3>
      <p className="kpi-value">{value}</p>
    </section>
  );
}
