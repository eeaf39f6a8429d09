import { describe, expect, it } from 'vitest';
import { canonicalPath, isMpdeskPath, isNavigation, isProtected } from './proxy-decision';
import { browserOrigin } from './request-origin';

describe('what the gateway takes', () => {
  it('leaves WeChat’s and MPDesk’s own paths alone', () => {
    for (const p of [
      '/wx/shop',
      '/component/p1/events',
      '/component/p1/wx123/messages',
      '/oauth/shop/callback',
      '/oauth/shop/callback/',
      '/MP_verify_abcdefgh12345678.txt',
      '/__mpdesk/probe/abc',
      '/__mpdesk/oauth/jwks.json',
    ])
      expect(isMpdeskPath(p), p).toBe(true);
    for (const p of [
      '/',
      '/health',
      '/app',
      '/wx',
      '/oauth/shop',
      '/oauth/shop/callback/x',
      '/MP_verify_x.txt',
    ])
      expect(isMpdeskPath(p), p).toBe(false);
  });

  it('decides protection on the path the app will read', () => {
    expect(canonicalPath('/%61pp/x')).toBe('/app/x');
    expect(canonicalPath('/x/../app/./y')).toBe('/app/y');
    expect(canonicalPath('/../../app')).toBe('/app');
    expect(canonicalPath('/a%2Fb')).toBeNull();
    expect(canonicalPath('/a%5Cb')).toBeNull();
    expect(canonicalPath('/%E0%A4%A')).toBeNull();
    expect(isProtected('/app', ['/app'])).toBe(true);
    expect(isProtected('/app/x', ['/app/'])).toBe(true);
    expect(isProtected('/apple', ['/app'])).toBe(false);
    expect(isProtected('/anything', ['/'])).toBe(true);
    expect(isProtected('/public/x', ['/app', '/api'])).toBe(false);
    expect(isProtected('/x', [])).toBe(false);
  });

  it('tells a page load from fetch/XHR and assets', () => {
    expect(isNavigation({ 'sec-fetch-mode': 'navigate', accept: 'text/html' })).toBe(true);
    expect(isNavigation({ 'sec-fetch-mode': 'cors', accept: '*/*' })).toBe(false);
    expect(isNavigation({ 'sec-fetch-mode': 'no-cors', accept: 'image/avif,*/*' })).toBe(false);
    expect(isNavigation({ accept: 'text/html,application/xhtml+xml' })).toBe(true);
    expect(isNavigation({ accept: 'application/json' })).toBe(false);
    expect(isNavigation({ accept: 'text/html', 'x-requested-with': 'XMLHttpRequest' })).toBe(false);
    expect(isNavigation({})).toBe(true);
  });
});

describe('the origin the browser used', () => {
  const pub = 'https://abc.ngrok.app';
  const local = 'http://127.0.0.1:17391';
  it('is the public URL on its host, the listener on its own, and never a Host MPDesk does not own', () => {
    expect(browserOrigin({ host: 'ABC.ngrok.app' }, pub, local)).toEqual({
      origin: 'https://abc.ngrok.app',
      proto: 'https',
      host: 'abc.ngrok.app',
      secure: true,
    });
    expect(browserOrigin({ host: '127.0.0.1:17391' }, pub, local)).toMatchObject({
      origin: 'http://127.0.0.1:17391',
      secure: false,
    });
    expect(browserOrigin({ host: 'localhost:17391' }, null, local).origin).toBe('http://localhost:17391');
    expect(browserOrigin({ host: 'evil.com' }, pub, local).origin).toBe('https://abc.ngrok.app');
    expect(browserOrigin({ host: '127.0.0.1:9999' }, null, local).origin).toBe(local);
    expect(browserOrigin({}, null, local).origin).toBe(local);
  });
});
