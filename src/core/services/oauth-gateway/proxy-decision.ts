import type { IncomingHttpHeaders } from 'node:http';

/**
 * Which requests on the public URL the gateway takes, and how (docs/architecture.md §3). Pure.
 *
 * WeChat's and MPDesk's own paths never reach the app: the message callbacks (`/wx/`), the
 * third-party platform's (`/component/`), the OAuth callback, the domain-verification files and
 * MPDesk's own endpoints (`/__mpdesk/`: the doctor's probe, the gateway's JWKS, ticket and sign-in
 * endpoints). Everything else goes to the app when one is configured.
 */
const MPDESK_PATHS = [
  /^\/wx\//,
  /^\/component\//,
  /^\/oauth\/[A-Za-z0-9_-]{1,64}\/callback\/?$/,
  /^\/MP_verify_[0-9a-zA-Z]{16}\.txt$/,
  /^\/__mpdesk\//,
];

export const isMpdeskPath = (pathname: string) => MPDESK_PATHS.some((r) => r.test(pathname));

/**
 * The path as the app will read it: escapes decoded, dot segments resolved. Protection is decided on
 * this form, so `/%61pp` or `/x/../app` cannot slip past a `/app` prefix. Null when an escape does
 * not decode or hides a slash or backslash (a path that means two things is refused, not guessed).
 */
export function canonicalPath(pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (/%2f|%5c/i.test(pathname) || decoded.includes('\\')) return null;
  const out: string[] = [];
  for (const seg of decoded.split('/').slice(1)) {
    if (seg === '..') out.pop();
    else if (seg !== '.') out.push(seg);
  }
  return `/${out.join('/')}`;
}

/** `/` protects everything; `/app` protects `/app` and `/app/…`, not `/apple`. */
export function isProtected(path: string, prefixes: readonly string[]): boolean {
  return prefixes.some((raw) => {
    const p = raw.length > 1 ? raw.replace(/\/+$/, '') : raw;
    return p === '/' || path === p || path.startsWith(`${p}/`);
  });
}

/**
 * A top-level page load, which can follow a 302 to WeChat's authorize page. Anything else (fetch,
 * XHR, an image, a script) cannot: it gets a 401 with the authorize URL to act on. Sec-Fetch-Mode
 * says it when the browser sends it; otherwise X-Requested-With or an Accept without text/html.
 */
export function isNavigation(h: IncomingHttpHeaders): boolean {
  const mode = h['sec-fetch-mode'];
  if (typeof mode === 'string') return mode === 'navigate';
  if (h['x-requested-with']) return false;
  const accept = String(h.accept ?? '');
  return (
    accept === '' || accept.includes('text/html') || (accept.includes('*/*') && !accept.includes('json'))
  );
}

/** A WebSocket handshake (RFC 6455 §4.1). */
export const isWebSocket = (h: IncomingHttpHeaders) => String(h.upgrade ?? '').toLowerCase() === 'websocket';
