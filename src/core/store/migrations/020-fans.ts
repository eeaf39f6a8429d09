import type { Migration } from '../migration';

/**
 * Fans in SQLite (docs/architecture.md §5): what user/get and user/info said at the last sync, what
 * the callback log has shown since (follows, unfollows, messages, clicks) and what web OAuth told of
 * them (nickname, avatar), per account.
 *
 * - `fans`: one row per (account, openid). `subscribe_time` is the last follow in epoch ms (0: not
 *   known yet), so the default order (newest follow first) reads an index. `stale` marks a fan whose
 *   user/info should be read again at the next sync (first seen in a callback, or a new follow);
 *   `listed_gen` is the sync that last saw them in user/get, so those it did not see are unfollowed.
 *   `first_seen` is when MPDesk first knew of them, `last_seen` their last message or event (0: none).
 *   `last_message_*` and `last_action_*` are the customer-service window's openers (§10.1) at their
 *   log position; `unread` counts their messages since the operator last read the thread.
 * - `fan_tags` mirrors `tag_ids` so a tag filter and its count read an index.
 * - `fans_fts`: SQLite's FTS5 with the trigram tokenizer over remark, nickname and openid: any
 *   fragment of three characters or more finds the fans that contain it. Shorter ones are a LIKE,
 *   over `fans_text`, which holds just those columns so the scan reads little (keyed by id first, so
 *   a new fan appends to it rather than landing on a random page).
 * - New rows reach `fans_fts` and `fan_tags` in one statement per transaction, not a trigger per row
 *   (three times the work in a sync of 100 000): every transaction that inserts fans ends by indexing
 *   the ids above `fan_index_mark` (fans-repo.ts, indexNew), which is why ids never repeat
 *   (AUTOINCREMENT). Changes and deletes of indexed rows are kept by triggers; a row not yet indexed
 *   is left to indexNew, which reads it as it is then.
 * - `fan_syncs` and `fan_sync_queue`: a sync's cursor (the next user/get page) and the openids still
 *   waiting for batchget, committed with each page and each batch, so a sync killed at any point
 *   resumes where it was. Of the `listed` fans, `enqueued` needed batchget; `fetched` have had it.
 * - `fan_activity.log_id`: the callback log rows up to it are in `fans`; rows after it (a crash
 *   between a commit and the next batch) are read again at start. The log as it stands is read into
 *   `fans` here (who wrote, when), its messages counted as read.
 */
