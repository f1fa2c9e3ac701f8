import { useImportSession } from '../../../app/importSession';
import { useReadiness } from '../../../app/readiness';
import { Alert } from '../../../components/Alert';
import { ConsortiumClients } from './ConsortiumClients';
import { ImportPanel } from './ImportPanel';

/** The consortium clients of the spreadsheet, and the import of a new one. */
export function ConsortiumTab({ onPickFile, note }: { onPickFile(): void; note: string | null }) {
  const session = useImportSession();
  useReadiness(session.busy);
  return (
    <div className="consortium-tab">
      {note && session.state.step !== 'idle' ? <Alert tone="info">{note}</Alert> : null}
      {session.error ? (
        <Alert testId="import-error" action={session.state.step === 'idle' ? <button type="button" className="button button-small" onClick={onPickFile}>Escolher outro arquivo</button> : undefined}>
          {session.error}
        </Alert>
      ) : null}
      <ImportPanel />
      <ConsortiumClients onPickFile={onPickFile} />
    </div>
  );
}
