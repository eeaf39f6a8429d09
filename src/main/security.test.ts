import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  RENDERER_CSP,
  hardenSession,
  isAppUrl,
  isSafeExternalUrl,
  lockDownContents,
  secureWindowOptions,
} from './security';

describe('Electron window security', () => {
  it('isolates and sandboxes the renderer with no Node integration', () => {
    const o = secureWindowOptions('/app/out/preload/index.js');
    expect(o.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
    });
  });

  it('uses the strict CSP the headless console sends too (shared/app-csp.ts)', () => {
    expect(RENDERER_CSP).toContain("script-src 'self'");
    expect(RENDERER_CSP).not.toContain('unsafe-eval');
  });

  it('lets only plain http(s) links out to the OS browser', () => {
    expect(isSafeExternalUrl('https://mp.weixin.qq.com/')).toBe(true);
    expect(isSafeExternalUrl('file:///etc/passwd')).toBe(false);
    expect(isSafeExternalUrl('javascript:alert(1)')).toBe(false);
    expect(isSafeExternalUrl('https://user:pw@evil.example/')).toBe(false);
    expect(isSafeExternalUrl('not a url')).toBe(false);
  });

  it('recognises only its own page as the app', () => {
    const app = 'file:///opt/mpdesk/out/renderer/index.html';
    expect(isAppUrl('file:///opt/mpdesk/out/renderer/index.html#/accounts', app)).toBe(true);
    expect(isAppUrl('file:///etc/passwd', app)).toBe(false);
    expect(isAppUrl('http://localhost:5173/#/x', 'http://localhost:5173/')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
  });

  it('denies new windows and foreign navigation, opening safe links externally', () => {
    const handlers: Record<string, (...a: unknown[]) => void> = {};
    let openHandler: ((d: { url: string }) => { action: string }) | undefined;
    const contents = {
      setWindowOpenHandler: (h: typeof openHandler) => (openHandler = h),
      on: (ev: string, h: (...a: unknown[]) => void) => (handlers[ev] = h),
    };
    const opened: string[] = [];
    lockDownContents(contents as never, 'file:///app/index.html', (u) => opened.push(u));

    expect(openHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    const prevent = vi.fn();
    handlers['will-navigate']?.({ url: 'https://evil.example/', preventDefault: prevent });
    expect(prevent).toHaveBeenCalled();
    const keep = vi.fn();
    handlers['will-navigate']?.({ url: 'file:///app/index.html#/x', preventDefault: keep });
    expect(keep).not.toHaveBeenCalled();
    expect(opened).toEqual(['https://example.com/', 'https://evil.example/']);
  });

  it.each(['will-redirect', 'will-frame-navigate'])(
    'blocks %s away from the app page, and opens nothing',
    (event) => {
      const handlers: Record<string, (...a: unknown[]) => void> = {};
      const contents = {
        setWindowOpenHandler: () => {},
        on: (ev: string, h: (...a: unknown[]) => void) => (handlers[ev] = h),
      };
      const opened: string[] = [];
      lockDownContents(contents as never, 'file:///app/index.html', (u) => opened.push(u));
      for (const url of ['https://evil.example/', 'file:///etc/passwd', 'http://127.0.0.1:17390/']) {
        const prevent = vi.fn();
        handlers[event]?.({ url, preventDefault: prevent });
        expect(prevent, url).toHaveBeenCalled();
      }
      const keep = vi.fn();
      handlers[event]?.({ url: 'file:///app/index.html#/callbacks', preventDefault: keep });
      expect(keep).not.toHaveBeenCalled();
      expect(opened).toEqual([]);
    },
  );

  it('carries the CSP in the page itself, since no header reaches a file:// page', () => {
    const html = fs.readFileSync(path.resolve(__dirname, '../renderer/index.html'), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
    // frame-ancestors is the one directive a <meta> cannot deliver (the header still does).
    const expected = RENDERER_CSP.split('; ')
      .filter((d) => !d.startsWith('frame-ancestors'))
      .join('; ');
    expect(meta?.[1]).toBe(expected);
    // It must come before anything it governs.
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
  });

  it('adds the CSP to responses and refuses permission prompts', () => {
    let headersCb: ((d: unknown, cb: (r: unknown) => void) => void) | undefined;
    let permCb: ((wc: unknown, p: string, cb: (ok: boolean) => void) => void) | undefined;
    hardenSession({
      webRequest: { onHeadersReceived: (h: typeof headersCb) => (headersCb = h) },
      setPermissionRequestHandler: (h: typeof permCb) => (permCb = h),
    } as never);
    let out: { responseHeaders: Record<string, string[]> } | undefined;
    headersCb!({ responseHeaders: { a: ['b'] } }, (r) => (out = r as typeof out));
    expect(out!.responseHeaders['Content-Security-Policy']).toEqual([RENDERER_CSP]);
    const answer = vi.fn();
    permCb!({}, 'media', answer);
    expect(answer).toHaveBeenCalledWith(false);
  });
});
