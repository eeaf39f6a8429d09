import { describe, expect, it } from 'vitest';
import {
  clearCookie,
  needsReissue,
  openSession,
  readCookies,
  sealSession,
  setCookie,
  slidingClaims,
  SESSION_TTL_S,
  withoutOwnCookies,
  type CookieKey,
} from './session-cookie';

const key: CookieKey = { id: 'k1', secret: Buffer.alloc(32, 7) };
const claims = slidingClaims({ sid: 's1', acct: 'a1', sub: 'oFan' }, 1_000);

describe('the session cookie', () => {
  it('opens what it sealed, with a sliding expiry', () => {
    const v = sealSession(claims, key);
    expect(v).toMatch(/^v1\.k1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(openSession(v, key, 1_001)).toEqual({ ok: true, claims });
    expect(claims.exp).toBe(1_000 + SESSION_TTL_S);
    expect(slidingClaims(claims, 2_000, 5_000).exp).toBe(5_000);
    expect(needsReissue(claims, 1_000 + 3599)).toBe(false);
    expect(needsReissue(claims, 1_000 + 3600)).toBe(true);
  });

  it('refuses forged, tampered, expired, foreign-key and malformed cookies', () => {
    const v = sealSession(claims, key);
    const [, kid, payload, sig = ''] = v.split('.');
    expect(sig).not.toBe('');
    const other = { ...claims, sid: 's2', sub: 'oSomeoneElse' };
    const swapped = `v1.${kid}.${Buffer.from(JSON.stringify(other)).toString('base64url')}.${sig}`;
    expect(openSession(swapped, key, 1_001)).toEqual({ ok: false, problem: 'bad_signature' });
    const flipped = `v1.${kid}.${payload}.${sig.slice(0, -2)}${sig.endsWith('AA') ? 'AB' : 'AA'}`;
    expect(openSession(flipped, key, 1_001)).toEqual({ ok: false, problem: 'bad_signature' });
    // Signed with another secret under the same key id: a forgery.
    expect(openSession(sealSession(other, { id: 'k1', secret: Buffer.alloc(32, 8) }), key, 1_001)).toEqual({
      ok: false,
      problem: 'bad_signature',
    });
    // Under a key id MPDesk rotated out: old; under one it never had: forged.
    const old = sealSession(claims, { id: 'k0', secret: key.secret });
    expect(openSession(old, { ...key, retired: ['k0'] }, 1_001)).toEqual({ ok: false, problem: 'old_key' });
    expect(openSession(old, key, 1_001)).toEqual({ ok: false, problem: 'bad_signature' });
    expect(openSession(v, key, claims.exp)).toMatchObject({ ok: false, problem: 'expired' });
    for (const bad of [
      '',
      'x',
      'v1.k1.a',
      `v2.${kid}.${payload}.${sig}`,
      `v1.k1.${payload}.${sig}.x`,
      'v1.k1.e30.%%',
    ])
      expect(openSession(bad, key, 1_001), bad).toEqual({ ok: false, problem: 'malformed' });
    // Well signed, but not our claims.
    const junk = sealSession({ sid: 1 } as never, key);
    expect(openSession(junk, key, 1_001)).toEqual({ ok: false, problem: 'malformed' });
  });

  it('Set-Cookie: HttpOnly, SameSite=Lax, Path=/, host-only, Secure on https', () => {
    expect(setCookie('__Host-mpdesk_session', 'v', { maxAgeS: 60, secure: true })).toBe(
      '__Host-mpdesk_session=v; Path=/; Max-Age=60; HttpOnly; Secure; SameSite=Lax',
    );
    expect(setCookie('mpdesk_session', 'v', { maxAgeS: 60.7, secure: false })).toBe(
      'mpdesk_session=v; Path=/; Max-Age=60; HttpOnly; SameSite=Lax',
    );
    expect(clearCookie('mpdesk_session', false)).toContain('Max-Age=0');
  });

  it('reads the Cookie header, and forwards it without MPDesk’s own cookies', () => {
    const h = 'a=1; mpdesk_session=v1.x; b=2=3; mpdesk_csrf=n; a=9';
    expect([...readCookies(h)]).toEqual([
      ['a', '1'],
      ['mpdesk_session', 'v1.x'],
      ['b', '2=3'],
      ['mpdesk_csrf', 'n'],
    ]);
    expect(withoutOwnCookies(h)).toBe('a=1; b=2=3; a=9');
    expect(withoutOwnCookies('mpdesk_session=x')).toBeUndefined();
    expect(withoutOwnCookies(undefined)).toBeUndefined();
  });
});
