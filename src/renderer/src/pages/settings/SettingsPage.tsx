import { useReadiness } from '../../app/readiness';
import { useCompany } from '../../app/session';
import { useQuery } from '../../app/useQuery';
import { Alert } from '../../components/Alert';
import { PageSkeleton } from '../../components/Skeleton';
import { call } from '../../ipc';
import { CanopusCard } from './CanopusCard';
import { ChatwootCard } from './ChatwootCard';
import { CvdwCard } from './CvdwCard';
import { PloomesCard } from './PloomesCard';

export function SettingsPage() {
  const company = useCompany();
  const source = useQuery(company.slug, () => call('sources.get', { company: company.slug, source: 'ploomes' }));
  const canopus = useQuery(company.slug, () => call('sources.get', { company: company.slug, source: 'canopus' }));
  const cvdw = useQuery(company.slug, () => call('sources.get', { company: company.slug, source: 'cvdw' }));
  const chatwoot = useQuery(company.slug, () => call('sources.get', { company: company.slug, source: 'chatwoot' }));
  const info = useQuery('app.info', () => call('app.info', {}));
  useReadiness(source.loading || canopus.loading || cvdw.loading || chatwoot.loading || info.loading);

  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1 tabIndex={-1}>Configurações</h1>
          <p className="page-subtitle">Conexões de {company.name}</p>
        </div>
      </header>

      <div className="settings-grid">
        {source.data ? (
          <PloomesCard company={company.slug} initial={source.data} />
        ) : source.error ? (
          <Alert action={<button type="button" className="button" onClick={source.reload}>Tentar de novo</button>} testId="settings-load-error">
            {source.error}
          </Alert>
        ) : (
          <PageSkeleton label="Carregando configurações…" />
        )}
        {cvdw.data ? (
          <CvdwCard company={company.slug} initial={cvdw.data} />
        ) : cvdw.error ? (
          <Alert action={<button type="button" className="button" onClick={cvdw.reload}>Tentar de novo</button>} testId="settings-cvdw-load-error">
            {cvdw.error}
          </Alert>
        ) : null}
        {chatwoot.data ? (
          <ChatwootCard company={company.slug} initial={chatwoot.data} />
        ) : chatwoot.error ? (
          <Alert action={<button type="button" className="button" onClick={chatwoot.reload}>Tentar de novo</button>} testId="settings-chatwoot-load-error">
            {chatwoot.error}
          </Alert>
        ) : null}
        {canopus.data ? (
          <CanopusCard company={company.slug} initial={canopus.data} />
        ) : canopus.error ? (
          <Alert action={<button type="button" className="button" onClick={canopus.reload}>Tentar de novo</button>} testId="settings-canopus-load-error">
            {canopus.error}
          </Alert>
        ) : null}
      </div>

      <section className="card about-card" aria-labelledby="about-title" data-testid="settings-about">
        <h2 id="about-title" className="card-title">
          Sobre
        </h2>
        <dl className="about-list">
          <div>
            <dt>Empresa</dt>
            <dd>
              {company.name} <span className="muted mono">({company.slug})</span>
            </dd>
          </div>
          <div>
            <dt>Fuso horário</dt>
            <dd>{company.timezone}</dd>
          </div>
          {info.data ? (
            <>
              <div>
                <dt>Versão</dt>
                <dd>{info.data.version}</dd>
              </div>
              <div>
                <dt>Pasta de dados</dt>
                <dd className="mono">{info.data.dataDir}</dd>
              </div>
            </>
          ) : null}
        </dl>
        {info.error ? <Alert>{info.error}</Alert> : null}
      </section>
    </div>
  );
}
