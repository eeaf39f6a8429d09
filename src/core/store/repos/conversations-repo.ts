import type Database from 'better-sqlite3';
import type { Page } from '../../../shared/api/areas/common';
import type { ConversationDto, ConversationMessageDto } from '../../../shared/api/areas/conversations';
import type { CallbackLogRecord } from './callback-log-repo';
import { customContent } from '../../wechat';
import { LogFanIndex } from './log-fan-index';
import { pageOf } from './page-of';

export type NewConversationMessage = Omit<ConversationMessageDto, 'id'> & { payload: string };

/** A callback log row as the conversations see it: the fan's message and our passive reply. */
export interface LogConversationRow {
  id: number;
  accountId: string;
  openid: string;
  at: number;
  rawBody: Buffer;
  decryptedXml: string | null;
  replyPlain: string | null;
}

/**
 * Message ids follow the callback log's id sequence, so one order covers both sources: a log row
 * `n` gives the fan's message `2n` and our passive reply `2n + 1`; a stored message at position `p`
 * (handed out by the same sequence) is `2p`.
 */
export const messageId = (pos: number, reply = false) => pos * 2 + (reply ? 1 : 0);
/** The highest position whose messages all have ids below `id`. */
const posBelow = (id: number) => Math.floor((id - 1) / 2);

const LOG_COLS = `id, account_id AS accountId, openid, at, raw_body AS rawBody, decrypted_xml AS decryptedXml,
  reply_plain AS replyPlain`;
const STORED_COLS = `pos, account_id AS accountId, openid, direction, msg_type AS msgType, summary, via, at,
  log_id AS logId, payload`;

type StoredRow = Omit<ConversationMessageDto, 'id'> & { pos: number; payload: string };

