import { useReadiness } from '../../app/readiness';
import { useSession } from '../../app/session';
import { Alert } from '../../components/Alert';
import { CompanyForm } from '../../components/CompanyForm';
import { ChartIcon, DatabaseIcon, SyncIcon } from '../../components/icons';

/** First run: nothing exists yet, so the only next step is creating a company. */
export function WelcomePage() {
  const { companiesError } = useSession();
  useReadiness(false);
  return (
    <div className="welcome" data-testid="welcome">
      <section className="welcome-card" aria-labelledby="welcome-title">
        <h1 id="welcome-title" tabIndex={-1}>
          Bem-vindo ao Nexus Desktop
        </h1>
        <p className="welcome-lead">Seus dados de CRM num só lugar, com painéis que funcionam mesmo sem internet. Para começar, crie a sua empresa.</p>
        <ol className="welcome-steps">
          <li>
            <DatabaseIcon size={18} />
            <span>
              <strong>Crie a empresa</strong> — cada uma tem seu próprio espelho local de dados.
            </span>
          </li>
          <li>
            <SyncIcon size={18} />
            <span>
              <strong>Conecte o Ploomes</strong> em Configurações e sincronize.
            </span>
          </li>
          <li>
            <ChartIcon size={18} />
            <span>
              <strong>Acompanhe os indicadores</strong> no Painel CRM, offline.
            </span>
          </li>
        </ol>
        {companiesError ? <Alert>{companiesError}</Alert> : null}
        <h2 className="welcome-form-title">Criar empresa</h2>
        <CompanyForm />
      </section>
    </div>
  );
}
