import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';
import { APP_CSP } from '../shared/app-csp';

/**
 * The renderer's CSP: the one the headless console sends too (src/shared/app-csp.ts). The page
 * also carries it as a <meta> (src/renderer/index.html), because response headers never reach a
 * file:// page, which is how the packaged app loads it.
 */
export const RENDERER_CSP = APP_CSP;

/** Window options per Electron's security checklist: isolated, sandboxed, no Node in the page. */
export function secureWindowOptions(preloadPath: string, iconPath?: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'MPDesk',
    icon: iconPath,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
    },
  };
}

/** Only http(s) links leave the app, and only to the OS browser. */
export function isSafeExternalUrl(raw: string): boolean {
  try {
    const u = new URL(raw);
    return (u.protocol === 'https:' || u.protocol === 'http:') && !u.username && !u.password;
  } catch {
    return false;
  }
}

/** Is this URL the app's own renderer (the built file or the dev server)? */
export function isAppUrl(raw: string, appUrl: string): boolean {
  try {
    const u = new URL(raw);
    const a = new URL(appUrl);
    if (a.protocol === 'file:') return u.protocol === 'file:' && u.pathname === a.pathname;
    return u.origin === a.origin;
  } catch {
    return false;
  }
}

/** Denies navigation and new windows; hands safe external links to the OS browser. */
export function lockDownContents(
  contents: WebContents,
  appUrl: string,
  openExternal: (url: string) => void,
): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    if (isAppUrl(event.url, appUrl)) return;
    event.preventDefault();
    if (isSafeExternalUrl(event.url)) openExternal(event.url);
  });
  // A navigation that will-navigate allowed can still be redirected (a server's 302), and frames
  // navigate on their own: both stay on the app's page or do not happen.
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url, appUrl)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url, appUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Adds the CSP header to every response and refuses permission prompts (camera, geolocation...). */
export function hardenSession(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [RENDERER_CSP] },
    });
  });
  session.setPermissionRequestHandler((_wc, _perm, callback) => callback(false));
}
