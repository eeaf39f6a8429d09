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

/** Account fields for the API client, reused by the accounts area's create/update schemas. */
export const accountApiFieldSchemas = {
  /** api.weixin.qq.com, a regional host (§12), a proxy, or `sandbox`. */
  apiBase: z.union([z.literal(SANDBOX_API_BASE), httpUrl], { error: 'validation.apiBase' }),
  /** Tried on network errors and 5xx, never on an errcode (§12, §14.10). */
  apiBackupBase: httpUrl,
  tokenSource: z.enum(TOKEN_SOURCES, { error: 'validation.tokenSource' }),
  tokenBorrowUrl: httpUrl,
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
