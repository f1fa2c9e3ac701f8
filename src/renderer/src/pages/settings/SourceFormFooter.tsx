import { Alert } from '../../components/Alert';

/**
 * The end of every source settings form: the save/error messages, "Testar conexão" and "Salvar",
 * and the test's one-sentence result. `testIdPrefix` keeps each card's test ids
 * (`<prefix>-save`, `<prefix>-test`, `<prefix>-test-result`…).
 */
export function SourceFormFooter({
  testIdPrefix,
  error,
  saved,
  busy,
  dirty,
  test,
  onTest,
}: {
  testIdPrefix: string;
  error: string | null;
  saved: string | null;
  busy: string | null;
  dirty: boolean;
  test: { ok: boolean; message: string } | null;
  onTest: () => void;
}) {
  return (
    <>
      <div aria-live="polite">
        {error ? <Alert testId={`${testIdPrefix}-error`}>{error}</Alert> : null}
        {saved && !error ? (
          <Alert tone="success" testId={`${testIdPrefix}-saved`}>
            {saved}
          </Alert>
        ) : null}
      </div>

      <div className="form-actions form-actions-split">
        <div className="test-connection">
          <button type="button" className="button" data-testid={`${testIdPrefix}-test`} disabled={busy !== null} onClick={onTest}>
            {busy === 'test' ? 'Testando…' : 'Testar conexão'}
          </button>
          {dirty && !test ? <span className="muted small">O teste usa a configuração salva.</span> : null}
        </div>
        <button type="submit" className="button button-primary" data-testid={`${testIdPrefix}-save`} disabled={busy !== null}>
          {busy === 'save' ? 'Salvando…' : 'Salvar'}
        </button>
      </div>
      <div aria-live="polite">
        {test ? (
          <div className={`test-result ${test.ok ? 'test-ok' : 'test-failed'}`} data-testid={`${testIdPrefix}-test-result`} data-ok={test.ok} role={test.ok ? 'status' : 'alert'}>
            <strong>{test.ok ? 'Conexão OK' : 'Falha na conexão'}</strong> — {test.message}
          </div>
        ) : null}
      </div>
    </>
  );
}
