import { useId } from 'react';
import type { ClientField, ImportPreview } from '../../../../../shared/boletos';
import { formatCpf, formatInteger, formatPhone } from '../../../../../shared/format';
import type { JobProgress } from '../../../../../shared/jobs';
import { formatPointOfSale, plural } from '../../../app/boletos';
import { CLIENT_FIELDS, useImportSession, type ColumnMapping, type ImportStep } from '../../../app/importSession';
import { navigate, paths } from '../../../app/routing';
import { Alert } from '../../../components/Alert';
import { SheetIcon, XIcon } from '../../../components/icons';
import { SyncProgress } from '../../../components/SyncProgress';

export const FIELD_LABELS: Record<ClientField, string> = {
  cpf: 'CPF',
  name: 'Nome',
  consultant: 'Consultor',
  point_of_sale: 'Ponto de venda',
  grupo: 'Grupo',
  cota: 'Cota',
  situacao: 'Situação',
  phone: 'Telefone',
  email: 'E-mail',
};
const IGNORE = 'ignore';
const SAMPLE_ROWS = 8;

type Sample = ImportPreview['sample'][number];

/** A sample row's value for a field, as the user reads it. */
function shown(row: Sample, field: ClientField): string {
  const value = row[field];
  if (value === null || value === '') return '';
  if (field === 'cpf') return formatCpf(value);
  if (field === 'point_of_sale') return formatPointOfSale(value);
  if (field === 'phone') return formatPhone(value);
  return value;
}

function countsText(c: { new: number; updated: number; unchanged: number; ignored: number }): string {
  return `${plural(c.new, 'novo', 'novos')} · ${plural(c.updated, 'atualizado', 'atualizados')} · ${formatInteger(c.unchanged)} sem mudança · ${plural(c.ignored, 'ignorado', 'ignorados')}`;
}

function importCounts(counts: Record<string, number>) {
  return { new: counts['import.new'] ?? 0, updated: counts['import.updated'] ?? 0, unchanged: counts['import.unchanged'] ?? 0, ignored: counts['import.ignored'] ?? 0 };
}

/** The spreadsheet being imported: reading, preview with the column mapping, progress, result. */
export function ImportPanel() {
  const session = useImportSession();
  const { state } = session;
  switch (state.step) {
    case 'idle':
      return null;
    case 'reading':
      return (
        <section className="card import-card" aria-busy="true" data-testid="import-reading">
          <div className="import-head">
            <span className="import-file-icon">
              <SheetIcon size={20} />
            </span>
            <div>
              <h2 className="card-title">Lendo {state.fileName}…</h2>
              <p className="muted">Conferindo cada linha da planilha; nada é gravado antes da sua confirmação.</p>
            </div>
          </div>
          <div className="progress-track progress-indeterminate" role="progressbar" aria-label="Lendo a planilha">
            <div className="progress-fill" />
          </div>
        </section>
      );
    case 'done': {
      const c = importCounts(state.finished.counts);
      return (
        <section className="card import-card" data-testid="import-result" data-new={c.new} data-updated={c.updated} data-unchanged={c.unchanged} data-ignored={c.ignored}>
          <Alert
            tone="success"
            action={
              <button type="button" className="icon-button" aria-label="Fechar o resumo da importação" onClick={session.reset}>
                <XIcon size={16} />
              </button>
            }
          >
            <strong>Importação de {state.fileName} concluída:</strong> {countsText(c)}.
          </Alert>
          <div className="card-row">
            <p className="muted">Os clientes estão na lista abaixo. Cada ponto de venda da planilha aparece em Boletos, pronto para baixar os boletos do mês.</p>
            <button type="button" className="button" data-testid="import-go-boletos" onClick={() => navigate(paths.boletos)}>
              Ir para Boletos
            </button>
          </div>
        </section>
      );
    }
    default:
      return <PreviewCard state={state} />;
  }
}

