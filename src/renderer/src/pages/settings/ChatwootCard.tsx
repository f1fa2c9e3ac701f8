import { useState, type FormEvent } from 'react';
import type { Output } from '../../../../shared/contract';
import { describeError } from '../../app/errors';
import { useSession } from '../../app/session';
import { Alert } from '../../components/Alert';
import { SourceFormFooter } from './SourceFormFooter';
import { Chip } from '../../components/StatusChip';
import { call } from '../../ipc';
import './chatwoot.css';

type SourceView = Output<'sources.get'>;
type SecretName = 'password' | 'ssh_password' | 'ssh_key';

const SOURCE = 'chatwoot';
const EDITABLE = ['url', 'account_id', 'ssl', 'ssh_host', 'ssh_port', 'ssh_user', 'full_every_days'];
const SSH_KEYS = ['ssh_host', 'ssh_port', 'ssh_user'];
const SSL_OPTIONS = [
  { value: '', label: 'Automático' },
  { value: 'disable', label: 'disable (sem TLS)' },
  { value: 'require', label: 'require (TLS)' },
  { value: 'verify-full', label: 'verify-full (TLS com certificado verificado)' },
];
const PLACEHOLDER: Record<string, string> = {
  url: 'postgres://leitura@chatwoot.suaempresa.com.br:5432/chatwoot_production',
  account_id: '1',
  ssh_host: 'bastiao.suaempresa.com.br',
  ssh_user: 'nexus',
};
const SECRET_PLACEHOLDER: Record<SecretName, string> = {
  password: 'Senha do usuário de leitura',
  ssh_password: 'Senha SSH (se não usar chave)',
  ssh_key: '-----BEGIN OPENSSH PRIVATE KEY-----',
};

function valuesOf(view: SourceView): Record<string, string> {
  return Object.fromEntries(view.settings.filter((s) => EDITABLE.includes(s.key)).map((s) => [s.key, s.value]));
}

