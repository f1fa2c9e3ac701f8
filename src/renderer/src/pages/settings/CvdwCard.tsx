import { useState, type FormEvent } from 'react';
import type { Output } from '../../../../shared/contract';
import { describeError } from '../../app/errors';
import { useSession } from '../../app/session';
import { Alert } from '../../components/Alert';
import { SourceFormFooter } from './SourceFormFooter';
import { Chip } from '../../components/StatusChip';
import { KeyIcon } from '../../components/icons';
import { call } from '../../ipc';

type SourceView = Output<'sources.get'>;

const SOURCE = 'cvdw';
const SECRET = 'token';
const EDITABLE = ['url', 'email', 'requests_per_minute', 'full_every_days'];
const INPUT_MODE: Record<string, 'url' | 'email' | 'numeric'> = { url: 'url', email: 'email', requests_per_minute: 'numeric', full_every_days: 'numeric' };
const PLACEHOLDER: Record<string, string> = { url: 'https://suaempresa.cvcrm.com.br', email: 'admin@suaempresa.com.br' };

function valuesOf(view: SourceView): Record<string, string> {
  return Object.fromEntries(view.settings.filter((s) => EDITABLE.includes(s.key)).map((s) => [s.key, s.value]));
}

/** CVDW (CV CRM) connection: the tenant's address, the API user's e-mail, its token (write-only) and a connection test. */
export function CvdwCard({ company, initial }: { company: string; initial: SourceView }) {
  const { reloadHealth } = useSession();
  const [view, setView] = useState(initial);
  const [values, setValues] = useState(() => valuesOf(initial));
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState<'save' | 'test' | 'remove' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [test, setTest] = useState<{ ok: boolean; message: string } | null>(null);

  const secret = view.secrets.find((s) => s.name === SECRET);
  const demo = view.publicCredentials || view.settings.find((s) => s.key === 'demo')?.value === '1';
  const savedValues = valuesOf(view);
  const dirty = EDITABLE.some((k) => (values[k] ?? '') !== (savedValues[k] ?? '')) || token.trim() !== '';

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy('save');
    setError(null);
    setSaved(null);
    setTest(null);
    try {
      const settings: Record<string, string> = {};
      for (const spec of view.settings) {
        if (!EDITABLE.includes(spec.key)) continue;
        const value = (values[spec.key] ?? '').trim();
        // An emptied field goes back to the documented default.
        settings[spec.key] = value === '' && spec.default !== null ? spec.default : value;
      }
      let next = await call('sources.set', { company, source: SOURCE, settings });
      setView(next);
      setValues(valuesOf(next));
      if (token.trim()) {
        next = await call('secrets.set', { company, source: SOURCE, name: SECRET, value: token.trim() });
        setView(next);
        setToken('');
        setSaved('Configurações e token salvos.');
      } else {
        setSaved('Configurações salvas.');
      }
      reloadHealth();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(null);
    }
  }

  async function removeToken() {
    setBusy('remove');
    setError(null);
    setSaved(null);
    try {
      setView(await call('secrets.delete', { company, source: SOURCE, name: SECRET }));
      setSaved('Token removido do cofre do sistema.');
      reloadHealth();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(null);
    }
  }

  async function testConnection() {
    setBusy('test');
    setTest(null);
    try {
      const result = await call('sources.test', { company, source: SOURCE });
      setTest({ ok: result.ok, message: result.message });
    } catch (err) {
      setTest({ ok: false, message: describeError(err) });
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="card settings-card" aria-labelledby="cvdw-title" data-testid="settings-cvdw">
      <header>
        <div className="settings-card-header">
          <h2 id="cvdw-title" className="card-title">
            CVDW (CV CRM)
          </h2>
          {secret ? (
            <span className="key-status">
              {view.publicCredentials ? 'Token de demonstração' : secret.label}
              <span data-testid="settings-cvdw-token-status" data-configured={String(secret.configured)}>
                {secret.configured === null ? (
                  <Chip tone="warning">cofre indisponível</Chip>
                ) : (
                  <Chip tone={secret.configured ? 'success' : 'neutral'}>{secret.configured ? 'configurado' : 'não configurado'}</Chip>
                )}
              </span>
            </span>
          ) : null}
        </div>
        <p className="muted">Vendas imobiliárias: unidades, reservas, vendas, comissões e distratos, lidos da API CVDW do seu CV CRM com o e-mail e o token de um usuário administrador.</p>
      </header>

      {demo ? (
        <Alert tone="info" testId="settings-cvdw-demo">
          Modo demonstração: esta empresa usa o simulador local do CVDW com credenciais públicas de demonstração. Nenhum token real é necessário.
        </Alert>
      ) : null}

      {!view.keychain.available ? (
        <Alert tone="warning" testId="settings-cvdw-keychain">
          {view.keychain.message}
        </Alert>
      ) : null}

      <form className="form" onSubmit={save} noValidate>
        {view.settings
          .filter((s) => EDITABLE.includes(s.key))
          .map((s) => (
            <div className="field" key={s.key}>
              <label htmlFor={`cvdw-${s.key}`}>{s.label}</label>
              <input
                id={`cvdw-${s.key}`}
                className="input"
                type={s.key === 'email' ? 'email' : 'text'}
                data-testid={`settings-cvdw-${s.key.replace(/_/g, '-')}`}
                value={values[s.key] ?? ''}
                placeholder={s.default ?? PLACEHOLDER[s.key]}
                inputMode={INPUT_MODE[s.key]}
                autoComplete="off"
                spellCheck={false}
                aria-describedby={`cvdw-${s.key}-help`}
                onChange={(e) => setValues((v) => ({ ...v, [s.key]: e.target.value }))}
              />
              <p className="field-help" id={`cvdw-${s.key}-help`}>
                {s.description}
              </p>
            </div>
          ))}

        {secret ? (
          <div className="field">
            <label htmlFor="cvdw-token">{secret.label}</label>
            <div className="input-with-action">
              <div className="input-icon">
                <KeyIcon size={16} />
                <input
                  id="cvdw-token"
                  type="password"
                  className="input"
                  data-testid="settings-cvdw-token"
                  value={token}
                  autoComplete="off"
                  spellCheck={false}
                  placeholder={
                    view.publicCredentials ? 'Não é necessário no modo demonstração' : secret.configured ? '•••••••• (guardado no cofre; digite para trocar)' : 'Cole aqui o token da API CVDW'
                  }
                  aria-describedby="cvdw-token-help"
                  onChange={(e) => setToken(e.target.value)}
                />
              </div>
              {secret.configured && !view.publicCredentials ? (
                <button type="button" className="button button-danger-outline" data-testid="settings-cvdw-token-remove" disabled={busy !== null} onClick={() => void removeToken()}>
                  Remover token
                </button>
              ) : null}
            </div>
            <p className="field-help" id="cvdw-token-help">
              {secret.description} Fica no cofre de senhas do sistema e nunca é exibido de volta.
            </p>
          </div>
        ) : null}

        <SourceFormFooter testIdPrefix="settings-cvdw" error={error} saved={saved} busy={busy} dirty={dirty} test={test} onTest={() => void testConnection()} />
      </form>
    </section>
  );
}
