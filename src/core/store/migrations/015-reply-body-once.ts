import type { Migration } from '../migration';

/**
 * From this version on, `callback_log.reply_body` holds the number 0 instead of a blob when the body
 * sent is exactly `reply_plain`'s UTF-8 bytes (plain mode), so the reply is stored once
 * (callback-log-repo.ts, SAME_AS_PLAIN). Nothing in the table changes shape; this step exists so
 * that an older MPDesk, which would read the 0 as a body, refuses the database instead.
 */
export const m015ReplyBodyOnce: Migration = {
  id: 15,
  name: 'reply body stored once when it is the plain reply',
  sql: `-- marker only: reply_body may hold 0 (same as reply_plain) from now on`,
};
