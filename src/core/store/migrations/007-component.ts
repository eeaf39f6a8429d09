import type { Migration } from '../migration';

/**
 * Third-party platforms (docs/wechat-protocol.md §11): the platforms configured in MPDesk and the
 * accounts that authorized them. Secrets (AppSecret, Token, EncodingAESKey, the verify ticket, the
 * component and authorizer tokens) live sealed in `secrets` under `component:<id>:…`; these rows
 * only keep when things happened.
 */
export const m007Component: Migration = {
  id: 7,
  name: 'third-party platforms and authorizers',
  sql: `
    CREATE TABLE component_platforms (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      component_appid TEXT NOT NULL UNIQUE,
      api_base TEXT,
      ticket_at INTEGER,
      ticket_create_time INTEGER,
      token_fetched_at INTEGER,
      token_expires_at INTEGER,
      token_error TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );
    CREATE TABLE component_authorizers (
      platform_id TEXT NOT NULL REFERENCES component_platforms (id) ON DELETE CASCADE,
      appid TEXT NOT NULL,
      last_event TEXT NOT NULL,
      auth_code_expires_at INTEGER,
      func_info TEXT NOT NULL DEFAULT '[]',
      token_fetched_at INTEGER,
      token_expires_at INTEGER,
      token_error TEXT,
      authorized_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      PRIMARY KEY (platform_id, appid)
    );
  `,
};
