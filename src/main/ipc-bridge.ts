import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { dispatch, type Core } from '../core';
import { CALL_CHANNEL, EVENT_CHANNEL } from '../shared/api/channels';
import type { Result } from '../shared/api/result';
import { isAppUrl } from './security';

/**
 * The Electron transport of the contract (docs/architecture.md §2): one invoke channel for calls, checked
 * against the sender frame, and one push channel for events.
 */
export function registerIpc(ipcMain: IpcMain, core: Core, appUrl: string): () => void {
  const onCall = async (
    event: IpcMainInvokeEvent,
    method: unknown,
    input: unknown,
  ): Promise<Result<unknown>> => {
    const frame = event.senderFrame;
    // Only our own top-level page may call core: not an iframe, not a page navigated elsewhere.
    if (!frame || frame.parent !== null || !isAppUrl(frame.url, appUrl)) {
      return {
        ok: false,
        error: { code: 'forbidden', message: 'Calls are accepted from the MPDesk window only.' },
      };
    }
    if (typeof method !== 'string') {
      return { ok: false, error: { code: 'invalid_input', message: 'Method name must be a string.' } };
    }
    return dispatch(core.handlers, method, input, { transport: 'ipc' });
  };
  ipcMain.handle(CALL_CHANNEL, onCall);
  return () => ipcMain.removeHandler(CALL_CHANNEL);
}

/** Forwards core events to a window until it is destroyed. */
export function forwardEvents(core: Core, contents: WebContents): () => void {
  const unsubscribe = core.events.subscribe((e) => {
    if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, e);
  });
  contents.once('destroyed', unsubscribe);
  return unsubscribe;
}
