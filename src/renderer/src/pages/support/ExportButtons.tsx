import { useState } from 'react';
import { formatInteger } from '../../../../shared/format';
import type { SupportExportTable, SupportGroupBy } from '../../../../shared/support';
import { downloadBase64 } from '../../app/download';
import { describeError } from '../../app/errors';
import { Alert } from '../../components/Alert';
import { DownloadIcon } from '../../components/icons';
import { call } from '../../ipc';
import { metricsQuery, type SupportFilter } from './supportView';

/** "CSV" and "Excel" for one of the dashboard's tables: the core writes the same rows the screen shows. */
export function ExportButtons({ filter, table, groupBy, label }: { filter: SupportFilter; table: SupportExportTable; groupBy?: SupportGroupBy; label: string }) {
  const [busy, setBusy] = useState<'csv' | 'xlsx' | null>(null);
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);

  async function run(format: 'csv' | 'xlsx') {
    setBusy(format);
    setResult(null);
    try {
      const file = await call('support.export', { ...metricsQuery(filter), table, format, ...(groupBy ? { groupBy } : {}) });
      downloadBase64(file.fileName, file.content);
      setResult({ ok: true, message: `Arquivo "${file.fileName}" gerado com ${formatInteger(file.rows)} ${file.rows === 1 ? 'linha' : 'linhas'}.` });
    } catch (err) {
      setResult({ ok: false, message: describeError(err) });
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="export-buttons">
      <div className="button-row" role="group" aria-label={`Exportar ${label}`}>
        <button type="button" className="button button-small" data-testid={`export-${table}-csv`} disabled={busy !== null} onClick={() => void run('csv')}>
          <DownloadIcon size={14} />
          {busy === 'csv' ? 'Gerando…' : 'CSV'}
        </button>
        <button type="button" className="button button-small" data-testid={`export-${table}-xlsx`} disabled={busy !== null} onClick={() => void run('xlsx')}>
          <DownloadIcon size={14} />
          {busy === 'xlsx' ? 'Gerando…' : 'Excel'}
        </button>
      </div>
      <div aria-live="polite">
        {result ? (
          <Alert tone={result.ok ? 'success' : 'error'} testId={`export-${table}-result`}>
            {result.message}
          </Alert>
        ) : null}
      </div>
    </div>
  );
}
