import { z } from 'zod';
import { defineMethod } from '../define';
import { idSchema } from './common';

/**
 * Where an account's access_token comes from (docs/wechat-protocol.md §5):
 * - `stable_token` (default): `POST /cgi-bin/stable_token` without force_refresh; never invalidates
 *   the token a production server is using (§5.2).
 * - `token`: `GET /cgi-bin/token`; every fetch invalidates the previous token (§5.1), so a desktop
 *   MPDesk using it breaks a production server that owns the same account's token.
 * - `borrow`: GET a URL on the user's own server that returns `{access_token, expires_in}`.
 */
export const TOKEN_SOURCES = ['stable_token', 'token', 'borrow'] as const;
export type TokenSource = (typeof TOKEN_SOURCES)[number];

/** The literal API base that means "the built-in sandbox platform, wherever it listens now". */
export const SANDBOX_API_BASE = 'sandbox';
export const OFFICIAL_API_BASE = 'https://api.weixin.qq.com';

const httpUrl = z
  .string({ error: 'validation.required' })
  .trim()
  .max(512, { error: 'validation.tooLong' })
  .refine(
    (v) => {
      try {
        const u = new URL(v);
        return (u.protocol === 'http:' || u.protocol === 'https:') && !u.search && !u.hash;
      } catch {
        return false;
      }
    },
    { error: 'validation.httpUrl' },
  );

/** The URL fields whose server gets the AppSecret or hands out the access_token. */
export const API_URL_FIELDS = ['apiBase', 'apiBackupBase', 'tokenBorrowUrl'] as const;

/** 127.0.0.0/8, ::1 or localhost: a server on this machine. */
export function isLoopbackUrl(v: string): boolean {
  try {
    const h = new URL(v).hostname;
    return h === 'localhost' || h === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
  } catch {
    return false;
  }
}

/**
 * WeChat's own hosts (docs/wechat-protocol.md §12): sending the AppSecret there needs no second
 * look, unlike any other server.
 */
export const OFFICIAL_API_HOSTS: ReadonlySet<string> = new Set([
  OFFICIAL_API_BASE,
  'https://api2.weixin.qq.com',
  'https://sh.api.weixin.qq.com',
  'https://sz.api.weixin.qq.com',
  'https://hk.api.weixin.qq.com',
]);

/**
 * The rule for the API URL fields of an accounts or component input: https, or plain http to a
 * loopback proxy only when the input says so (`allowPlainHttpLoopback`). The AppSecret would
 * otherwise cross the network in clear, or go to whoever answers on that address.
 */
export function refinePlainHttp(
  v: Partial<Record<(typeof API_URL_FIELDS)[number], string | null>> & { allowPlainHttpLoopback?: boolean },
  ctx: z.RefinementCtx,
): void {
  for (const field of API_URL_FIELDS) {
    const url = v[field];
    if (typeof url !== 'string' || !/^http:/i.test(url)) continue;
    if (v.allowPlainHttpLoopback && isLoopbackUrl(url)) continue;
    ctx.addIssue({ code: 'custom', path: [field], message: 'validation.httpsRequired' });
  }
}

/**
 * Whether a patch changes where the AppSecret goes (docs/wechat-protocol.md §5, §12): another API
 * base or backup base, or another token source. Pointing at WeChat's own hosts, the default or the
 * built-in sandbox (which has secrets of its own) does not count. The server and the account form
 * both ask it.
 */
export function redirectsSecret(
  cur: { apiBase: string | null; apiBackupBase: string | null; tokenSource: TokenSource },
  patch: { apiBase?: string | null; apiBackupBase?: string | null; tokenSource?: TokenSource },
): boolean {
  const safe = (base: string | null) =>
    base === null || base === SANDBOX_API_BASE || OFFICIAL_API_HOSTS.has(base);
  const moved = (next: string | null | undefined, now: string | null) =>
    next !== undefined && next !== now && !safe(next);
  return (
    moved(patch.apiBase, cur.apiBase) ||
    moved(patch.apiBackupBase, cur.apiBackupBase) ||
    (patch.tokenSource !== undefined && patch.tokenSource !== cur.tokenSource)
  );
}

/** Account fields for the API client, reused by the accounts area's create/update schemas. */
export const accountApiFieldSchemas = {
  /** api.weixin.qq.com, a regional host (§12), a proxy, or `sandbox`. */
  apiBase: z.union([z.literal(SANDBOX_API_BASE), httpUrl], { error: 'validation.apiBase' }),
  /** Tried on network errors and 5xx, never on an errcode (§12, §14.10). */
  apiBackupBase: httpUrl,
  tokenSource: z.enum(TOKEN_SOURCES, { error: 'validation.tokenSource' }),
  tokenBorrowUrl: httpUrl,
  /** Lets an API URL field use plain http, to a server on this machine (127.0.0.1, ::1, localhost) only. */
  allowPlainHttpLoopback: z.boolean({ error: 'validation.invalid' }),
};

export interface TokenStatusDto {
  accountId: string;
  source: TokenSource;
  /** Whether a token is cached now; the token itself never leaves core. */
  hasToken: boolean;
  /** Last characters only, so a user can tell two tokens apart. */
  tokenTail?: string;
  expiresAt?: number;
  fetchedAt?: number;
  /** `details` as in ErrorBody (e.g. WechatUnreachableDetails), so the UI can word it. */
  lastError?: {
    code: string;
    message: string;
    errcode?: number;
    details?: Record<string, unknown>;
    at: number;
  };
  /** Set when the source can hurt other consumers of the same account (source `token`). */
  warning?: string;
}

const byAccount = z.strictObject({ accountId: idSchema });

export const tokensMethods = {
  'tokens.status': defineMethod<TokenStatusDto>()(byAccount),
  /** Drops the cached token and fetches a new one from the account's source. */
  'tokens.refresh': defineMethod<TokenStatusDto>()(byAccount),
};

export interface TokensEvents {
  'tokens.changed': TokenStatusDto;
}
