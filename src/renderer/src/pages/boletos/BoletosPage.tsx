import { useMemo, useState } from 'react';
import { formatDateTime, formatInteger } from '../../../../shared/format';
import type { BoletoKpis } from '../../../../shared/kpi';
import { useReadiness } from '../../app/readiness';
import { useRobotJobs } from '../../app/robotJobs';
import { navigate, paths } from '../../app/routing';
import { useCompany } from '../../app/session';
import { useQuery } from '../../app/useQuery';
import { Chart } from '../../charts/Chart';
import { Alert } from '../../components/Alert';
import { EmptyState } from '../../components/EmptyState';
import { BoletoIcon, UploadIcon } from '../../components/icons';
import { KpiCard } from '../../components/KpiCard';
import { PageSkeleton } from '../../components/Skeleton';
import { call, useEvent } from '../../ipc';
import { openConsortiumTab } from '../customers/customersTab';
import { byPeriodOption, speedOption, timedRuns } from './boletoCharts';
import { OpenFolderButton, OpenFolderMessage, useOpenFolder } from './OpenFolder';
import { PointOfSaleCard } from './PointOfSaleCard';
import { PointOfSaleDialog } from './PointOfSaleDialog';
import { RunHistory } from './RunHistory';

/**
 * The boleto robot: one card per point of sale with one button that downloads the month's boletos
 * from the Canopus portal (several points of sale can run at once), then the run history and charts.
 */
export function BoletosPage() {
  const company = useCompany();
  const robots = useRobotJobs();
  const key = JSON.stringify([company.slug, robots.finishedCount]);
  const points = useQuery(key, () => call('pdv.list', { company: company.slug }));
  const kpis = useQuery(key, () => call('kpi.boletos', { company: company.slug }));
  // Without a reachable keychain the settings still load; only the demo flag and folder are shown from them.
  const source = useQuery(company.slug, () => call('sources.get', { company: company.slug, source: 'canopus' }).catch(() => null));
  useEvent('data.changed', (change) => {
    if (change.company !== company.slug) return;
    points.reload();
    kpis.reload();
  });
  useReadiness(points.loading || kpis.loading || source.loading);
  const folders = useOpenFolder(company.slug);
  const [configuring, setConfiguring] = useState<string | null>(null);

  const demo = source.data?.settings.find((s) => s.key === 'demo')?.value === '1' && Boolean(source.data?.publicCredentials);
  const folder = source.data?.settings.find((s) => s.key === 'download_dir')?.value ?? null;
  const list = points.data;
  const editing = configuring ? list?.find((p) => p.code === configuring) ?? null : null;

  let body;
  if (!list) {
    body = points.error ? (
      <Alert action={<button type="button" className="button" onClick={points.reload}>Tentar de novo</button>}>{points.error}</Alert>
    ) : (
      <PageSkeleton label="Carregando pontos de venda…" />
    );
  } else if (!list.length) {
    body = (
      <EmptyState
        testId="boletos-empty"
        icon={<BoletoIcon size={28} />}
        title="Importe a planilha dos consultores para começar"
        action={
          <button type="button" className="button button-primary" data-testid="boletos-go-import" onClick={openConsortiumTab}>
            <UploadIcon size={16} />
            Importar planilha em Clientes
          </button>
        }
      >
        <p>
          Cada ponto de venda da planilha ganha aqui um cartão com um botão “Baixar boletos”. Depois, informe o usuário e a senha do portal Canopus de cada ponto de venda em
          “Configurar”.
        </p>
      </EmptyState>
    );
  } else {
    body = (
      <>
        {kpis.data ? <Summary kpis={kpis.data} /> : null}
        <div className="pdv-grid">
          {list.map((pv) => (
            <PointOfSaleCard key={pv.code} pointOfSale={pv} company={company.slug} timezone={company.timezone} demo={demo} onConfigure={() => setConfiguring(pv.code)} />
          ))}
        </div>
        {kpis.error ? <Alert>{kpis.error}</Alert> : null}
        {kpis.data ? <HistoryAndCharts kpis={kpis.data} company={company.slug} timezone={company.timezone} /> : null}
      </>
    );
  }

  return (
    <div className="page" data-testid="boletos-page">
      <header className="page-header">
        <div>
          <h1 tabIndex={-1}>Boletos</h1>
          <p className="page-subtitle">
            Portal Canopus · {company.name}
            {folder ? (
              <>
                {' '}
                · salvos em <span className="mono">{folder}</span>
              </>
            ) : null}
          </p>
        </div>
        <div className="button-row">
          <button type="button" className="button" data-testid="boletos-settings" onClick={() => navigate(paths.settings)}>
            Configurações do portal
          </button>
          <OpenFolderButton label="Abrir pasta dos boletos" busy={folders.busy === ''} onOpen={() => void folders.open()} />
        </div>
      </header>
      <OpenFolderMessage outcome={folders.outcome} onDismiss={folders.dismiss} />
      {demo ? (
        <Alert tone="info" testId="boletos-demo">
          Modo demonstração: esta empresa usa o simulador local do portal Canopus, com senhas públicas de teste. Nenhuma senha real é necessária.
        </Alert>
      ) : null}
      {body}
      {editing ? (
        <PointOfSaleDialog
          company={company.slug}
          pointOfSale={editing}
          demo={demo}
          onClose={() => setConfiguring(null)}
          onSaved={() => {
            setConfiguring(null);
            points.reload();
          }}
        />
      ) : null}
    </div>
  );
}

