import { useState, type FormEvent, type ReactNode } from 'react';
import type { Output } from '../../../../shared/contract';
import { describeError } from '../../app/errors';
import { Alert } from '../../components/Alert';
import { call } from '../../ipc';

type SourceView = Output<'sources.get'>;

const EDITABLE = ['url', 'download_dir', 'browser', 'executable_path', 'headless', 'pacing', 'month_from', 'retries'] as const;
type Key = (typeof EDITABLE)[number];

const BROWSERS = [
  { value: 'auto', label: 'Automático' },
  { value: 'msedge', label: 'Microsoft Edge' },
  { value: 'chrome', label: 'Google Chrome' },
  { value: 'chromium', label: 'Chromium' },
];
const MONTHS = [
  { value: 'vencimento', label: 'Mês do vencimento' },
  { value: 'competencia', label: 'Mês de competência (impresso no boleto)' },
];

function valuesOf(view: SourceView): Record<Key, string> {
  const get = (key: Key) => view.settings.find((s) => s.key === key)?.value ?? '';
  return Object.fromEntries(EDITABLE.map((k) => [k, get(k)])) as Record<Key, string>;
}

/** The Canopus portal and how the boleto robot drives it: address, folder, browser, pacing. */
export function CanopusCard({ company, initial }: { company: string; initial: SourceView }) {
  const [view, setView] = useState(initial);
  const [values, setValues] = useState(() => valuesOf(initial));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const spec = (key: Key) => view.settings.find((s) => s.key === key);
  const demo = view.settings.find((s) => s.key === 'demo')?.value === '1' && view.publicCredentials;
  const set = (key: Key, value: string) => {
    setSaved(false);
    setValues((v) => ({ ...v, [key]: value }));
  };

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      const settings: Record<string, string> = {};
      for (const key of EDITABLE) {
        const s = spec(key);
        if (!s) continue;
        const value = values[key].trim();
        // An emptied field goes back to the documented default.
        settings[key] = value === '' && s.default !== null ? s.default : value;
      }
      const next = await call('sources.set', { company, source: 'canopus', settings });
      setView(next);
      setValues(valuesOf(next));
      setSaved(true);
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  }

  const text = (key: Key, testId: string, extra: { inputMode?: 'url' | 'numeric' | 'text'; type?: string; min?: number; max?: number; className?: string } = {}) => {
    const s = spec(key);
    if (!s) return null;
    return (
      <Field id={`canopus-${key}`} label={s.label} help={s.description}>
        <input
          id={`canopus-${key}`}
          data-testid={testId}
          value={values[key]}
          placeholder={s.default || undefined}
          spellCheck={false}
          aria-describedby={`canopus-${key}-help`}
          {...extra}
          className={`input${extra.className ? ` ${extra.className}` : ''}`}
          onChange={(e) => set(key, e.target.value)}
        />
      </Field>
    );
  };

  const select = (key: Key, testId: string, options: Array<{ value: string; label: string }>, help: string) => {
    const s = spec(key);
    if (!s) return null;
    return (
      <Field id={`canopus-${key}`} label={s.label} help={help}>
        <select id={`canopus-${key}`} className="select" data-testid={testId} value={values[key]} aria-describedby={`canopus-${key}-help`} onChange={(e) => set(key, e.target.value)}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </Field>
    );
  };

  const checkbox = (key: Key, testId: string, label: string, help: string) => {
    const s = spec(key);
    if (!s) return null;
    return (
      <div className="checkbox-field">
        <input
          id={`canopus-${key}`}
          type="checkbox"
          data-testid={testId}
          checked={values[key] === '1'}
          aria-describedby={`canopus-${key}-help`}
          onChange={(e) => set(key, e.target.checked ? '1' : '0')}
        />
        <div>
          <label htmlFor={`canopus-${key}`}>{label}</label>
          <p className="field-help" id={`canopus-${key}-help`}>
            {help}
          </p>
        </div>
      </div>
    );
  };

  return (
    <section className="card settings-card" aria-labelledby="canopus-title" data-testid="settings-canopus">
      <header>
        <div className="settings-card-header">
          <h2 id="canopus-title" className="card-title">
            Canopus (boletos)
          </h2>
        </div>
        <p className="muted">Portal do consórcio: o robô entra com o usuário de cada ponto de venda e baixa os boletos do mês em PDF.</p>
      </header>

      {demo ? (
        <Alert tone="info" testId="settings-canopus-demo">
          Modo demonstração: o robô usa o simulador local do portal, com senhas públicas de teste.
        </Alert>
      ) : null}

      <form className="form" onSubmit={save} noValidate>
        {text('url', 'settings-canopus-url', { inputMode: 'url' })}
        {text('download_dir', 'settings-canopus-download-dir')}
        <div className="form-row">
          {select('browser', 'settings-canopus-browser', BROWSERS, 'Qual navegador o robô abre. No automático: Edge, depois Chrome, depois Chromium.')}
          {select('month_from', 'settings-canopus-month-from', MONTHS, 'O mês que vai no nome do arquivo, como MARIA_DA_SILVA_NOVEMBRO.pdf.')}
        </div>
        {text('executable_path', 'settings-canopus-executable')}
        <div className="form-row">
          {checkbox('headless', 'settings-canopus-headless', 'Navegador oculto', 'O robô trabalha sem mostrar a janela. Desmarque para acompanhar na tela.')}
          {checkbox('pacing', 'settings-canopus-pacing', 'Ritmo humano', 'Pausas curtas e variadas entre as ações, como uma pessoa: evita o captcha do portal.')}
        </div>
        {text('retries', 'settings-canopus-retries', { inputMode: 'numeric', type: 'number', min: 0, max: 5, className: 'input-narrow' })}
        <p className="muted small">Usuário e senha do portal ficam em cada ponto de venda, na tela Boletos (botão Configurar).</p>

        <div aria-live="polite">
          {error ? <Alert testId="settings-canopus-error">{error}</Alert> : null}
          {saved && !error ? (
            <Alert tone="success" testId="settings-canopus-saved">
              Configurações do Canopus salvas.
            </Alert>
          ) : null}
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" data-testid="settings-canopus-save" disabled={busy}>
            {busy ? 'Salvando…' : 'Salvar'}
          </button>
        </div>
      </form>
    </section>
  );
}

function Field({ id, label, help, children }: { id: string; label: string; help: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      <p className="field-help" id={`${id}-help`}>
        {help}
      </p>
    </div>
  );
}