/** Chatwoot's PostgreSQL (read-only user), the account, TLS, an optional SSH tunnel and the secrets (write-only). */
export function ChatwootCard({ company, initial }: { company: string; initial: SourceView }) {
  const { reloadHealth } = useSession();
  const [view, setView] = useState(initial);
  const [values, setValues] = useState(() => valuesOf(initial));
  const [secrets, setSecrets] = useState<Record<SecretName, string>>({ password: '', ssh_password: '', ssh_key: '' });
  const [showSsh, setShowSsh] = useState(() => Boolean(valuesOf(initial).ssh_host));
  const [busy, setBusy] = useState<'save' | 'test' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [test, setTest] = useState<{ ok: boolean; message: string } | null>(null);

  const spec = (key: string) => view.settings.find((s) => s.key === key);
  const secretSpec = (name: SecretName) => view.secrets.find((s) => s.name === name);
  const savedValues = valuesOf(view);
  const typedSecrets = (Object.keys(secrets) as SecretName[]).filter((name) => secrets[name].trim() !== '');
  const dirty = EDITABLE.some((k) => (values[k] ?? '') !== (savedValues[k] ?? '')) || typedSecrets.length > 0;

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy('save');
    setError(null);
    setSaved(null);
    setTest(null);
    try {
      const settings: Record<string, string> = {};
      for (const s of view.settings) {
        if (!EDITABLE.includes(s.key)) continue;
        const value = (values[s.key] ?? '').trim();
        settings[s.key] = value === '' && s.default !== null ? s.default : value;
      }
      let next = await call('sources.set', { company, source: SOURCE, settings });
      setView(next);
      setValues(valuesOf(next));
      for (const name of typedSecrets) {
        // A private key keeps its line breaks; passwords lose stray spaces from copy and paste.
        next = await call('secrets.set', { company, source: SOURCE, name, value: name === 'ssh_key' ? secrets[name] : secrets[name].trim() });
        setView(next);
      }
      setSecrets({ password: '', ssh_password: '', ssh_key: '' });
      setSaved(typedSecrets.length ? 'Configurações e senhas salvas.' : 'Configurações salvas.');
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

  const field = (key: string, inputMode?: 'numeric' | 'url') => {
    const s = spec(key);
    if (!s) return null;
    return (
      <div className="field" key={key}>
        <label htmlFor={`chatwoot-${key}`}>{s.label}</label>
        <input
          id={`chatwoot-${key}`}
          className="input"
          data-testid={`settings-chatwoot-${key.replace(/_/g, '-')}`}
          value={values[key] ?? ''}
          placeholder={PLACEHOLDER[key] ?? s.default ?? ''}
          inputMode={inputMode}
          autoComplete="off"
          spellCheck={false}
          aria-describedby={`chatwoot-${key}-help`}
          onChange={(e) => setValues((v) => ({ ...v, [key]: e.target.value }))}
        />
        <p className="field-help" id={`chatwoot-${key}-help`}>
          {s.description}
        </p>
      </div>
    );
  };

  const secretField = (name: SecretName) => {
    const s = secretSpec(name);
    if (!s) return null;
    const common = {
      id: `chatwoot-secret-${name}`,
      className: 'input',
      'data-testid': `settings-chatwoot-${name.replace(/_/g, '-')}`,
      value: secrets[name],
      autoComplete: 'off',
      spellCheck: false,
      placeholder: s.configured ? '•••••••• (guardada no cofre; digite para trocar)' : SECRET_PLACEHOLDER[name],
      'aria-describedby': `chatwoot-secret-${name}-help`,
    };
    return (
      <div className="field" key={name}>
        <div className="chatwoot-secret-label">
          <label htmlFor={common.id}>{s.label}</label>
          <span data-testid={`settings-chatwoot-${name.replace(/_/g, '-')}-status`} data-configured={String(s.configured)}>
            {s.configured === null ? <Chip tone="warning">cofre indisponível</Chip> : <Chip tone={s.configured ? 'success' : 'neutral'}>{s.configured ? 'configurada' : 'não configurada'}</Chip>}
          </span>
        </div>
        {name === 'ssh_key' ? (
          <textarea {...common} className="input chatwoot-key" rows={4} onChange={(e) => setSecrets((v) => ({ ...v, [name]: e.target.value }))} />
        ) : (
          <input {...common} type="password" onChange={(e) => setSecrets((v) => ({ ...v, [name]: e.target.value }))} />
        )}
        <p className="field-help" id={`chatwoot-secret-${name}-help`}>
          {s.description} Fica no cofre de senhas do sistema e nunca é exibida de volta.
        </p>
      </div>
    );
  };

  const ssl = spec('ssl');
  return (
    <section className="card settings-card" aria-labelledby="chatwoot-title" data-testid="settings-chatwoot">
      <header>
        <div className="settings-card-header">
          <h2 id="chatwoot-title" className="card-title">
            Chatwoot
          </h2>
        </div>
        <p className="muted">Atendimento: conversas, mensagens, agentes, times, etiquetas e CSAT, lidos direto do banco PostgreSQL do Chatwoot com um usuário só de leitura.</p>
      </header>

      {!view.keychain.available ? (
        <Alert tone="warning" testId="settings-chatwoot-keychain">
          {view.keychain.message}
        </Alert>
      ) : null}

      <form className="form" onSubmit={save} noValidate>
        {field('url', 'url')}
        {secretField('password')}
        <div className="form-row">
          {field('account_id', 'numeric')}
          {ssl ? (
            <div className="field">
              <label htmlFor="chatwoot-ssl">{ssl.label}</label>
              <select id="chatwoot-ssl" className="select" data-testid="settings-chatwoot-ssl" value={values.ssl ?? ''} aria-describedby="chatwoot-ssl-help" onChange={(e) => setValues((v) => ({ ...v, ssl: e.target.value }))}>
                {SSL_OPTIONS.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
              <p className="field-help" id="chatwoot-ssl-help">
                {ssl.description}
              </p>
            </div>
          ) : null}
        </div>
        {field('full_every_days', 'numeric')}

        <fieldset className="chatwoot-ssh">
          <legend>
            <label className="checkbox-field">
              <input type="checkbox" data-testid="settings-chatwoot-ssh-toggle" checked={showSsh} onChange={(e) => setShowSsh(e.target.checked)} />
              Conectar por túnel SSH (opcional)
            </label>
          </legend>
          {showSsh ? (
            <>
              <div className="form-row">
                {SSH_KEYS.map((key) => field(key, key === 'ssh_port' ? 'numeric' : undefined))}
              </div>
              {secretField('ssh_password')}
              {secretField('ssh_key')}
            </>
          ) : (
            <p className="field-help">Use quando o banco só aceita conexões de dentro do servidor: o Nexus abre um túnel SSH e conecta por ele.</p>
          )}
        </fieldset>

        <SourceFormFooter testIdPrefix="settings-chatwoot" error={error} saved={saved} busy={busy} dirty={dirty} test={test} onTest={() => void testConnection()} />
      </form>
    </section>
  );
}
