import type { ReactNode } from 'react';
import { AlertIcon, CheckIcon, InfoIcon } from './icons';

/** An inline message: errors are announced at once, the rest politely. */
export function Alert({ tone = 'error', children, testId, action }: { tone?: 'error' | 'success' | 'info' | 'warning'; children: ReactNode; testId?: string; action?: ReactNode }) {
  return (
    <div className={`alert alert-${tone}`} role={tone === 'error' ? 'alert' : 'status'} data-testid={testId}>
      <span className="alert-icon">{tone === 'success' ? <CheckIcon /> : tone === 'info' ? <InfoIcon /> : <AlertIcon />}</span>
      <div className="alert-body">{children}</div>
      {action ? <div className="alert-action">{action}</div> : null}
    </div>
  );
}
