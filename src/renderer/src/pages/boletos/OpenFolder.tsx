import { useState } from 'react';
import { describeError } from '../../app/errors';
import { Alert } from '../../components/Alert';
import { FolderIcon } from '../../components/icons';
import { call } from '../../ipc';

interface Outcome {
  consultant: string;
  opened: boolean;
  path: string;
  message: string | null;
}

/** Opens boleto folders in the file manager; says where the folder is when it cannot open it. */
export function useOpenFolder(company: string) {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  async function open(consultant?: string) {
    const key = consultant ?? '';
    setBusy(key);
    try {
      const result = await call('robot.openFolder', { company, ...(consultant ? { consultant } : {}) });
      setOutcome({ consultant: key, ...result });
    } catch (err) {
      setOutcome({ consultant: key, opened: false, path: '', message: describeError(err) });
    } finally {
      setBusy(null);
    }
  }

  return { outcome, busy, open, dismiss: () => setOutcome(null) };
}

export function OpenFolderButton({ consultant, label, busy, onOpen, small = false }: { consultant?: string; label: string; busy: boolean; onOpen(): void; small?: boolean }) {
  return (
    <button type="button" className={`button${small ? ' button-small' : ''}`} data-testid="open-folder" data-consultant={consultant ?? ''} disabled={busy} onClick={onOpen}>
      <FolderIcon size={16} />
      {label}
    </button>
  );
}

/** What happened when a folder was asked for: nothing when it opened, else the reason and the path. */
export function OpenFolderMessage({ outcome, onDismiss }: { outcome: Outcome | null; onDismiss(): void }) {
  if (!outcome || (outcome.opened && !outcome.message)) return null;
  return (
    <div data-testid="open-folder-message" data-opened={outcome.opened}>
      <Alert
        tone="info"
        action={
          <button type="button" className="button button-small" onClick={onDismiss}>
            OK
          </button>
        }
      >
        {outcome.message ?? 'A pasta foi aberta.'}
        {outcome.path ? (
          <>
            {' '}
            Pasta: <span className="mono">{outcome.path}</span>
          </>
        ) : null}
      </Alert>
    </div>
  );
}
