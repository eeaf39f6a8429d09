import type { Migration } from '../migration';

/**
 * Web OAuth (docs/wechat-protocol.md §8): each account's 网页授权域名 (a copy, to check redirect URIs),
 * the states MPDesk issued (single use, with the first result kept for the double-callback
 * pitfall of §8.2), and the sessions the callback stored. Web tokens are sealed by the SecretCipher;
 * codes are kept only as a SHA-256 hash.
 */
export const m005Oauth: Migration = {
  id: 5,
  name: 'web oauth',
  sql: `
    CREATE TABLE oauth_config (
      account_id TEXT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
      oauth_domain TEXT,
      updated_at INTEGER NOT NULL
    );
    CREATE TABLE oauth_states (
      account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
      state TEXT NOT NULL,
      scope TEXT NOT NULL,
      redirect_uri TEXT NOT NULL,
      issued_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      used_at INTEGER,
      code_hash TEXT,
      session_id TEXT,
      result TEXT,
      PRIMARY KEY (account_id, state)
    );
    CREATE INDEX oauth_states_code ON oauth_states (account_id, code_hash);
    CREATE TABLE oauth_sessions (
      id TEXT PRIMARY KEY,
      account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
      openid TEXT NOT NULL,
      unionid TEXT,
      scope TEXT NOT NULL,
      state TEXT NOT NULL,
      is_snapshot_user INTEGER NOT NULL DEFAULT 0,
      userinfo TEXT,
      access_token BLOB NOT NULL,
      refresh_token BLOB NOT NULL,
      access_tail TEXT NOT NULL,
      refresh_tail TEXT NOT NULL,
      expires_at INTEGER NOT NULL,
      refresh_expires_at INTEGER NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      refreshed_at INTEGER,
      last_check TEXT
    );
    CREATE INDEX oauth_sessions_account ON oauth_sessions (account_id, created_at);
  `,
};
