import type Database from 'better-sqlite3';
import type { Clock, Random } from '../runtime';
import { randomAlnum } from '../runtime';

/** A WeChat-style failure: HTTP 200 with `{errcode, errmsg}` (§0). */
export class SandboxErr extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(errmsg);
  }
}

export interface SandboxRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** Parsed JSON body of a POST (undefined for GET). */
  body: Record<string, unknown> | undefined;
  /** The caller's address as the socket saw it, e.g. `::ffff:127.0.0.1`. */
  ip: string;
  /** The request's headers (the authorize page reads Accept and its cookie). */
  headers: Record<string, string | string[] | undefined>;
}

/** A page of the platform's own (the authorize page), or a redirect from one, with cookies to set. */
export interface SandboxPage {
  html?: string;
  redirect?: string;
  status?: number;
  setCookie?: string[];
}

/** A route's answer: a JSON object, or a page / redirect (the authorize pages). */
export type SandboxAnswer = Record<string, unknown> | { redirect: string } | { page: SandboxPage };
export type SandboxRoute = (req: SandboxRequest) => SandboxAnswer;

export interface SandboxOptions {
  /** §5.1: how long a superseded cgi-bin/token keeps working ("5 分钟内新老 access_token 都可用"). */
  tokenOverlapMs: number;
  /** §5.1/§5.2: lifetime of issued tokens, seconds. */
  tokenTtlS: number;
}

/** §12 formal-account daily quotas (an unlisted API has none). */
export const DEFAULT_QUOTAS: Record<string, number> = {
  token: 2_000,
  stable_token: 500_000,
  stable_token_force: 20,
  'menu/create': 1_000,
  'menu/get': 10_000,
  'menu/delete': 1_000,
  'user/get': 500,
  'user/info': 5_000_000,
  'user/remark': 10_000,
  'custom/send': 500_000,
};

/** Shared helpers the route modules use: time, ids, token checks, IP whitelist and quotas. */
export class SandboxContext {
  private readonly s;

  constructor(
    readonly db: Database.Database,
    readonly clock: Clock,
    private readonly random: Random,
    readonly opts: SandboxOptions,
  ) {
    this.s = {
      app: db.prepare('SELECT appid, secret, ip_whitelist AS ipWhitelist FROM apps WHERE appid = ?'),
      token: db.prepare(
        'SELECT appid, kind, expires_at AS expiresAt, revoked_at AS revokedAt FROM tokens WHERE token = ?',
      ),
      insertToken: db.prepare(
        'INSERT INTO tokens (token, appid, kind, issued_at, expires_at) VALUES (?, ?, ?, ?, ?)',
      ),
      usage: db.prepare('SELECT n FROM quota_usage WHERE appid = ? AND api = ? AND day = ?'),
      bump: db.prepare(
        `INSERT INTO quota_usage (appid, api, day, n) VALUES (?, ?, ?, 1)
         ON CONFLICT(appid, api, day) DO UPDATE SET n = n + 1`,
      ),
      limit: db.prepare('SELECT lim FROM quota_limits WHERE appid = ? AND api = ?'),
    };
  }

  now(): number {
    return this.clock.now();
  }

  /** Opaque token-like strings; real tokens are long and URL-safe. */
  newSecretString(length = 128): string {
    return randomAlnum(this.random, length);
  }

  /** errmsg with a request id suffix, as WeChat does (so nobody compares errmsg for equality, §0). */
  err(errcode: number, errmsg: string): SandboxErr {
    return new SandboxErr(errcode, `${errmsg} rid: ${randomAlnum(this.random, 8).toLowerCase()}`);
  }

  app(appid: string): { appid: string; secret: string; ipWhitelist: string } | undefined {
    return this.s.app.get(appid) as { appid: string; secret: string; ipWhitelist: string } | undefined;
  }

  requireApp(appid: string | undefined | null): { appid: string; secret: string; ipWhitelist: string } {
    const app = appid ? this.app(appid) : undefined;
    if (!app) throw this.err(40013, 'invalid appid');
    return app;
  }

  /** §5.1: 40164 when a whitelist is set and the caller is not on it; the errmsg names the IP. */
  checkIp(appid: string, ip: string): void {
    const app = this.app(appid);
    const list = app ? (JSON.parse(app.ipWhitelist) as string[]) : [];
    if (list.length === 0) return;
    const v4 = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
    if (list.includes(v4) || list.includes(ip)) return;
    throw this.err(40164, `invalid ip ${v4} ipv6 ::ffff:${v4}, not in whitelist`);
  }

  /** §12: counts the call against the app's daily quota (a China day, UTC+8); 45009 past it. */
  useQuota(appid: string, api: string): void {
    const lim = (this.s.limit.get(appid, api) as { lim: number } | undefined)?.lim ?? DEFAULT_QUOTAS[api];
    if (lim === undefined) return;
    const day = new Date(this.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const used = (this.s.usage.get(appid, api, day) as { n: number } | undefined)?.n ?? 0;
    if (used >= lim) throw this.err(45009, 'reach max api daily quota limit');
    this.s.bump.run(appid, api, day);
  }

  issueToken(
    appid: string,
    kind: 'token' | 'stable' | 'component' | 'authorizer',
  ): { token: string; expiresIn: number } {
    const token = this.newSecretString();
    const now = this.now();
    this.s.insertToken.run(token, appid, kind, now, now + this.opts.tokenTtlS * 1000);
    return { token, expiresIn: this.opts.tokenTtlS };
  }

  /**
   * The access_token of a call (`access_token` or, for the component APIs, `component_access_token`):
   * 41001 missing, 40001 unknown or superseded (§5.1 overlap honoured), 42001 expired.
   */
  requireToken(req: SandboxRequest, kinds: readonly string[], param = 'access_token'): string {
    const value =
      req.query.get(param) ?? (param === 'component_access_token' ? req.query.get('access_token') : null);
    if (!value) throw this.err(41001, 'access_token missing');
    const row = this.s.token.get(value) as
      { appid: string; kind: string; expiresAt: number; revokedAt: number | null } | undefined;
    const now = this.now();
    if (!row) throw this.err(40001, 'invalid credential, access_token is invalid or not latest');
    if (!kinds.includes(row.kind)) {
      if (kinds.includes('component')) throw this.err(61024, 'must use api_component_token');
      throw this.err(40001, 'invalid credential, access_token is invalid or not latest');
    }
    if (row.revokedAt !== null) {
      const grace = row.kind === 'token' ? this.opts.tokenOverlapMs : 0;
      if (now >= row.revokedAt + grace)
        throw this.err(40001, 'invalid credential, access_token is invalid or not latest');
    }
    if (now >= row.expiresAt) throw this.err(42001, 'access_token expired');
    return row.appid;
  }

  /** A token-bearing API call: token, IP whitelist, then quota (if the API has one). */
  authorize(req: SandboxRequest, quotaApi?: string): string {
    const appid = this.requireToken(req, ['token', 'stable', 'authorizer']);
    this.checkIp(appid, req.ip);
    if (quotaApi) this.useQuota(appid, quotaApi);
    return appid;
  }
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
