import { useState } from 'react';
import { useSession } from '../app/session';
import { CompanyForm } from './CompanyForm';
import { Dialog } from './Dialog';
import { PlusIcon } from './icons';

export function CompanySwitcher() {
  const { companies, company, selectCompany } = useSession();
  const [creating, setCreating] = useState(false);
  return (
    <div className="company-switcher">
      {companies?.length ? (
        <>
          <label htmlFor="company-select" className="visually-hidden">
            Empresa
          </label>
          <select id="company-select" className="select" data-testid="company-select" value={company?.slug ?? ''} onChange={(e) => selectCompany(e.target.value)}>
            {companies.map((c) => (
              <option key={c.slug} value={c.slug}>
                {c.name}
              </option>
            ))}
          </select>
        </>
      ) : null}
      <button type="button" className="button" data-testid="company-new" onClick={() => setCreating(true)}>
        <PlusIcon size={16} />
        Nova empresa
      </button>
      {creating ? (
        <Dialog title="Nova empresa" onClose={() => setCreating(false)} testId="company-dialog">
          <p className="muted">Cada empresa tem seu próprio espelho local de dados, suas conexões e suas chaves.</p>
          <CompanyForm onCreated={() => setCreating(false)} onCancel={() => setCreating(false)} />
        </Dialog>
      ) : null}
    </div>
  );
}