function Summary({ kpis }: { kpis: BoletoKpis }) {
  return (
    <div className="kpi-grid kpi-grid-5">
      <KpiCard label="Clientes importados" testKey="boletos-clients" raw={kpis.clients} value={formatInteger(kpis.clients)} />
      <KpiCard label="Boletos salvos" testKey="boletos-success" raw={kpis.success} value={formatInteger(kpis.success)} />
      <KpiCard label="Erros" testKey="boletos-errors" raw={kpis.errors} value={formatInteger(kpis.errors)} />
      <KpiCard label="CPF não encontrado" testKey="boletos-cpf_not_found" raw={kpis.cpf_not_found} value={formatInteger(kpis.cpf_not_found)} />
      <KpiCard label="Sem boleto" testKey="boletos-no_boleto" raw={kpis.no_boleto} value={formatInteger(kpis.no_boleto)} />
    </div>
  );
}

function HistoryAndCharts({ kpis, company, timezone }: { kpis: BoletoKpis; company: string; timezone: string }) {
  const periodOption = useMemo(() => byPeriodOption(kpis), [kpis]);
  const speed = useMemo(() => speedOption(kpis, timezone), [kpis, timezone]);
  const noPeriods = kpis.by_period.length ? null : 'Nenhum boleto processado ainda.';
  const noRuns = timedRuns(kpis).length ? null : 'Nenhuma execução concluída ainda.';
  return (
    <>
      <section className="card" aria-labelledby="robot-history-title">
        <div className="card-row">
          <h2 id="robot-history-title" className="card-title">
            Histórico de execuções
          </h2>
          {kpis.last_run ? <span className="muted small">Última: {formatDateTime(kpis.last_run.started_at, timezone)}</span> : null}
        </div>
        <RunHistory company={company} runs={kpis.runs} timezone={timezone} />
      </section>
      <div className="chart-grid chart-grid-even">
        <section className="card chart-card" aria-labelledby="boletos-period-title">
          <h2 id="boletos-period-title" className="card-title">
            Boletos por mês
          </h2>
          <Chart option={periodOption} label="Gráfico de barras empilhadas: boletos por mês, por resultado" testId="boletos-chart-period" height={260} empty={noPeriods} />
        </section>
        <section className="card chart-card" aria-labelledby="boletos-speed-title">
          <h2 id="boletos-speed-title" className="card-title">
            Segundos por cliente em cada execução
          </h2>
          <Chart option={speed} label="Gráfico de barras: segundos por cliente em cada execução do robô" testId="boletos-chart-speed" height={260} empty={noRuns} />
        </section>
      </div>
    </>
  );
}
