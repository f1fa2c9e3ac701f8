import type { SourceSync } from '../app/useSourceSync';
import { Alert } from './Alert';
import { SyncIcon } from './icons';

/**
 * A page's own sync button and the sentence of a failed run, for pages that sync one source
 * (`label` names it: "Sincronizar CVDW"). Test ids: `<testIdPrefix>-sync-start`, `-sync-error`.
 */
export function SyncButton({ sync, label, testIdPrefix, primary = false }: { sync: SourceSync; label: string; testIdPrefix: string; primary?: boolean }) {
  return (
    <button type="button" className={`button${primary ? ' button-primary' : ''}`} data-testid={`${testIdPrefix}-sync-start`} disabled={sync.starting || Boolean(sync.active)} onClick={() => void sync.start()}>
      <SyncIcon size={16} />
      {sync.starting ? 'Iniciando…' : primary ? 'Sincronizar agora' : label}
    </button>
  );
}

export function SyncOutcome({ sync, testIdPrefix }: { sync: SourceSync; testIdPrefix: string }) {
  if (sync.error) return <Alert testId={`${testIdPrefix}-sync-error`}>{sync.error}</Alert>;
  if (!sync.active && sync.finished?.status === 'failed' && sync.finished.error) return <Alert testId={`${testIdPrefix}-sync-error`}>{sync.finished.error.message}</Alert>;
  return null;
}