function PreviewCard({ state }: { state: Extract<ImportStep, { step: 'preview' | 'importing' }> }) {
  const session = useImportSession();
  const id = useId();
  const { preview, mapping } = state;
  const importing = state.step === 'importing';
  const locked = importing || state.refreshing;
  const noPointOfSaleColumn = mapping.point_of_sale === null;
  const missingPointOfSale = preview.problems.some((p) => p.message === 'sem ponto de venda');
  const showDefault = noPointOfSaleColumn || missingPointOfSale || state.defaultPointOfSale !== '';
  const canImport = !locked && !state.problem && preview.valid > 0;
  const c = preview.counts;

  return (
    <section
      className={`card import-card${state.refreshing ? ' is-stale' : ''}`}
      aria-labelledby={`${id}-title`}
      aria-busy={state.refreshing}
      data-testid="import-preview"
      data-refreshing={state.refreshing}
    >
      <div className="import-head">
        <span className="import-file-icon">
          <SheetIcon size={20} />
        </span>
        <div className="import-head-text">
          <h2 id={`${id}-title`} className="card-title">
            Prévia da importação
          </h2>
          <p className="import-meta" data-testid="import-meta">
            <span className="mono">{preview.fileName}</span>
            {preview.sheet ? <span>planilha “{preview.sheet}”</span> : null}
            <span>cabeçalho na linha {formatInteger(preview.headerRow)}</span>
            <span>
              {plural(preview.rows, 'linha preenchida', 'linhas preenchidas')}, {plural(preview.valid, 'válida', 'válidas')}
            </span>
          </p>
        </div>
        {!importing ? (
          <button type="button" className="icon-button" aria-label="Descartar esta planilha" data-testid="import-discard" onClick={session.reset}>
            <XIcon />
          </button>
        ) : null}
      </div>

      <p className="import-counts" data-testid="import-counts" data-new={c.new} data-updated={c.updated} data-unchanged={c.unchanged} data-ignored={c.ignored} aria-live="polite">
        <Count value={c.new} label={c.new === 1 ? 'novo' : 'novos'} tone="new" />
        <Count value={c.updated} label={c.updated === 1 ? 'atualizado' : 'atualizados'} tone="updated" />
        <Count value={c.unchanged} label="sem mudança" tone="unchanged" />
        <Count value={c.ignored} label={c.ignored === 1 ? 'ignorado' : 'ignorados'} tone="ignored" />
      </p>

      {state.problem ? <Alert testId="import-mapping-error">{state.problem}</Alert> : null}

      <div className="import-grid">
        <div className="import-block">
          <h3 className="block-title">Colunas da planilha</h3>
          <p className="muted small">Confira qual informação cada coluna traz. Se algo estiver errado, escolha o campo certo; a prévia é refeita na hora.</p>
          <div className="table-scroll import-columns">
            <table className="table table-compact">
              <thead>
                <tr>
                  <th scope="col">Coluna</th>
                  <th scope="col">Cabeçalho</th>
                  <th scope="col">Campo</th>
                  <th scope="col">Exemplo</th>
                </tr>
              </thead>
              <tbody>
                {preview.columns.map((column) => (
                  <ColumnRow key={column.index} column={column} mapping={mapping} preview={preview} disabled={importing} onChange={session.setColumnField} />
                ))}
              </tbody>
            </table>
          </div>
        </div>

        <div className="import-block">
          {showDefault ? (
            <div className="field" data-testid="import-default-pdv-field">
              <label htmlFor={`${id}-pdv`}>Ponto de venda padrão</label>
              <input
                id={`${id}-pdv`}
                className="input"
                data-testid="import-default-pdv"
                value={state.defaultPointOfSale}
                inputMode="numeric"
                placeholder="ex.: 17.308"
                maxLength={20}
                disabled={importing}
                aria-describedby={`${id}-pdv-help`}
                onChange={(e) => session.setDefaultPointOfSale(e.target.value)}
              />
              <p className="field-help" id={`${id}-pdv-help`}>
                {noPointOfSaleColumn
                  ? 'Nenhuma coluna informa o ponto de venda: os clientes desta planilha irão para o ponto de venda digitado aqui.'
                  : 'Usado nas linhas com a célula do ponto de venda vazia.'}
              </p>
            </div>
          ) : null}
          <Problems preview={preview} />
        </div>
      </div>

      <div className="import-block">
        <h3 className="block-title">Primeiras linhas, como serão gravadas</h3>
        <SampleTable preview={preview} />
      </div>

      <footer className="import-footer">
        {importing ? (
          <div className="import-progress">
            <SyncProgress progress={state.progress ?? STARTING} testId="import-progress" />
            <button type="button" className="button button-small" data-testid="import-cancel" disabled={!state.jobId} onClick={() => void session.cancelImport()}>
              Cancelar
            </button>
          </div>
        ) : (
          <>
            <p className="muted small">
              {preview.valid === 0
                ? 'Nenhuma linha válida para importar: confira as colunas e os problemas acima.'
                : 'Tudo é gravado de uma vez no final: se algo falhar, nada muda.'}
            </p>
            <div className="button-row">
              <button type="button" className="button" onClick={session.reset}>
                Descartar
              </button>
              <button type="button" className="button button-primary" data-testid="import-confirm" disabled={!canImport} onClick={() => void session.confirm()}>
                Importar {plural(preview.valid, 'linha', 'linhas')}
              </button>
            </div>
          </>
        )}
      </footer>
    </section>
  );
}

function Count({ value, label, tone }: { value: number; label: string; tone: string }) {
  return (
    <span className={`import-count import-count-${tone}`}>
      <strong>{formatInteger(value)}</strong> {label}
    </span>
  );
}

