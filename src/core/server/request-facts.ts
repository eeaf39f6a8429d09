import type http from 'node:http';

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

/**
 * The query as the log row stores it: as it arrived when no value is a credential (nothing to mask,
 * and no object to build and serialise per request), else as JSON with the credentials masked.
 * Read back with readStoredQuery (store/repos/callback-log-row.ts).
 */
export function storedQuery(q: Map<string, string> | undefined, rawSearch: string): string {
  if (q) {
    let secret = false;
    for (const k of q.keys()) if (SECRET_QUERY.test(k)) secret = true;
    // '' or '?…': never '{', which marks the JSON form.
    if (!secret) return rawSearch;
  }
  return JSON.stringify(maskedQuery(q, rawSearch));
}

export function maskedQuery(q: Map<string, string> | undefined, rawSearch: string): Record<string, string> {
  if (!q) return { _raw: rawSearch.replace(/(access_token|secret|code|token)=[^&]*/gi, '$1=****') };
  const out: Record<string, string> = {};
  for (const [k, v] of q) out[k] = SECRET_QUERY.test(k) ? mask(v) : v;
  return out;
}

/**
 * The headers as the log row stores them: the JSON of the headers object with credentials masked,
 * written out in the object's own key order (what JSON.stringify of a copy gave), without a copy
 * whose dynamic keys made every store on the listener's hot path a megamorphic one.
 */
export function maskedHeadersJson(h: http.IncomingHttpHeaders): string {
  let out = '';
  for (const k in h) {
    const v = h[k];
    if (v === undefined) continue;
    const s = Array.isArray(v) ? v.join(', ') : v;
    const stored = SECRET_HEADERS.has(k) ? mask(s) : HIDDEN_HEADERS.has(k) ? '****' : s;
    out += `${out ? ',' : '{'}${JSON.stringify(k)}:${JSON.stringify(stored)}`;
  }
  return out ? `${out}}` : '{}';
}
