import type { Migration } from '../migration';

/** API client state: per-account API settings, the token cache and the API call log. */
export const m003ApiLogTokens: Migration = {
  id: 3,
  name: 'api log, token cache, account api settings',
  sql: `
    -- One row per account that changed a default; absent = official host, stable_token.
    CREATE TABLE account_api (
      account_id TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
      api_base TEXT,
      api_backup_base TEXT,
      token_source TEXT NOT NULL DEFAULT 'stable_token' CHECK (token_source IN ('stable_token', 'token', 'borrow')),
      token_borrow_url TEXT
    );
    -- The token itself is a sealed secret (secrets table, account:<id>:accessToken); this is its metadata.
    CREATE TABLE api_tokens (
      account_id TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
      source TEXT NOT NULL,
      app_id TEXT NOT NULL,
      expires_at INTEGER,
      fetched_at INTEGER,
      last_error_code TEXT,
      last_error_message TEXT,
      last_errcode INTEGER,
      last_error_at INTEGER
    );
    CREATE TABLE api_log (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      account_id TEXT,
      at INTEGER NOT NULL,
      method TEXT NOT NULL,
      host TEXT NOT NULL,
      path TEXT NOT NULL,
      query TEXT NOT NULL,
      request_body TEXT,
      status INTEGER,
      response_body TEXT,
      latency_ms INTEGER NOT NULL,
      errcode INTEGER,
      errmsg TEXT,
      error TEXT,
      origin TEXT NOT NULL
    );
    CREATE INDEX api_log_by_account ON api_log (account_id, id);
  `,
};
