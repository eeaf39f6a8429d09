import { createHash } from 'node:crypto';
import type { Random } from '../../runtime';
import { csrfCookieName, setCookie } from './session-cookie';

/** The CSRF cookie lives as long as a state may wait for its callback. */
export const CSRF_TTL_S = 30 * 60;

export const csrfHash = (nonce: string) => createHash('sha256').update(`mpdesk-csrf:${nonce}`).digest('hex');

/** The hash of the browser's CSRF cookie, if it has one. */
export function csrfOfCookies(cookies: Map<string, string>): string | null {
  const nonce = cookies.get(csrfCookieName(true)) ?? cookies.get(csrfCookieName(false));
  return nonce && /^[A-Za-z0-9_-]{20,64}$/.test(nonce) ? csrfHash(nonce) : null;
}

/**
 * The browser's CSRF binding for a sign-in the gateway starts (oauth2-proxy's CSRF cookie): its
 * existing cookie, so sign-ins in two tabs do not undo each other, or a new one to set. The state
 * keeps the hash; the callback refuses a browser that does not carry the cookie.
 */
export function csrfBinding(
  cookies: Map<string, string>,
  random: Random,
  secure: boolean,
): { hash: string; setCookie: string | null } {
  const existing = cookies.get(csrfCookieName(secure));
  if (existing && /^[A-Za-z0-9_-]{20,64}$/.test(existing))
    return { hash: csrfHash(existing), setCookie: null };
  const nonce = random.bytes(24).toString('base64url');
  return {
    hash: csrfHash(nonce),
    setCookie: setCookie(csrfCookieName(secure), nonce, { maxAgeS: CSRF_TTL_S, secure }),
  };
}
