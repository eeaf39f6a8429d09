import type { Migration } from '../migration';

/**
 * Web OAuth's replay guard keys on the code, never on the state alone (docs/wechat-protocol.md §8.2):
 * a fixed state (a menu link's `grades`) is shared by every fan, so the first result of a state is
 * no answer for another fan's code. `oauth_exchanges` holds one row per code the callback met (its
 * SHA-256 hash, never the code), with the result shown for it, for the few minutes a repeated
 * callback may come. Sessions become one per fan and scope: a later sign-in refreshes the row
 * rather than adding one, so duplicates from before are folded into the newest.
 */
export const m025OauthExchangesByCode: Migration = {
  id: 25,
  name: 'oauth: replay guard by code, one session per fan and scope',
  sql: `
    CREATE TABLE oauth_exchanges (
      account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
      code_hash TEXT NOT NULL,
      state TEXT NOT NULL,
      at INTEGER NOT NULL,
      session_id TEXT,
      result TEXT,
      PRIMARY KEY (account_id, code_hash)
    );
    CREATE INDEX oauth_exchanges_at ON oauth_exchanges (at);
    DELETE FROM oauth_sessions WHERE EXISTS (
      SELECT 1 FROM oauth_sessions n
      WHERE n.account_id = oauth_sessions.account_id AND n.openid = oauth_sessions.openid
        AND n.scope = oauth_sessions.scope
        AND (n.created_at > oauth_sessions.created_at
          OR (n.created_at = oauth_sessions.created_at AND n.rowid > oauth_sessions.rowid))
    );
    CREATE UNIQUE INDEX oauth_sessions_fan ON oauth_sessions (account_id, openid, scope);
    ALTER TABLE oauth_sessions ADD COLUMN last_seen_at INTEGER;
  `,
};
