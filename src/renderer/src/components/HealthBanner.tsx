import { formatDateTime } from '../../../shared/format';
import { navigate, paths } from '../app/routing';
import { useSession } from '../app/session';
import { AlertIcon } from './icons';

/** Says loudly that a sync keeps failing, since when, and where to fix it (a stale mirror is never silent). */
export function HealthBanner() {
  const { health, company } = useSession();
  const failing = health.filter((h) => h.state === 'failing');
  if (!failing.length) return null;
  return (
    <div className="health-banners">
      {failing.map((h) => {
        const attempts = h.consecutiveFailures === 1 ? '1 tentativa' : `${h.consecutiveFailures} tentativas`;
        return (
          <div key={h.source} className="health-banner" role="alert" data-testid="health-banner" data-source={h.source}>
            <AlertIcon />
            <p>
              <strong>
                Sincronização do {h.label} falhando desde {formatDateTime(h.failingSince, company?.timezone)} ({attempts})
              </strong>
              {h.lastError ? <> — {h.lastError.message}</> : null}
            </p>
            <button type="button" className="button button-danger-outline" data-testid="health-open-settings" onClick={() => navigate(paths.settings)}>
              Abrir configurações
            </button>
          </div>
        );
      })}
    </div>
  );
}
