/**
 * Masks secrets before anything is logged, stored or shown (docs/architecture.md §5): query parameters and
 * JSON fields named like credentials keep only their last 4 characters (enough to tell two tokens
 * apart); AppSecrets are hidden entirely.
 */
const TAIL_KEYS = new Set([
  'access_token',
  'refresh_token',
  'code',
  'component_access_token',
  'component_verify_ticket',
  'authorizer_access_token',
  'authorizer_refresh_token',
  'pre_auth_code',
  'authorization_code',
  'auth_code',
  'ticket',
]);
const FULL_KEYS = new Set(['secret', 'appsecret', 'component_appsecret', 'component_secret']);

export function maskValue(key: string, value: string): string {
  const k = key.toLowerCase();
  if (FULL_KEYS.has(k)) return '***';
  if (TAIL_KEYS.has(k)) return value.length >= 12 ? `***${value.slice(-4)}` : '***';
  return value;
}

export function isSecretKey(key: string): boolean {
  const k = key.toLowerCase();
  return FULL_KEYS.has(k) || TAIL_KEYS.has(k);
}

export function maskQuery(query: URLSearchParams): string {
  const out = new URLSearchParams();
  for (const [k, v] of query) out.append(k, maskValue(k, v));
  return out.toString();
}

/** Deep copy of a JSON value with secret fields masked. */
export function maskJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskJson);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = typeof v === 'string' && isSecretKey(k) ? maskValue(k, v) : maskJson(v);
    }
    return out;
  }
  return value;
}

/** Masks a body that may be JSON; non-JSON text is kept only if it carries no obvious secret. */
export function maskBodyText(text: string): string {
  try {
    return JSON.stringify(maskJson(JSON.parse(text)));
  } catch {
    return text.replace(
      /(access_token|secret|code|refresh_token)=([^&\s"]+)/gi,
      (_m, k: string, v: string) => `${k}=${maskValue(k, v)}`,
    );
  }
}

/** The last characters of a token, for status displays. */
export function tail(token: string): string {
  return token.length >= 12 ? `…${token.slice(-4)}` : '…';
}
