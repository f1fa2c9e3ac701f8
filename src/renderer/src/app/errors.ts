import { AppError } from '../ipc';

const FALLBACK = 'Algo deu errado nesta tela. Tente de novo; se persistir, recarregue o aplicativo.';

/** The one sentence to show for a failure: the core's own message, never a stack or "undefined". */
export function describeError(err: unknown): string {
  if (err instanceof AppError && err.message.trim()) return err.message;
  return FALLBACK;
}
