import { UserError } from '../errors';
import type { JobError } from '../../../shared/jobs';
import { log } from '../log/logger';

/** Turns whatever a job threw into the one-sentence error the user sees; unexpected ones are logged in full. */
export function toJobError(err: unknown): JobError {
  if (err instanceof UserError) return { code: err.code, message: err.message };
  log.error('unexpected job error', { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  const message = err instanceof Error ? err.message : String(err);
  return {
    code: 'internal',
    message: `Erro inesperado: ${message.split('\n')[0]}. Tente de novo; se persistir, envie o arquivo de log ao suporte.`,
  };
}
