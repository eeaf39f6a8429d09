import type { Migration } from '../migration';

/**
 * Conversations become a projection of the callback log, written in batches after the requests
 * (server/callback-recorder.ts) instead of inside each request's transaction: their index is keyed
 * by fan, so every row lands on a different page, and writing them per request cost a large share
 * of the listener's throughput (bench/callback.bench.ts; the numbers are in the commit).
 *
 * - `conversation_projection.log_id`: every callback_log id up to it is projected (or needs no
 *   conversation); a restart rebuilds what a crash left between it and the newest row.
 * - `conversation_messages_log`: finds whether a log row already has its messages.
 */
export const m009ConversationProjection: Migration = {
  id: 9,
  name: 'conversation projection watermark',
  sql: `
    CREATE TABLE conversation_projection (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      log_id INTEGER NOT NULL
    );
    INSERT INTO conversation_projection (id, log_id)
      VALUES (1, coalesce((SELECT max(id) FROM callback_log), 0));
    CREATE INDEX conversation_messages_log ON conversation_messages (log_id) WHERE log_id IS NOT NULL;
  `,
};
