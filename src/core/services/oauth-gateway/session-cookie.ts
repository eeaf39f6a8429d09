import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The fan's session cookie on MPDesk's public host: `v1.<key id>.<claims>.<HMAC-SHA256>`, base64url
 * parts, signed with a key sealed in the secret store. The claims name the session row (one per fan
 * and scope) and carry a sliding expiry; the row decides whether the session still exists (deleting
 * it in the UI signs the fan out). Pure: no clock, no store.
 *
 * Attributes, as oauth2-proxy sets its own: HttpOnly, SameSite=Lax (WeChat's 302 back to the
 * callback is a top-level GET, which Lax lets through), Path=/, no Domain (host-only: scoped to the
 * public host), Secure when the public URL is https, which also allows the `__Host-` name prefix.
 */

export interface SessionClaims {
  /** The oauth_sessions row. */
  sid: string;
  /** Its account. */
  acct: string;
  /** The fan's openid (checked against the row). */
  sub: string;
  /** Issued and expires, epoch seconds. */
  iat: number;
  exp: number;
}

export interface CookieKey {
  id: string;
  secret: Buffer;
  /** Ids of the keys rotated out: a cookie under one of them is old, not forged. */
  retired?: readonly string[];
}

/** A week without a visit ends the session (oauth2-proxy's default cookie lifetime). */
export const SESSION_TTL_S = 7 * 24 * 3600;
/** The cookie is re-issued (sliding expiry) on a visit once it is this old. */
export const SESSION_REFRESH_S = 3600;

export type CookieVerdict =
  | { ok: true; claims: SessionClaims }
  /**
   * Not ours at all, or cut: `malformed`; a changed byte or a key MPDesk never had: `bad_signature`;
   * signed with a key since rotated out: `old_key`.
   */
  | { ok: false; problem: 'malformed' | 'bad_signature' | 'old_key' | 'expired'; claims?: SessionClaims };

const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64url');
const mac = (key: CookieKey, signed: string) => createHmac('sha256', key.secret).update(signed).digest();

export function sealSession(claims: SessionClaims, key: CookieKey): string {
  const signed = `v1.${key.id}.${b64(JSON.stringify(claims))}`;
  return `${signed}.${mac(key, signed).toString('base64url')}`;
}

export function openSession(value: string, key: CookieKey, nowS: number): CookieVerdict {
  const [version, kid, payload, sig, ...extra] = value.split('.');
  if (
    version !== 'v1' ||
    kid === undefined ||
    payload === undefined ||
    sig === undefined ||
    extra.length > 0 ||
    ![kid, payload, sig].every((p) => /^[A-Za-z0-9_-]+$/.test(p))
  )
    return { ok: false, problem: 'malformed' };
  if (kid !== key.id) return { ok: false, problem: key.retired?.includes(kid) ? 'old_key' : 'bad_signature' };
  const expected = mac(key, `v1.${kid}.${payload}`);
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, problem: 'bad_signature' };
  const claims = parseClaims(payload);
  if (!claims) return { ok: false, problem: 'malformed' };
  if (claims.exp <= nowS) return { ok: false, problem: 'expired', claims };
  return { ok: true, claims };
}

function parseClaims(payload: string): SessionClaims | null {
  try {
    const c = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const str = (k: string) => typeof c[k] === 'string' && (c[k] as string).length > 0;
    const int = (k: string) => Number.isSafeInteger(c[k]);
    if (!str('sid') || !str('acct') || !str('sub') || !int('iat') || !int('exp')) return null;
    return { sid: c.sid, acct: c.acct, sub: c.sub, iat: c.iat, exp: c.exp } as SessionClaims;
  } catch {
    return null;
  }
}

/** The claims of a visit: the same session, a fresh sliding expiry, not past `capS` (re-authorize then). */
export function slidingClaims(
  base: Omit<SessionClaims, 'iat' | 'exp'>,
  nowS: number,
  capS = Number.MAX_SAFE_INTEGER,
): SessionClaims {
  return { ...base, iat: nowS, exp: Math.min(nowS + SESSION_TTL_S, capS) };
}

export const needsReissue = (c: SessionClaims, nowS: number) => nowS - c.iat >= SESSION_REFRESH_S;

export const sessionCookieName = (secure: boolean) => (secure ? '__Host-mpdesk_session' : 'mpdesk_session');
/** oauth2-proxy's `_oauth2_proxy_csrf`: binds a sign-in started here to the browser that started it. */
export const csrfCookieName = (secure: boolean) => (secure ? '__Host-mpdesk_csrf' : 'mpdesk_csrf');
export const SESSION_COOKIE_NAMES = ['__Host-mpdesk_session', 'mpdesk_session'];
export const OWN_COOKIE_NAMES = [...SESSION_COOKIE_NAMES, '__Host-mpdesk_csrf', 'mpdesk_csrf'];

export interface CookieAttributes {
  maxAgeS: number;
  secure: boolean;
}

/** A Set-Cookie value with the attributes above. */
export function setCookie(name: string, value: string, a: CookieAttributes): string {
  const parts = [`${name}=${value}`, 'Path=/', `Max-Age=${Math.max(0, Math.floor(a.maxAgeS))}`, 'HttpOnly'];
  if (a.secure) parts.push('Secure');
  parts.push('SameSite=Lax');
  return parts.join('; ');
}

export const clearCookie = (name: string, secure: boolean) => setCookie(name, '', { maxAgeS: 0, secure });

/** The Cookie header as name → first value (RFC 6265 §5.4: the first is the most specific). */
export function readCookies(header: string | string[] | undefined): Map<string, string> {
  const out = new Map<string, string>();
  const text = Array.isArray(header) ? header.join('; ') : (header ?? '');
  for (const part of text.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (name && !out.has(name)) out.set(name, part.slice(eq + 1).trim());
  }
  return out;
}

/** The Cookie header without MPDesk's own cookies: the app behind MPDesk never needs them. */
export function withoutOwnCookies(header: string | string[] | undefined): string | undefined {
  const text = Array.isArray(header) ? header.join('; ') : header;
  if (!text) return undefined;
  const kept = text
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p && !OWN_COOKIE_NAMES.includes(p.slice(0, Math.max(0, p.indexOf('='))).trim()));
  return kept.length ? kept.join('; ') : undefined;
}

/** The session cookie a request carries, opened; null when it carries none. */
export function sessionFromCookies(
  cookies: Map<string, string>,
  key: CookieKey,
  nowS: number,
): CookieVerdict | null {
  const value = cookies.get(sessionCookieName(true)) ?? cookies.get(sessionCookieName(false));
  return value === undefined ? null : openSession(value, key, nowS);
}