export const m020Fans: Migration = {
  id: 20,
  name: 'fans in SQLite: store, full-text search, sync state, activity from the callback log',
  sql: `
    CREATE TABLE fans (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
      openid TEXT NOT NULL,
      unionid TEXT,
      subscribed INTEGER NOT NULL DEFAULT 1,
      subscribe_time INTEGER NOT NULL DEFAULT 0,
      subscribe_scene TEXT,
      qr_scene_str TEXT,
      language TEXT,
      remark TEXT NOT NULL DEFAULT '',
      tag_ids TEXT NOT NULL DEFAULT '[]',
      blacklisted INTEGER NOT NULL DEFAULT 0,
      nickname TEXT,
      headimgurl TEXT,
      profile_at INTEGER,
      first_seen INTEGER NOT NULL,
      last_seen INTEGER NOT NULL DEFAULT 0,
      last_message_at INTEGER,
      last_message_pos INTEGER,
      last_action_at INTEGER,
      last_action_pos INTEGER,
      followed_event_at INTEGER,
      unsubscribed_at INTEGER,
      unread INTEGER NOT NULL DEFAULT 0,
      info_at INTEGER,
      stale INTEGER NOT NULL DEFAULT 1,
      listed_gen INTEGER NOT NULL DEFAULT 0,
      UNIQUE (account_id, openid)
    );
    CREATE INDEX fans_by_follow ON fans (account_id, subscribe_time, id);
    CREATE INDEX fans_by_seen ON fans (account_id, last_seen, id);
    CREATE INDEX fans_by_state ON fans (account_id, subscribed, blacklisted);
    CREATE INDEX fans_text ON fans (account_id, id, remark, nickname, openid);
    CREATE INDEX fans_unread ON fans (account_id, unread) WHERE unread > 0;
    CREATE TABLE fan_index_mark (id INTEGER PRIMARY KEY CHECK (id = 1), fan_id INTEGER NOT NULL);
    INSERT INTO fan_index_mark (id, fan_id) VALUES (1, 0);

    CREATE TABLE fan_tags (
      account_id TEXT NOT NULL,
      tag_id INTEGER NOT NULL,
      fan_id INTEGER NOT NULL REFERENCES fans (id) ON DELETE CASCADE,
      PRIMARY KEY (account_id, tag_id, fan_id)
    ) WITHOUT ROWID;
    CREATE INDEX fan_tags_by_fan ON fan_tags (fan_id);
    CREATE TRIGGER fans_tags_au AFTER UPDATE OF tag_ids ON fans
      WHEN new.tag_ids <> old.tag_ids AND old.id <= (SELECT fan_id FROM fan_index_mark) BEGIN
      DELETE FROM fan_tags WHERE fan_id = new.id;
      INSERT OR IGNORE INTO fan_tags (account_id, tag_id, fan_id)
        SELECT new.account_id, value, new.id FROM json_each(new.tag_ids);
    END;

    CREATE TABLE fan_tag_defs (
      account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
      id INTEGER NOT NULL,
      name TEXT NOT NULL,
      PRIMARY KEY (account_id, id)
    ) WITHOUT ROWID;

    CREATE VIRTUAL TABLE fans_fts USING fts5(
      remark, nickname, openid, content = 'fans', content_rowid = 'id', tokenize = 'trigram'
    );
    CREATE TRIGGER fans_fts_ad AFTER DELETE ON fans WHEN old.id <= (SELECT fan_id FROM fan_index_mark) BEGIN
      INSERT INTO fans_fts (fans_fts, rowid, remark, nickname, openid)
        VALUES ('delete', old.id, old.remark, old.nickname, old.openid);
    END;
    CREATE TRIGGER fans_fts_au AFTER UPDATE OF remark, nickname ON fans
      WHEN (new.remark IS NOT old.remark OR new.nickname IS NOT old.nickname)
        AND old.id <= (SELECT fan_id FROM fan_index_mark) BEGIN
      INSERT INTO fans_fts (fans_fts, rowid, remark, nickname, openid)
        VALUES ('delete', old.id, old.remark, old.nickname, old.openid);
      INSERT INTO fans_fts (rowid, remark, nickname, openid) VALUES (new.id, new.remark, new.nickname, new.openid);
    END;

    CREATE TABLE fan_syncs (
      account_id TEXT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
      state TEXT NOT NULL CHECK (state IN ('running', 'cancelled', 'done', 'failed')),
      gen INTEGER NOT NULL,
      full INTEGER NOT NULL,
      phase TEXT NOT NULL CHECK (phase IN ('list', 'blacklist', 'finish')),
      next_openid TEXT NOT NULL DEFAULT '',
      listed INTEGER NOT NULL DEFAULT 0,
      enqueued INTEGER NOT NULL DEFAULT 0,
      total INTEGER NOT NULL DEFAULT 0,
      fetched INTEGER NOT NULL DEFAULT 0,
      started_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      finished_at INTEGER,
      error TEXT
    );
    CREATE TABLE fan_sync_queue (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
      openid TEXT NOT NULL,
      UNIQUE (account_id, openid)
    );
    CREATE INDEX fan_sync_queue_order ON fan_sync_queue (account_id, seq);

    CREATE TABLE fan_activity (id INTEGER PRIMARY KEY CHECK (id = 1), log_id INTEGER NOT NULL);
    INSERT INTO fan_activity (id, log_id) VALUES (1, coalesce((SELECT max(id) FROM callback_log), 0));
    INSERT INTO fans (account_id, openid, first_seen, last_seen, last_message_at, last_message_pos)
      SELECT account_id, openid, min(at), max(at),
        max(CASE WHEN msg_type <> 'event' THEN at END), max(CASE WHEN msg_type <> 'event' THEN id END)
      FROM callback_log
      WHERE openid IS NOT NULL AND parsed IS NOT NULL AND dedupe <> 'retry' AND path LIKE '/wx/%'
        AND source <> 'replay' AND account_id IN (SELECT id FROM accounts)
      GROUP BY account_id, openid;
    INSERT INTO fans_fts (rowid, remark, nickname, openid) SELECT id, remark, nickname, openid FROM fans;
    UPDATE fan_index_mark SET fan_id = coalesce((SELECT max(id) FROM fans), 0);
  `,
};
