import type { IpcMain, WebContents } from 'electron';
import { dispatch, type Handlers } from '../core/api';
import type { NexusCore } from '../core/nexusCore';
import { EVENT_NAMES, METHOD_NAMES } from '../../shared/ipcNames';

/**
 * Wires every contract method to ipcMain through `dispatch` (input validated there) and forwards
 * core events to the window. Only frames of our own window may call.
 */
export function registerIpc(ipcMain: IpcMain, handlers: Handlers, isTrustedSender: (sender: WebContents, frameUrl: string) => boolean): void {
  for (const method of METHOD_NAMES) {
    ipcMain.handle(method, (event, input: unknown) => {
      if (!isTrustedSender(event.sender, event.senderFrame?.url ?? '')) {
        return { ok: false, error: { code: 'forbidden-sender', message: 'Chamada recusada: origem não confiável.' } };
      }
      return dispatch(handlers, method, input);
    });
  }
}

export function forwardEvents(core: NexusCore, target: () => WebContents | null): () => void {
  const offs = EVENT_NAMES.map((event) =>
    core.on(event, (payload: unknown) => {
      const contents = target();
      if (contents && !contents.isDestroyed()) contents.send(event, payload);
    }),
  );
  return () => offs.forEach((off) => off());
}