function ColumnRow({
  column,
  mapping,
  preview,
  disabled,
  onChange,
}: {
  column: ImportPreview['columns'][number];
  mapping: ColumnMapping;
  preview: ImportPreview;
  disabled: boolean;
  onChange(column: number, field: ClientField | null): void;
}) {
  const selected = CLIENT_FIELDS.find((f) => mapping[f] === column.index) ?? null;
  const example = exampleOf(column, preview);
  const selectId = `import-column-${column.index}`;
  return (
    <tr className={selected ? undefined : 'row-muted'}>
      <td className="mono">{column.letter}</td>
      <td className="cell-name" title={column.header}>
        <label htmlFor={selectId}>{column.header || <span className="muted">(sem título)</span>}</label>
      </td>
      <td>
        <select
          id={selectId}
          className="select select-small"
          data-testid={`import-mapping-${column.index}`}
          value={selected ?? IGNORE}
          disabled={disabled}
          onChange={(e) => onChange(column.index, e.target.value === IGNORE ? null : (e.target.value as ClientField))}
        >
          <option value={IGNORE}>— ignorar —</option>
          {CLIENT_FIELDS.map((f) => (
            <option key={f} value={f}>
              {FIELD_LABELS[f]}
            </option>
          ))}
        </select>
      </td>
      <td className="cell-example" title={example}>
        {example || <span className="muted">—</span>}
      </td>
    </tr>
  );
}

/** The first value the column holds in the sample rows. */
function exampleOf(column: ImportPreview['columns'][number], preview: ImportPreview): string {
  for (const row of preview.sample.slice(0, 5)) {
    if (column.field) {
      const value = column.field === 'name' ? row.name_raw : shown(row, column.field);
      if (value) return value;
    } else {
      const value = row.extra[column.header || `Coluna ${column.letter}`];
      if (value !== null && value !== undefined && value !== '') return String(value);
    }
  }
  return '';
}

function Problems({ preview }: { preview: ImportPreview }) {
  const ignored = preview.counts.ignored;
  if (!preview.problems.length) {
    return (
      <div className="import-problems-ok" data-testid="import-problems" data-count={0}>
        <h3 className="block-title">Problemas</h3>
        <p className="muted">Nenhuma linha com problema: todas as linhas com CPF e nome podem ser importadas.</p>
      </div>
    );
  }
  return (
    <div data-testid="import-problems" data-count={ignored}>
      <h3 className="block-title">{ignored === 1 ? '1 linha será ignorada' : `${formatInteger(ignored)} linhas serão ignoradas`}</h3>
      <p className="muted small">Corrija na planilha e solte-a de novo, ou importe sem elas.</p>
      <ul className="problem-list">
        {preview.problems.map((p, i) => (
          <li key={`${p.row}-${i}`} data-testid="import-problem" data-row={p.row}>
            <span className="problem-where">
              linha {p.row}
              {p.column ? ` (${p.column})` : ''}:
            </span>{' '}
            {p.message}
          </li>
        ))}
      </ul>
      {ignored > preview.problems.length ? <p className="muted small">Mostrando as primeiras {formatInteger(preview.problems.length)}.</p> : null}
    </div>
  );
}

function SampleTable({ preview }: { preview: ImportPreview }) {
  if (!preview.sample.length) return <p className="muted">Nenhuma linha válida para mostrar.</p>;
  return (
    <div className="table-scroll">
      <table className="table table-compact fixed-table" data-testid="import-sample">
        <colgroup>
          <col className="col-row" />
          <col className="col-cpf" />
          <col className="col-name" />
          <col className="col-consultant" />
          <col className="col-pv" />
          <col className="col-cota" />
          <col className="col-situacao" />
          <col />
        </colgroup>
        <thead>
          <tr>
            <th scope="col" className="num">
              Linha
            </th>
            <th scope="col">CPF</th>
            <th scope="col">Nome</th>
            <th scope="col">Consultor</th>
            <th scope="col">PV</th>
            <th scope="col">Grupo / cota</th>
            <th scope="col">Situação</th>
            <th scope="col">Contato</th>
          </tr>
        </thead>
        <tbody>
          {preview.sample.slice(0, SAMPLE_ROWS).map((row) => (
            <tr key={row.row} data-testid="import-sample-row">
              <td className="num muted">{row.row}</td>
              <td className="nowrap">{shown(row, 'cpf')}</td>
              <td className="cell-ellipsis cell-strong" title={row.name_raw !== row.name ? `Na planilha: ${row.name_raw}` : row.name}>
                {row.name}
              </td>
              <td className="cell-ellipsis" title={row.consultant}>
                {row.consultant || <span className="muted">—</span>}
              </td>
              <td className="nowrap">{shown(row, 'point_of_sale') || <span className="muted">—</span>}</td>
              <td className="nowrap">{row.grupo || row.cota ? `${row.grupo || '—'} / ${row.cota || '—'}` : <span className="muted">—</span>}</td>
              <td className="cell-ellipsis">{row.situacao ?? <span className="muted">—</span>}</td>
              <td className="cell-ellipsis">
                {row.phone ? <span className="cell-line">{shown(row, 'phone')}</span> : null}
                {row.email ? (
                  <span className="cell-line cell-sub" title={row.email}>
                    {row.email}
                  </span>
                ) : null}
                {!row.phone && !row.email ? <span className="muted">—</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const STARTING: JobProgress = {
  jobId: '',
  company: '',
  kind: 'import',
  source: null,
  title: 'Importação de clientes',
  phase: 'starting',
  done: 0,
  total: null,
  unit: '',
  message: null,
  ratePerSecond: null,
  etaSeconds: null,
  startedAt: '',
  waitingForUser: false,
};
