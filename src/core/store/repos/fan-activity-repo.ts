import type Database from 'better-sqlite3';
import type { WindowMark, WindowOpeners } from '../../wechat';
import type { FanActivityRow, FanDelta } from './fan-activity-fold';

export type { FanActivityRow, FanDelta } from './fan-activity-fold';

/** The rows the fans store reads: what the conversations read (log-fan-index.ts), replays aside. */
const ACTIVITY_ROWS = `openid IS NOT NULL AND parsed IS NOT NULL AND dedupe <> 'retry' AND path LIKE '/wx/%'
  AND source <> 'replay' AND account_id IS NOT NULL`;

/** A log row `l` not yet applied to its fan: a slice after the watermark may have done so (032). */
const NOT_APPLIED = `l.id > ifnull((SELECT f.activity_pos FROM fans f
  WHERE f.account_id = l.account_id AND f.openid = l.openid), 0)`;

export interface ApplyResult {
  /** Accounts whose unread count grew. */
  unread: Set<string>;
  /** Fans who followed or unfollowed, by account. */
  follows: Map<string, string[]>;
}

/**
 * What the callback log shows of fans, applied to the fans table (store/migrations/020) in batches:
 * first and last seen, the customer-service window's openers (§10.1), unread messages, follows and
 * unfollows. A batch may be applied in slices of fans, a transaction each; each fan keeps the newest
 * row applied to it (activity_pos) and the watermark moves with the batch's last slice, so a crash
 * between slices neither loses a row nor counts one twice.
 */
export class FanActivityRepo {
  private readonly s;
  private readonly applyTx: (deltas: readonly FanDelta[], watermark: number | null) => ApplyResult;

  /** `indexNew`: what ends a transaction that inserted fans (FansRepo.indexNew). */
  constructor(db: Database.Database, indexNew: () => void) {
    this.s = {
      upsert:
        db.prepare(`INSERT INTO fans (account_id, openid, subscribed, subscribe_time, first_seen, last_seen,
          last_message_at, last_message_pos, last_action_at, last_action_pos, unread, followed_event_at,
          unsubscribed_at, stale, activity_pos)
        SELECT @accountId, @openid, ifnull(@follow, 1), ifnull(@followAt, 0), @firstAt, @lastAt, @msgAt, @msgPos,
          @actAt, @actPos, @unread, @followAt, @unfollowAt, 1, @lastPos
        WHERE EXISTS (SELECT 1 FROM accounts WHERE id = @accountId)
        ON CONFLICT (account_id, openid) DO UPDATE SET
          last_seen = CASE WHEN excluded.last_seen > last_seen THEN excluded.last_seen ELSE last_seen END,
          last_message_at = CASE WHEN excluded.last_message_pos > ifnull(last_message_pos, -1)
            THEN excluded.last_message_at ELSE last_message_at END,
          last_message_pos = CASE WHEN excluded.last_message_pos > ifnull(last_message_pos, -1)
            THEN excluded.last_message_pos ELSE last_message_pos END,
          last_action_at = CASE WHEN excluded.last_action_pos > ifnull(last_action_pos, -1)
            THEN excluded.last_action_at ELSE last_action_at END,
          last_action_pos = CASE WHEN excluded.last_action_pos > ifnull(last_action_pos, -1)
            THEN excluded.last_action_pos ELSE last_action_pos END,
          unread = unread + excluded.unread,
          subscribed = CASE WHEN @follow IS NULL THEN subscribed ELSE @follow END,
          subscribe_time = CASE WHEN @followAt IS NULL THEN subscribe_time ELSE @followAt END,
          followed_event_at = coalesce(@followAt, followed_event_at),
          unsubscribed_at = CASE @follow WHEN 0 THEN @unfollowAt WHEN 1 THEN NULL ELSE unsubscribed_at END,
          stale = CASE WHEN @follow = 1 THEN 1 ELSE stale END,
          activity_pos = max(activity_pos, excluded.activity_pos)`),
      mark: db.prepare('UPDATE fan_activity SET log_id = max(log_id, ?) WHERE id = 1'),
      watermark: db.prepare('SELECT log_id FROM fan_activity WHERE id = 1').pluck(),
      lastLogId: db.prepare('SELECT coalesce(max(id), 0) FROM callback_log').pluck(),
      rows: db.prepare(`SELECT id, account_id AS accountId, openid, at, msg_type AS msgType, event FROM callback_log l
        WHERE id > ? AND id <= ? AND ${ACTIVITY_ROWS} AND ${NOT_APPLIED} ORDER BY id`),
      totals: db.prepare(
        'SELECT account_id AS accountId, sum(unread) AS n FROM fans WHERE unread > 0 GROUP BY account_id',
      ),
      read: db.prepare(`UPDATE fans SET unread = 0 WHERE account_id = ? AND openid = ? AND unread > 0
        AND ifnull(last_message_pos, 0) <= ?`),
      openers:
        db.prepare(`SELECT last_message_at AS msgAt, last_message_pos AS msgPos, last_action_at AS actAt,
        last_action_pos AS actPos FROM fans WHERE account_id = ? AND openid = ?`),
      sends: db.prepare(`SELECT at, pos FROM conversation_messages
        WHERE account_id = ? AND openid = ? AND via = 'customer-service' AND pos > ? ORDER BY pos`),
    };
    this.applyTx = db.transaction((deltas: readonly FanDelta[], watermark: number | null) => {
      const result: ApplyResult = { unread: new Set(), follows: new Map() };
      for (const d of deltas) {
        this.s.upsert.run(d);
        if (d.unread) result.unread.add(d.accountId);
        if (d.follow !== null) {
          const list = result.follows.get(d.accountId) ?? [];
          list.push(d.openid);
          result.follows.set(d.accountId, list);
        }
      }
      indexNew();
      if (watermark !== null) this.s.mark.run(watermark);
      return result;
    });
  }

