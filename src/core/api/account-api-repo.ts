import type Database from 'better-sqlite3';
import type { TokenSource } from '../../shared/api/areas/tokens';
import { AppError } from '../../shared/errors';

/** Per-account API client settings (migration 003). Absent row = official host + stable_token. */
export interface AccountApiSettings {
  apiBase: string | null;
  apiBackupBase: string | null;
  tokenSource: TokenSource;
  tokenBorrowUrl: string | null;
}

export const DEFAULT_API_SETTINGS: AccountApiSettings = {
  apiBase: null,
  apiBackupBase: null,
  tokenSource: 'stable_token',
  tokenBorrowUrl: null,
};

export class AccountApiRepo {
  private readonly s;
  constructor(db: Database.Database) {
    this.s = {
      get: db.prepare(
        `SELECT api_base AS apiBase, api_backup_base AS apiBackupBase, token_source AS tokenSource,
           token_borrow_url AS tokenBorrowUrl FROM account_api WHERE account_id = ?`,
      ),
      put: db.prepare(
        `INSERT INTO account_api (account_id, api_base, api_backup_base, token_source, token_borrow_url)
         VALUES (@accountId, @apiBase, @apiBackupBase, @tokenSource, @tokenBorrowUrl)
         ON CONFLICT(account_id) DO UPDATE SET api_base = excluded.api_base, api_backup_base = excluded.api_backup_base,
           token_source = excluded.token_source, token_borrow_url = excluded.token_borrow_url`,
      ),
    };
  }

  get(accountId: string): AccountApiSettings {
    return (this.s.get.get(accountId) as AccountApiSettings | undefined) ?? DEFAULT_API_SETTINGS;
  }

  /** Merges a patch (undefined keeps the stored value) and saves it. */
  patch(accountId: string, patch: Partial<AccountApiSettings>): AccountApiSettings {
    const cur = this.get(accountId);
    const next: AccountApiSettings = {
      apiBase: patch.apiBase !== undefined ? patch.apiBase : cur.apiBase,
      apiBackupBase: patch.apiBackupBase !== undefined ? patch.apiBackupBase : cur.apiBackupBase,
      tokenSource: patch.tokenSource ?? cur.tokenSource,
      tokenBorrowUrl: patch.tokenBorrowUrl !== undefined ? patch.tokenBorrowUrl : cur.tokenBorrowUrl,
    };
    if (next.tokenSource === 'borrow' && !next.tokenBorrowUrl) {
      const message =
        'Token source "borrow" needs the URL of your server that returns {access_token, expires_in}';
      throw new AppError('invalid_input', message, {
        issues: [{ path: 'tokenBorrowUrl', key: 'validation.tokenBorrowUrlRequired', message }],
      });
    }
    this.s.put.run({ accountId, ...next });
    return next;
  }
}

/** The API fields of an accounts create/update input; undefined keeps, null clears. */
export function apiPatchOf(input: {
  apiBase?: string | null;
  apiBackupBase?: string | null;
  tokenSource?: TokenSource;
  tokenBorrowUrl?: string | null;
}): Partial<AccountApiSettings> {
  return {
    apiBase: input.apiBase,
    apiBackupBase: input.apiBackupBase,
    tokenSource: input.tokenSource,
    tokenBorrowUrl: input.tokenBorrowUrl,
  };
}

/** The AppSecret must come with a patch that redirects it (the issue sits next to its field). */
export function secretForRedirectError(): AppError {
  const message =
    'Changing where API calls go (API base, backup base, token source) needs the AppSecret again';
  return new AppError('invalid_input', message, {
    issues: [{ path: 'appSecret', key: 'validation.appSecretForApiChange', message }],
  });
}

/** The optional AccountDto fields (absent = default). */
export function apiDtoFields(s: AccountApiSettings) {
  return {
    ...(s.apiBase ? { apiBase: s.apiBase } : {}),
    ...(s.apiBackupBase ? { apiBackupBase: s.apiBackupBase } : {}),
    tokenSource: s.tokenSource,
    ...(s.tokenBorrowUrl ? { tokenBorrowUrl: s.tokenBorrowUrl } : {}),
  };
}
