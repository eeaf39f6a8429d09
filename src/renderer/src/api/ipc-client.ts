import type { Bridge } from '../../../shared/api/channels';
import type { ApiClient } from './api-client';

/** Electron: the preload's `window.bridge`. IPC has no connection to lose. */
export function ipcClient(bridge: Bridge): ApiClient {
  return {
    call: (method, input) => bridge.call(method, input) as never,
    onEvent: (listener) => bridge.onEvent(listener),
    onConnection: (listener) => {
      listener(true);
      return () => {};
    },
  };
}