  /**
   * Applies fans' deltas (store/repos/fan-activity-fold.ts) in one transaction. `watermark`, the
   * batch's newest row, moves the watermark with the batch's last part; null before that.
   */
  apply(deltas: readonly FanDelta[], watermark: number | null): ApplyResult {
    return this.applyTx(deltas, watermark);
  }

  /** The newest log row already applied, and the newest in the log. */
  range(): { applied: number; last: number } {
    return { applied: this.s.watermark.get() as number, last: this.s.lastLogId.get() as number };
  }

  /** Log rows with ids in (after, upTo] the fans store reads and has not applied to their fan. */
  rowsBetween(after: number, upTo: number): FanActivityRow[] {
    return this.s.rows.all(after, upTo) as FanActivityRow[];
  }

  unread(): { total: number; accounts: Record<string, number> } {
    const accounts: Record<string, number> = {};
    let total = 0;
    for (const r of this.s.totals.all() as { accountId: string; n: number }[]) {
      accounts[r.accountId] = r.n;
      total += r.n;
    }
    return { total, accounts };
  }

  /** The thread is read up to log position `upToPos`; false when a newer message is unread. */
  markRead(accountId: string, openid: string, upToPos: number): boolean {
    return this.s.read.run(accountId, openid, upToPos).changes > 0;
  }

  /** What the customer-service window of a fan is made of: their last interactions and our sends since. */
  windowFacts(accountId: string, openid: string): { openers: WindowOpeners; sends: WindowMark[] } {
    const r = this.s.openers.get(accountId, openid) as
      | { msgAt: number | null; msgPos: number | null; actAt: number | null; actPos: number | null }
      | undefined;
    const message = r?.msgAt != null && r.msgPos != null ? { at: r.msgAt, pos: r.msgPos } : null;
    const action = r?.actAt != null && r.actPos != null ? { at: r.actAt, pos: r.actPos } : null;
    if (!message && !action) return { openers: { message, action }, sends: [] };
    const from = Math.min(message?.pos ?? Infinity, action?.pos ?? Infinity);
    return { openers: { message, action }, sends: this.s.sends.all(accountId, openid, from) as WindowMark[] };
  }
}
