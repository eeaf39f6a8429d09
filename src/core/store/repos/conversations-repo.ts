import type Database from 'better-sqlite3';
import type { Page } from '../../../shared/api/areas/common';
import type { ConversationDto, ConversationMessageDto } from '../../../shared/api/areas/conversations';

export type NewConversationMessage = Omit<ConversationMessageDto, 'id'> & { payload: string };

const MSG_COLS = `id, account_id AS accountId, openid, direction, msg_type AS msgType, summary, via, at, log_id AS logId`;

/** Messages per fan (openid), inbound and outbound, for the conversation screens. */
export class ConversationsRepo {
  private readonly s;
  constructor(db: Database.Database) {
    this.s = {
      insert: db.prepare(`INSERT INTO conversation_messages (account_id, openid, direction, msg_type, summary,
        payload, via, at, log_id) VALUES (@accountId, @openid, @direction, @msgType, @summary, @payload, @via, @at, @logId)`),
      threads:
        db.prepare(`SELECT account_id AS accountId, openid, max(at) AS lastAt, count(*) AS messageCount,
        (SELECT summary FROM conversation_messages m2 WHERE m2.account_id = m.account_id AND m2.openid = m.openid
          ORDER BY id DESC LIMIT 1) AS lastSummary, max(id) AS lastId
        FROM conversation_messages m WHERE account_id = ? GROUP BY openid HAVING max(id) < ? ORDER BY lastId DESC LIMIT ?`),
      messages:
        db.prepare(`SELECT ${MSG_COLS} FROM conversation_messages WHERE account_id = ? AND openid = ? AND id < ?
        ORDER BY id DESC LIMIT ?`),
    };
  }
  /** Returns the new row id. */
  insert(m: NewConversationMessage): number {
    return Number(this.s.insert.run(m).lastInsertRowid);
  }
  threads(accountId: string, limit: number, cursor?: string): Page<ConversationDto> {
    const rows = this.s.threads.all(
      accountId,
      cursor ? Number(cursor) : Number.MAX_SAFE_INTEGER,
      limit + 1,
    ) as (ConversationDto & {
      lastId: number;
    })[];
    const items = rows.slice(0, limit);
    return {
      items: items.map(({ lastId: _l, ...c }) => c),
      nextCursor: rows.length > limit ? String(items[items.length - 1].lastId) : undefined,
    };
  }
  messages(accountId: string, openid: string, limit: number, cursor?: string): Page<ConversationMessageDto> {
    const rows = this.s.messages.all(
      accountId,
      openid,
      cursor ? Number(cursor) : Number.MAX_SAFE_INTEGER,
      limit + 1,
    ) as ConversationMessageDto[];
    const items = rows.slice(0, limit);
    return { items, nextCursor: rows.length > limit ? String(items[items.length - 1].id) : undefined };
  }
}
