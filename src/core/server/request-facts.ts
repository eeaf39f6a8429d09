import type http from 'node:http';

/**
 * Query parameters exactly as sent: percent-decoded but a '+' stays a '+'. WeChat's `echostr` must be
 * echoed byte-exact (docs/wechat-protocol.md §1), and form-style decoding would turn '+' into a space.
 * Returns undefined for a malformed escape.
 */
export function parseRawQuery(search: string): Map<string, string> | undefined {
  const out = new Map<string, string>();
  const s = search.startsWith('?') ? search.slice(1) : search;
  if (!s) return out;
  try {
    for (const part of s.split('&')) {
      if (!part) continue;
      const eq = part.indexOf('=');
      const k = decode(eq < 0 ? part : part.slice(0, eq));
      if (!out.has(k)) out.set(k, eq < 0 ? '' : decode(part.slice(eq + 1)));
    }
  } catch {
    return undefined;
  }
  return out;
}

// WeChat's values (hex, digits, openids) rarely hold an escape: skip the decoder then.
const decode = (s: string) => (s.includes('%') ? decodeURIComponent(s) : s);

/**
 * Query names whose values are credentials (OAuth codes, a platform's auth_code until exchanged
 * §11.5, tokens) and never reach the log in clear.
 */
const SECRET_QUERY =
  /^(access_token|component_access_token|authorizer_access_token|code|auth_code|secret|appsecret|token|encodingaeskey|authtoken|refresh_token|ticket)$/i;
const SECRET_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization', 'x-api-key']);
/** Not even a hint of these reaches the log (server/source-key.ts). */
const HIDDEN_HEADERS = new Set(['x-mpdesk-source-key']);

export function mask(value: string): string {
  if (value.length <= 4) return '****';
  return `${value.slice(0, 2)}****${value.slice(-2)}`;
}

export function maskedQuery(q: Map<string, string> | undefined, rawSearch: string): Record<string, string> {
  if (!q) return { _raw: rawSearch.replace(/(access_token|secret|code|token)=[^&]*/gi, '$1=****') };
  const out: Record<string, string> = {};
  for (const [k, v] of q) out[k] = SECRET_QUERY.test(k) ? mask(v) : v;
  return out;
}

export function maskedHeaders(h: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  // for-in: Object.entries built an array per header on every request.
  for (const k in h) {
    const v = h[k];
    if (v === undefined) continue;
    const s = Array.isArray(v) ? v.join(', ') : v;
    out[k] = SECRET_HEADERS.has(k) ? mask(s) : HIDDEN_HEADERS.has(k) ? '****' : s;
  }
  return out;
}
