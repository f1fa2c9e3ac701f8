import { useEffect, useLayoutEffect, useRef } from 'react';
import type { EventPayload, Input, IpcError, IpcResult, Method, NexusBridge, Output } from '../../shared/contract';
import type { EventName } from '../../shared/ipcNames';

declare global {
  interface Window {
    nexus: NexusBridge;
  }
}

/** An error the core reported: `message` is the one sentence to show the user. */
export class AppError extends Error {
  constructor(readonly error: IpcError) {
    super(error.message);
    this.name = 'AppError';
  }
  get code(): string {
    return this.error.code;
  }
}

/**
 * Calls a contract method and unwraps its result; failures throw AppError with the user sentence.
 * A broken channel (no bridge, closed socket) also becomes an AppError, so no screen ever shows a
 * raw exception.
 */
export async function call<M extends Method>(method: M, input: Input<M>): Promise<Output<M>> {
  let result: IpcResult<Output<M>>;
  try {
    const fn = window.nexus[method] as unknown as (input: Input<M>) => Promise<IpcResult<Output<M>>>;
    result = await fn(input);
  } catch {
    throw new AppError({
      code: 'channel',
      message: 'Não foi possível falar com o núcleo do aplicativo. Feche e abra o Nexus Desktop de novo; se persistir, envie o arquivo de log ao suporte.',
    });
  }
  if (!result.ok) throw new AppError(result.error);
  return result.value as Output<M>;
}

/** Subscribes to a core event for the component's lifetime. */
export function useEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): void {
  const ref = useRef(listener);
  useLayoutEffect(() => {
    ref.current = listener;
  });
  useEffect(() => window.nexus.on(event, (payload) => ref.current(payload)), [event]);
}
