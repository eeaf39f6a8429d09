import type Database from 'better-sqlite3';
import type { TokenSource } from '../../shared/api/areas/tokens';
import type { SecretStore } from '../secrets/secret-store';

export interface StoredToken {
  token: string;
  source: TokenSource;
  appId: string;
  expiresAt: number;
  fetchedAt: number;
}

export interface TokenError {
  code: string;
  message: string;
  errcode?: number;
  /** The error's machine-readable facts (e.g. which WeChat host could not be reached); never secrets. */
  details?: Record<string, unknown>;
  at: number;
}

const secretName = (accountId: string) => `account:${accountId}:accessToken`;

/**
 * The persisted token cache: metadata in `api_tokens`, the token itself sealed in the secrets table
 * (so the database file never holds it in clear, docs/architecture.md §5). Both go in one transaction.
 */
export class TokenRepo {
  private readonly s;
  constructor(
    private readonly db: Database.Database,
    private readonly secrets: SecretStore,
  ) {
    this.s = {
      get: db.prepare(
        `SELECT source, app_id AS appId, expires_at AS expiresAt, fetched_at AS fetchedAt,
           last_error_code AS code, last_error_message AS message, last_errcode AS errcode, last_error_at AS at,
           last_error_details AS details
         FROM api_tokens WHERE account_id = ?`,
      ),
      save: db.prepare(
        `INSERT INTO api_tokens (account_id, source, app_id, expires_at, fetched_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(account_id) DO UPDATE SET source = excluded.source, app_id = excluded.app_id,
           expires_at = excluded.expires_at, fetched_at = excluded.fetched_at`,
      ),
      clear: db.prepare('UPDATE api_tokens SET expires_at = NULL, fetched_at = NULL WHERE account_id = ?'),
      error: db.prepare(
        `INSERT INTO api_tokens (account_id, source, app_id, last_error_code, last_error_message, last_errcode,
           last_error_at, last_error_details)
         VALUES (@accountId, @source, @appId, @code, @message, @errcode, @at, @details)
         ON CONFLICT(account_id) DO UPDATE SET last_error_code = excluded.last_error_code,
           last_error_message = excluded.last_error_message, last_errcode = excluded.last_errcode,
           last_error_at = excluded.last_error_at, last_error_details = excluded.last_error_details`,
      ),
    };
  }

  load(accountId: string): { token?: StoredToken; lastError?: TokenError } {
    const r = this.s.get.get(accountId) as
      | {
          source: TokenSource;
          appId: string;
          expiresAt: number | null;
          fetchedAt: number | null;
          code: string | null;
          message: string | null;
          errcode: number | null;
          at: number | null;
          details: string | null;
        }
      | undefined;
    if (!r) return {};
    const lastError: TokenError | undefined = r.code
      ? { code: r.code, message: r.message ?? '', errcode: r.errcode ?? undefined, at: r.at ?? 0 }
      : undefined;
    if (lastError && r.details) lastError.details = parseDetails(r.details);
    const value = r.expiresAt !== null ? this.secrets.get(secretName(accountId)) : undefined;
    const token =
      value && r.expiresAt !== null
        ? {
            token: value,
            source: r.source,
            appId: r.appId,
            expiresAt: r.expiresAt,
            fetchedAt: r.fetchedAt ?? 0,
          }
        : undefined;
    return { token, lastError };
  }

  save(accountId: string, t: StoredToken): void {
    this.db.transaction(() => {
      this.secrets.set(secretName(accountId), t.token);
      this.s.save.run(accountId, t.source, t.appId, t.expiresAt, t.fetchedAt);
    })();
  }

  clear(accountId: string): void {
    this.db.transaction(() => {
      this.secrets.delete(secretName(accountId));
      this.s.clear.run(accountId);
    })();
  }

  recordError(accountId: string, source: TokenSource, appId: string, e: TokenError): void {
    this.s.error.run({
      accountId,
      source,
      appId,
      code: e.code,
      message: e.message,
      errcode: e.errcode ?? null,
      at: e.at,
      details: e.details ? JSON.stringify(e.details) : null,
    });
  }
}

function parseDetails(json: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(json);
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