/** What a stored customer-service message holds, from the body it was sent with (§10.1). */
function storedContent(payload: string): ConversationMessageDto['content'] {
  try {
    const body = JSON.parse(payload) as unknown;
    return body && typeof body === 'object' ? customContent(body as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A thread as the log and the stored messages give it; the fans store adds unread and names. */
export type ConversationThread = Omit<ConversationDto, 'unread' | 'remark' | 'nickname'>;

/**
 * Messages per fan (openid), inbound and outbound, for the conversation screens: those that came
 * with a callback are read from the callback log (store/migrations/010), found through the fan
 * index held in memory (log-fan-index.ts); the rest (replies sent later through the
 * customer-service API) are stored here. `expand` turns a log row into its messages
 * (conversation-messages.ts, which knows WeChat's XML).
 */
export class ConversationsRepo {
  private readonly s;
  private readonly logFans: LogFanIndex;

  constructor(
    db: Database.Database,
    private readonly expand: (row: LogConversationRow) => ConversationMessageDto[],
  ) {
    this.logFans = new LogFanIndex(db);
    this.s = {
      insert: db.prepare(`INSERT INTO conversation_messages (account_id, openid, direction, msg_type,
        summary, payload, via, at, log_id, pos) VALUES (@accountId, @openid, @direction, @msgType, @summary,
        @payload, @via, @at, @logId, @pos)`),
      logRows: db.prepare(`SELECT ${LOG_COLS} FROM callback_log
        WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id DESC`),
      storedPage: db.prepare(`SELECT ${STORED_COLS} FROM conversation_messages
        WHERE account_id = ? AND openid = ? AND pos <= ? ORDER BY pos DESC LIMIT ?`),
      storedThreads: db.prepare(`SELECT openid, max(pos) AS last, count(*) AS messageCount
        FROM conversation_messages WHERE account_id = ? GROUP BY openid`),
      purge: db.prepare('DELETE FROM conversation_messages WHERE at < ?'),
    };
  }

  /** A row just committed to the callback log (server/callback-recorder.ts, the log's only writer). */
  logged(r: CallbackLogRecord): void {
    this.logFans.add(r);
  }

  /**
   * Resolves once the account's fans can be read without stalling the event loop (the fan index
   * is built in slices on first use, log-fan-index.ts). Reads work without it, in one piece.
   */
  ready(accountId: string): Promise<void> {
    return this.logFans.ready(accountId);
  }

  /** Rows left the callback log (its retention sweep). */
  logPurged(): void {
    this.logFans.forget();
  }

  /** Stores a message that has no log row of its own at `pos`; returns its message id. */
  insert(m: NewConversationMessage, pos: number): number {
    this.s.insert.run({ ...m, pos });
    return messageId(pos);
  }

  messages(accountId: string, openid: string, limit: number, cursor?: string): Page<ConversationMessageDto> {
    const below = cursor ? Number(cursor) : Number.MAX_SAFE_INTEGER;
    // Each source gives at least one message per row, so limit + 1 rows of each are enough.
    const logRows = this.logPage(accountId, openid, posBelow(below), limit + 1);
    const stored = this.s.storedPage.all(accountId, openid, posBelow(below), limit + 1) as StoredRow[];
    const all = [
      ...logRows.flatMap(this.expand),
      ...stored.map(({ pos, payload, ...m }) => ({
        ...m,
        id: messageId(pos),
        content: storedContent(payload),
      })),
    ]
      .filter((m) => m.id < below)
      .sort((a, b) => b.id - a.id);
    return pageOf(all, limit, (last) => String(last.id));
  }

  /** Fans newest first (by their last message); the cursor is the last message's position. */
  threads(accountId: string, limit: number, cursor?: string): Page<ConversationThread> {
    type Thread = { openid: string; last: number; messageCount: number; stored: boolean };
    const byFan = new Map<string, Thread>();
    const add = (rows: Omit<Thread, 'stored'>[], stored: boolean) => {
      for (const r of rows) {
        const t = byFan.get(r.openid);
        if (!t) byFan.set(r.openid, { ...r, stored });
        else {
          if (r.last > t.last) Object.assign(t, { last: r.last, stored });
          t.messageCount += r.messageCount;
        }
      }
    };
    add(this.logFans.fans(accountId), false);
    add(this.s.storedThreads.all(accountId) as Thread[], true);
    const before = cursor ? Number(cursor) : Number.MAX_SAFE_INTEGER;
    const all = [...byFan.values()].filter((t) => t.last < before).sort((a, b) => b.last - a.last);
    const page = pageOf(all, limit, (last) => String(last.last));
    return {
      items: page.items.map((t) => {
        const last = this.lastMessage(accountId, t.openid, t);
        return {
          accountId,
          openid: t.openid,
          lastAt: last?.at ?? 0,
          lastSummary: last?.summary ?? '',
          ...(last?.content ? { lastContent: last.content } : {}),
          messageCount: t.messageCount,
        };
      }),
      nextCursor: page.nextCursor,
    };
  }

  /** Drops stored messages older than `before` (the log's own rows go with its retention). */
  purge(before: number): number {
    return this.s.purge.run(before).changes;
  }

  private lastMessage(
    accountId: string,
    openid: string,
    t: { last: number; stored: boolean },
  ): Pick<ConversationMessageDto, 'at' | 'summary' | 'content'> | undefined {
    if (t.stored) {
      const [m] = this.s.storedPage.all(accountId, openid, t.last, 1) as StoredRow[];
      return m && { at: m.at, summary: m.summary, content: storedContent(m.payload) };
    }
    const [row] = this.logPage(accountId, openid, t.last, 1);
    const msgs = row ? this.expand(row) : [];
    return msgs[msgs.length - 1];
  }

  /** Up to `limit` of a fan's log rows at or below `maxId`, newest first. */
  private logPage(accountId: string, openid: string, maxId: number, limit: number): LogConversationRow[] {
    const ids = this.logFans.rowsAtOrBelow(accountId, openid, maxId, limit);
    return ids.length ? (this.s.logRows.all(JSON.stringify(ids)) as LogConversationRow[]) : [];
  }
}
