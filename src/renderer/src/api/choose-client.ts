import type { Bridge } from '../../../shared/api/channels';
import type { ApiClient } from './api-client';
import { httpClient } from './http-client';
import { ipcClient } from './ipc-client';

const TOKEN_KEY = 'mpdesk.consoleToken';

/**
 * Electron exposes `window.bridge`; in a browser the console token arrives once in the URL hash
 * (`#token=...`), is kept in sessionStorage and removed from the address bar.
 */
export function chooseClient(): ApiClient | { missingToken: true } {
  const bridge = (window as unknown as { bridge?: Bridge }).bridge;
  if (bridge) return ipcClient(bridge);
  const fromHash = /(?:^#|&)token=([^&]+)/.exec(window.location.hash)?.[1];
  if (fromHash !== undefined) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(fromHash));
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  const token = sessionStorage.getItem(TOKEN_KEY);
  return token ? httpClient(token) : { missingToken: true };
}
