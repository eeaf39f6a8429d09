import type { Migration } from '../migration';

/**
 * The callback listener's tables (docs/architecture.md §4-§5): the callback log (one row per HTTP request,
 * written before the response), exchanges (dedupe: deliveries of one message, §3.1), conversations
 * per fan, auto-reply rules, per-account developer config (upstream forwarding, MP_verify files) and
 * the queue of late replies waiting for the customer-service API (§10.1).
 */
export const m002CallbackLog: Migration = {
  id: 2,
  name: 'callback log, exchanges, conversations, rules, upstream, late replies',
  sql: `
    CREATE TABLE callback_log (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      exchange_id INTEGER,
      delivery INTEGER NOT NULL DEFAULT 1,
      account_id TEXT,
      slug TEXT,
      at INTEGER NOT NULL,
      source TEXT NOT NULL DEFAULT 'wechat',
      method TEXT NOT NULL,
      path TEXT NOT NULL,
      query TEXT NOT NULL,
      headers TEXT NOT NULL,
      raw_body BLOB NOT NULL,
      decrypted_xml TEXT,
      parsed TEXT,
      msg_type TEXT,
      event TEXT,
      openid TEXT,
      dedupe_key TEXT,
      dedupe TEXT NOT NULL DEFAULT 'none',
      matched TEXT,
      reply_plain TEXT,
      reply_body BLOB NOT NULL,
      status INTEGER NOT NULL,
      outcome TEXT NOT NULL,
      reason TEXT NOT NULL,
      detail TEXT,
      upstream TEXT,
      timings TEXT NOT NULL,
      total_ms REAL NOT NULL
    );
    -- Few indexes: every one is written on the hot path. Ids grow with time, so retention and
    -- time filters walk the primary key; fans' histories live in conversation_messages.
    CREATE INDEX callback_log_account ON callback_log (account_id, id);
    CREATE INDEX callback_log_exchange ON callback_log (exchange_id);

    -- The record and write stages end after the row is committed; they land here in batches.
    CREATE TABLE callback_write_timings (
      log_id INTEGER PRIMARY KEY,
      record_ms REAL NOT NULL,
      write_ms REAL NOT NULL
    );

    -- One row per distinct message (dedupe key). reply_body is what the first delivery answered,
    -- so a retry gets the same bytes (docs/wechat-protocol.md §3.1, §14.5).
    CREATE TABLE callback_exchanges (
      account_id TEXT NOT NULL,
      dedupe_key TEXT NOT NULL,
      first_log_id INTEGER NOT NULL,
      deliveries INTEGER NOT NULL,
      reply_body BLOB NOT NULL,
      reply_headers TEXT NOT NULL,
      status INTEGER NOT NULL,
      created_at INTEGER NOT NULL,
      PRIMARY KEY (account_id, dedupe_key)
    ) WITHOUT ROWID;
    CREATE INDEX callback_exchanges_created ON callback_exchanges (created_at);

    CREATE TABLE conversation_messages (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      account_id TEXT NOT NULL,
      openid TEXT NOT NULL,
      direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
      msg_type TEXT NOT NULL,
      summary TEXT NOT NULL,
      payload TEXT NOT NULL,
      via TEXT NOT NULL,
      at INTEGER NOT NULL,
      log_id INTEGER
    );
    CREATE INDEX conversation_messages_fan ON conversation_messages (account_id, openid, id);

    CREATE TABLE reply_rules (
      id TEXT PRIMARY KEY,
      account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      enabled INTEGER NOT NULL,
      priority INTEGER NOT NULL,
      kind TEXT NOT NULL,
      trig TEXT NOT NULL,
      replies TEXT NOT NULL,
      reply_mode TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );
    CREATE INDEX reply_rules_account ON reply_rules (account_id, priority);

    CREATE TABLE callback_config (
      account_id TEXT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
      match_mode TEXT NOT NULL DEFAULT 'first',
      upstream_enabled INTEGER NOT NULL DEFAULT 0,
      upstream_url TEXT NOT NULL DEFAULT '',
      upstream_order TEXT NOT NULL DEFAULT 'rules-first',
      upstream_timeout_ms INTEGER NOT NULL DEFAULT 3000
    );

    CREATE TABLE verify_files (
      file_name TEXT PRIMARY KEY,
      account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
      content TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    );

    CREATE TABLE late_replies (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      account_id TEXT NOT NULL,
      log_id INTEGER,
      openid TEXT NOT NULL,
      body TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('waiting', 'sent', 'failed', 'dropped')),
      detail TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );
    CREATE INDEX late_replies_state ON late_replies (state, id);
    CREATE INDEX late_replies_log ON late_replies (log_id);
  `,
};
