import { useId, useState, type FormEvent } from 'react';
import { describeError } from '../app/errors';
import { useSession } from '../app/session';
import { Alert } from './Alert';

/** "Empresa Exemplo Ltda." → "empresa-exemplo-ltda": a suggestion the user can change. */
function slugFrom(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}

/** Creates a company (name + identifier); shows the core's sentence when it refuses. */
export function CompanyForm({ onCreated, onCancel, submitLabel = 'Criar empresa' }: { onCreated?(): void; onCancel?(): void; submitLabel?: string }) {
  const { createCompany } = useSession();
  const id = useId();
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [slugEdited, setSlugEdited] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await createCompany(slug.trim(), name.trim());
      onCreated?.();
    } catch (err) {
      setError(describeError(err));
      setBusy(false);
    }
  }

  return (
    <form className="form" onSubmit={submit} noValidate data-testid="company-form">
      <div className="field">
        <label htmlFor={`${id}-name`}>Nome da empresa</label>
        <input
          id={`${id}-name`}
          data-testid="company-name"
          value={name}
          autoFocus
          maxLength={120}
          placeholder="Ex.: Comercial Silva Ltda."
          onChange={(e) => {
            setName(e.target.value);
            if (!slugEdited) setSlug(slugFrom(e.target.value));
          }}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-slug`}>Identificador</label>
        <input
          id={`${id}-slug`}
          data-testid="company-slug"
          value={slug}
          maxLength={40}
          spellCheck={false}
          autoCapitalize="none"
          placeholder="ex.: comercial-silva"
          aria-describedby={`${id}-slug-help`}
          onChange={(e) => {
            setSlug(e.target.value);
            setSlugEdited(true);
          }}
        />
        <p className="field-help" id={`${id}-slug-help`}>
          Letras minúsculas, números e hífens. Usado na linha de comando e nos nomes dos arquivos.
        </p>
      </div>
      {error ? <Alert testId="company-error">{error}</Alert> : null}
      <div className="form-actions">
        {onCancel ? (
          <button type="button" className="button" onClick={onCancel}>
            Cancelar
          </button>
        ) : null}
        <button type="submit" className="button button-primary" disabled={busy} data-testid="company-create">
          {busy ? 'Criando…' : submitLabel}
        </button>
      </div>
    </form>
  );
}
