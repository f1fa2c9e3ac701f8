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

const FIELD_TEST_IDS: Record<string, string> = { url: 'settings-ploomes-url', requests_per_minute: 'settings-ploomes-rpm' };
const EDITABLE = ['url', 'requests_per_minute'];

function valuesOf(view: SourceView): Record<string, string> {
  return Object.fromEntries(view.settings.filter((s) => EDITABLE.includes(s.key)).map((s) => [s.key, s.value]));
}

/** Ploomes connection: address, request budget, the User-Key (write-only) and a connection test. */
export function PloomesCard({ company, initial }: { company: string; initial: SourceView }) {
  const { reloadHealth } = useSession();
  const [view, setView] = useState(initial);
  const [values, setValues] = useState(() => valuesOf(initial));
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState<'save' | 'test' | 'remove' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [test, setTest] = useState<{ ok: boolean; message: string } | null>(null);

  const secret = view.secrets.find((s) => s.name === 'key');
  const demo = view.settings.find((s) => s.key === 'demo')?.value === '1';
  const savedValues = valuesOf(view);
  const dirty = EDITABLE.some((k) => (values[k] ?? '') !== (savedValues[k] ?? '')) || key.trim() !== '';

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
      let next = await call('sources.set', { company, source: 'ploomes', settings });
      setView(next);
      setValues(valuesOf(next));
      if (key.trim()) {
        next = await call('secrets.set', { company, source: 'ploomes', name: 'key', value: key });
        setView(next);
        setKey('');
        setSaved('Configurações e chave salvas.');
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

  async function removeKey() {
    setBusy('remove');
    setError(null);
    setSaved(null);
    try {
      setView(await call('secrets.delete', { company, source: 'ploomes', name: 'key' }));
      setSaved('Chave removida do cofre do sistema.');
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
      const result = await call('sources.test', { company, source: 'ploomes' });
      setTest({ ok: result.ok, message: result.message });
    } catch (err) {
      setTest({ ok: false, message: describeError(err) });
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="card settings-card" aria-labelledby="ploomes-title">
      <header>
        <div className="settings-card-header">
          <h2 id="ploomes-title" className="card-title">
            {view.label}
          </h2>
          {secret ? (
            <span className="key-status">
              {view.publicCredentials ? 'Chave de demonstração' : secret.label}
              <span data-testid="settings-key-status" data-configured={String(secret.configured)}>
                {secret.configured === null ? (
                  <Chip tone="warning">cofre indisponível</Chip>
                ) : (
                  <Chip tone={secret.configured ? 'success' : 'neutral'}>{secret.configured ? 'configurada' : 'não configurada'}</Chip>
                )}
              </span>
            </span>
          ) : null}
        </div>
        <p className="muted">CRM: clientes e negócios. A API pública do Ploomes é lida com a User-Key da sua conta.</p>
      </header>

      {demo ? (
        <Alert tone="info" testId="settings-demo">
          Modo demonstração: esta empresa usa o simulador local do Ploomes com a chave pública de demonstração. Nenhuma chave real é necessária.
        </Alert>
      ) : null}

      {!view.keychain.available ? (
        <Alert tone="warning" testId="settings-keychain">
          {view.keychain.message}
        </Alert>
      ) : null}

      <form className="form" onSubmit={save} noValidate>
        {view.settings
          .filter((s) => EDITABLE.includes(s.key))
          .map((s) => (
            <div className="field" key={s.key}>
              <label htmlFor={`ploomes-${s.key}`}>{s.label}</label>
              <input
                id={`ploomes-${s.key}`}
                className="input"
                data-testid={FIELD_TEST_IDS[s.key]}
                value={values[s.key] ?? ''}
                placeholder={s.default ?? undefined}
                inputMode={s.key === 'requests_per_minute' ? 'numeric' : 'url'}
                spellCheck={false}
                aria-describedby={`ploomes-${s.key}-help`}
                onChange={(e) => setValues((v) => ({ ...v, [s.key]: e.target.value }))}
              />
              <p className="field-help" id={`ploomes-${s.key}-help`}>
                {s.description}
              </p>
            </div>
          ))}

        {secret ? (
          <div className="field">
            <label htmlFor="ploomes-key">{secret.label}</label>
            <div className="input-with-action">
              <div className="input-icon">
                <KeyIcon size={16} />
                <input
                  id="ploomes-key"
                  type="password"
                  className="input"
                  data-testid="settings-ploomes-key"
                  value={key}
                  autoComplete="off"
                  spellCheck={false}
                  placeholder={
                    view.publicCredentials ? 'Não é necessária no modo demonstração' : secret.configured ? '•••••••• (guardada no cofre; digite para trocar)' : 'Cole aqui a User-Key'
                  }
                  aria-describedby="ploomes-key-help"
                  onChange={(e) => setKey(e.target.value)}
                />
              </div>
              {secret.configured && !view.publicCredentials ? (
                <button type="button" className="button button-danger-outline" data-testid="settings-key-remove" disabled={busy !== null} onClick={() => void removeKey()}>
                  Remover chave
                </button>
              ) : null}
            </div>
            <p className="field-help" id="ploomes-key-help">
              {secret.description} Fica no cofre de senhas do sistema e nunca é exibida de volta.
            </p>
          </div>
        ) : null}

        <SourceFormFooter testIdPrefix="settings" error={error} saved={saved} busy={busy} dirty={dirty} test={test} onTest={() => void testConnection()} />
      </form>
    </section>
  );
}
