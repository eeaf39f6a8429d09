/**
 * Where a fan goes after signing in (a landing): a path of the app behind MPDesk, or an absolute URL
 * whose origin the user put on the allowlist. Never an open redirect: what cannot be proved to stay
 * on MPDesk's host or an allowed origin is refused. The checks follow oauth2-proxy's redirect rules
 * (a single leading slash, no slash-like pairs, no backslash) and add what a browser also treats as
 * another host: scheme-relative and scheme-only forms, userinfo, escapes that decode to any of them.
 */

export type Landing =
  /** A path on the host the callback came through (MPDesk's public URL): `Location: /grades`. */
  | { kind: 'path'; location: string }
  /** An allowed origin outside MPDesk: the fan goes with a single-use ticket. */
  | { kind: 'external'; url: string; origin: string };

export type LandingProblem =
  | 'empty'
  | 'too_long'
  /** Spaces, tabs, newlines or other control characters (header splitting, `/\t/evil`). */
  | 'control_chars'
  /** Browsers read `\` as `/`: `/\evil.com` is another host. */
  | 'backslash'
  /** `//evil.com`, or an escape or dot segment that becomes one (`/%2F%2Fevil.com`, `/.//evil`). */
  | 'other_host'
  /** An escape that does not decode. */
  | 'bad_escape'
  /** `javascript:`, `data:`, `https:evil.com` and anything that is not `http(s)://host/...`. */
  | 'scheme'
  /** `https://allowed.com@evil.com`: userinfo in a landing URL is only ever a trick. */
  | 'userinfo'
  /** An absolute URL whose origin is not on the allowlist. */
  | 'not_allowed';

export const LANDING_MAX = 2048;

const FAKE_BASE = 'https://landing.mpdesk.invalid';
/** oauth2-proxy's invalidRedirectRegex: a slash or backslash, then blanks or dots, then another. */
const SLASH_PAIR = /[/\\](?:[\s\v]*|\.{1,2})[/\\]/;

export type LandingVerdict = { ok: true; landing: Landing } | { ok: false; problem: LandingProblem };

/**
 * Checks a landing as typed by the user (`oauth.buildUrl`) or stored with a state. `publicOrigin` is
 * MPDesk's own public origin: an absolute URL on it is a path landing.
 */
export function parseLanding(
  raw: string,
  opts: { allowlist: readonly string[]; publicOrigin?: string | null },
): LandingVerdict {
  const fail = (problem: LandingProblem): LandingVerdict => ({ ok: false, problem });
  if (raw.length === 0) return fail('empty');
  if (raw.length > LANDING_MAX) return fail('too_long');
  if (/[\u0000-\u0020\u007f-\u009f\u2028\u2029]/.test(raw)) return fail('control_chars');
  if (raw.includes('\\')) return fail('backslash');
  if (raw.startsWith('/')) return pathLanding(raw);

  if (!/^https?:\/\/[^/]/i.test(raw)) return fail('scheme');
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return fail('scheme');
  }
  if (u.username || u.password || /^https?:\/\/[^/?#]*@/i.test(raw)) return fail('userinfo');
  const origin = u.origin.toLowerCase();
  if (opts.publicOrigin && origin === normalizeOrigin(opts.publicOrigin)) {
    return pathLanding(`${u.pathname}${u.search}${u.hash}`);
  }
  const allowed = opts.allowlist.map(normalizeOrigin);
  if (!allowed.includes(origin)) return fail('not_allowed');
  return { ok: true, landing: { kind: 'external', url: u.href, origin } };
}

function pathLanding(raw: string): LandingVerdict {
  const fail = (problem: LandingProblem): LandingVerdict => ({ ok: false, problem });
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return fail('bad_escape');
  }
  // An escape may hide what the raw text does not show: check what a server or browser decodes too.
  for (const form of [raw, decoded]) {
    if (form.includes('\\')) return fail('backslash');
    if (/[\u0000-\u001f\u007f]/.test(form)) return fail('control_chars');
    if (form.startsWith('//') || SLASH_PAIR.test(form.split(/[?#]/)[0] ?? '')) return fail('other_host');
  }
  const u = new URL(raw, FAKE_BASE);
  if (u.origin !== FAKE_BASE) return fail('other_host');
  const location = `${u.pathname}${u.search}${u.hash}`;
  if (!location.startsWith('/') || location.startsWith('//')) return fail('other_host');
  return { ok: true, landing: { kind: 'path', location } };
}

/**
 * An allowlist entry as an origin (`https://h5.example.com`, `http://127.0.0.1:8080`), lower-case,
 * default port dropped; null for anything else (a path, a query, userinfo, another scheme).
 */
export function normalizeOrigin(entry: string): string | null {
  const text = entry.trim().replace(/\/+$/, '');
  if (!/^https?:\/\/[^/?#@\\\s]+$/i.test(text)) return null;
  try {
    return new URL(text).origin.toLowerCase();
  } catch {
    return null;
  }
}
