import type { Migration } from '../migration';

/**
 * Conversations are read from the callback log instead of being copied out of it.
 *
 * Every message that came with a callback (the fan's message and our passive reply) is already in
 * its log row; copying it into `conversation_messages` cost two inserts per request into an index
 * keyed by fan, each dirtying a random page, and was the largest single cost the listener paid per
 * request after the log row itself (A/B under bench/callback.bench.ts's load). Now one index on
 * the log finds a fan's rows, and `conversation_messages` keeps only what has no log row of its own
 * (replies sent later through the customer-service API). Conversations therefore follow the log's
 * retention.
 *
 * - `callback_log_fan`: the rows that carry a conversation (conversations-repo.ts repeats its WHERE
 *   text exactly, or SQLite cannot use it), by fan in id (= time) order, with whether the reply is a
 *   message: the list of fans and their message counts are read from the index alone.
 * - `conversation_messages.pos`: where a stored message sits in the log's id sequence (the log hands
 *   out the position, so both sources merge in one order). Rows from before this step had none;
 *   they are placed after the log, in their old order.
 * - The projection's watermark table and index are gone with the projection.
 */
export const m010ConversationsFromLog: Migration = {
  id: 10,
  name: 'conversations read from the callback log',
  sql: `
    CREATE INDEX callback_log_fan ON callback_log (account_id, openid, id, reply_plain LIKE '<%')
      WHERE openid IS NOT NULL AND parsed IS NOT NULL AND dedupe <> 'retry' AND path LIKE '/wx/%';
    DELETE FROM conversation_messages WHERE via IN ('callback', 'passive');
    ALTER TABLE conversation_messages ADD COLUMN pos INTEGER NOT NULL DEFAULT 0;
    UPDATE conversation_messages SET pos = coalesce((SELECT max(id) FROM callback_log), 0) + id;
    DROP INDEX conversation_messages_fan;
    DROP INDEX conversation_messages_log;
    CREATE INDEX conversation_messages_fan ON conversation_messages (account_id, openid, pos);
    DROP TABLE conversation_projection;
  `,
};
