import { useRef, useState, type KeyboardEvent } from 'react';
import { useImportSession } from '../../app/importSession';
import { SheetIcon, UploadIcon } from '../../components/icons';
import { ConsortiumTab } from './consortium/ConsortiumTab';
import { useFileDrop } from './consortium/useFileDrop';
import { CrmCustomersTab } from './CrmCustomersTab';
import { rememberCustomersTab, rememberedCustomersTab, type CustomersTab } from './customersTab';

const TABS: Array<{ id: CustomersTab; label: string; testId: string; subtitle: string }> = [
  { id: 'crm', label: 'CRM (Ploomes)', testId: 'clients-tab-crm', subtitle: 'Compras de cada cliente no espelho local do Ploomes' },
  { id: 'consortium', label: 'Consórcio (planilha)', testId: 'clients-tab-consortium', subtitle: 'Clientes de consórcio importados da planilha dos consultores: CPF, cotas e ponto de venda' },
];

const ACCEPTED_FILES = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';

/**
 * Clientes: the Ploomes customers and the consortium clients of the spreadsheet. A spreadsheet
 * dropped anywhere on the page (or picked with the button) starts an import on the consortium tab.
 */
export function CustomersPage() {
  const session = useImportSession();
  const [tab, setTab] = useState<CustomersTab>(rememberedCustomersTab);
  const [dropNote, setDropNote] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const tabRefs = useRef<Record<CustomersTab, HTMLButtonElement | null>>({ crm: null, consortium: null });

  const select = (next: CustomersTab) => {
    rememberCustomersTab(next);
    setTab(next);
  };

  const importFile = (file: File, count = 1) => {
    select('consortium');
    setDropNote(count > 1 ? `Você soltou ${count} arquivos; só o primeiro, "${file.name}", será importado. Solte uma planilha por vez.` : null);
    session.stageFile(file);
  };

  const dragging = useFileDrop(importFile);

  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft' && event.key !== 'Home' && event.key !== 'End') return;
    event.preventDefault();
    const index = TABS.findIndex((t) => t.id === tab);
    const next =
      event.key === 'Home' ? TABS[0] : event.key === 'End' ? TABS[TABS.length - 1] : TABS[(index + (event.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length];
    select(next.id);
    tabRefs.current[next.id]?.focus();
  };

  const current = TABS.find((t) => t.id === tab) ?? TABS[0];
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1 tabIndex={-1}>Clientes</h1>
          <p className="page-subtitle">{current.subtitle}</p>
        </div>
        <div className="button-row">
          <input
            ref={input}
            type="file"
            accept={ACCEPTED_FILES}
            className="visually-hidden"
            tabIndex={-1}
            aria-hidden="true"
            data-testid="import-file-input"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) importFile(file);
            }}
          />
          <button type="button" className="button" data-testid="import-button" disabled={session.state.step === 'importing'} onClick={() => input.current?.click()}>
            <UploadIcon size={16} />
            Importar planilha
          </button>
        </div>
      </header>

      <div className="tabs" role="tablist" aria-label="Tipo de cliente">
        {TABS.map((t) => (
          <button
            key={t.id}
            ref={(el) => {
              tabRefs.current[t.id] = el;
            }}
            type="button"
            role="tab"
            id={`clients-tab-${t.id}`}
            className="tab"
            aria-selected={t.id === tab}
            aria-controls={`clients-panel-${t.id}`}
            tabIndex={t.id === tab ? 0 : -1}
            data-testid={t.testId}
            onClick={() => select(t.id)}
            onKeyDown={onTabKey}
          >
            {t.label}
          </button>
        ))}
      </div>

      <div className="tab-panel" role="tabpanel" id={`clients-panel-${tab}`} aria-labelledby={`clients-tab-${tab}`}>
        {tab === 'crm' ? <CrmCustomersTab /> : <ConsortiumTab onPickFile={() => input.current?.click()} note={dropNote} />}
      </div>

      {dragging ? (
        <div className="drop-overlay" data-testid="import-drop-overlay">
          <div className="drop-overlay-card">
            <span className="drop-overlay-icon">
              <SheetIcon size={32} />
            </span>
            <p className="drop-overlay-title">Solte a planilha para importar</p>
            <p className="muted">Arquivo .xlsx (Excel) ou .csv com o CPF e o nome dos clientes. Nada é gravado antes da sua confirmação.</p>
          </div>
        </div>
      ) : null}
    </div>
  );
}
