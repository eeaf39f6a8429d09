import type { Clock } from '../runtime';
import type { ExchangeRow } from '../store/repos/callback-log-repo';

/** What a delivery was answered; a retry gets these same bytes (wechat-reference.md §3.1, §14.5). */
export interface StoredReply {
  status: number;
  body: Buffer;
  headers: Record<string, string>;
}

export type DedupeClaim =
  { kind: 'first' } | { kind: 'retry'; firstLogId: number; delivery: number; reply: Promise<StoredReply> };

interface Entry {
  firstLogId: number;
  deliveries: number;
  reply: Promise<StoredReply>;
  expiresAt: number;
}

/** Where exchanges that outlived the memory window (or a restart) are found. */
export interface ExchangeLookup {
  exchange(accountId: string, key: string): ExchangeRow | undefined;
  /** Exchanges created at or after `since` (epoch ms), to warm the memory at start. */
  recentExchanges?(since: number): (ExchangeRow & { accountId: string; key: string; createdAt: number })[];
}

/**
 * Dedupe of WeChat's retries by `MsgId` or `FromUserName|CreateTime|Event|EventKey`. The check and
 * the registration happen in one synchronous step, so two concurrent deliveries of one message can
 * never both run the handlers. Recent exchanges live in memory (TTL, §14.5 says >= 30 s; we keep
 * 5 min); older ones and those from before a restart come from SQLite.
 */
export class DedupeStore {
  private readonly recent = new Map<string, Entry>();
  /** Until then, a retry may belong to a first delivery from before a restart. */
  private readonly lookupUntil: number;

  constructor(
    private readonly lookup: ExchangeLookup,
    private readonly clock: Clock,
    private readonly ttlMs = 5 * 60_000,
    private readonly maxEntries = 100_000,
  ) {
    const now = clock.now();
    const recent = lookup.recentExchanges?.(now - ttlMs);
    if (recent) {
      // Warm start: the exchanges a retry could still belong to are loaded once, so the hot path
      // never queries SQLite (a restart in the middle of WeChat's retries still dedupes).
      for (const r of recent.sort((a, b) => a.createdAt - b.createdAt)) {
        this.recent.set(`${r.accountId}\n${r.key}`, {
          firstLogId: r.firstLogId,
          deliveries: r.deliveries,
          reply: Promise.resolve({
            status: r.status,
            body: r.replyBody,
            headers: JSON.parse(r.replyHeaders),
          }),
          expiresAt: r.createdAt + ttlMs,
        });
      }
      this.lookupUntil = now;
    } else {
      this.lookupUntil = now + ttlMs;
    }
  }

  /**
   * Claims `key` for a new exchange whose reply will be `reply`, or returns the earlier exchange.
   * SQLite is asked only when memory may not know (`always`, for replays of old entries; or the
   * first TTL after start when the lookup cannot list recent exchanges).
   */
  claim(
    accountId: string,
    key: string,
    firstLogId: number,
    reply: Promise<StoredReply>,
    always = false,
  ): DedupeClaim {
    const now = this.clock.now();
    this.prune(now);
    const id = `${accountId}\n${key}`;
    let e = this.recent.get(id);
    if (!e && (always || now < this.lookupUntil)) {
      const row = this.lookup.exchange(accountId, key);
      if (row) {
        e = {
          firstLogId: row.firstLogId,
          deliveries: row.deliveries,
          reply: Promise.resolve({
            status: row.status,
            body: row.replyBody,
            headers: JSON.parse(row.replyHeaders),
          }),
          expiresAt: now + this.ttlMs,
        };
        this.recent.set(id, e);
      }
    }
    if (e) {
      e.deliveries += 1;
      return { kind: 'retry', firstLogId: e.firstLogId, delivery: e.deliveries, reply: e.reply };
    }
    this.recent.set(id, { firstLogId, deliveries: 1, reply, expiresAt: now + this.ttlMs });
    return { kind: 'first' };
  }

  /** Drops an exchange whose first delivery failed, so the next delivery runs the handlers again. */
  forget(accountId: string, key: string): void {
    this.recent.delete(`${accountId}\n${key}`);
  }

  get size(): number {
    return this.recent.size;
  }

  private prune(now: number): void {
    // Insertion order = expiry order (one TTL for all), so only the head can be stale.
    for (const [k, e] of this.recent) {
      if (e.expiresAt > now && this.recent.size <= this.maxEntries) break;
      this.recent.delete(k);
    }
  }
}

/** §3.1: messages by MsgId; events by sender, time, event and key. */
export function dedupeKeyOf(f: Record<string, unknown>): string | null {
  const msgId = f.MsgId ?? f.MsgID;
  if (typeof msgId === 'string' && msgId) return `msg:${msgId}`;
  if (typeof msgId === 'number') return `msg:${String(msgId)}`;
  const from = f.FromUserName;
  const time = f.CreateTime;
  if (from === undefined || time === undefined) return null;
  return `evt:${String(from)}|${String(time)}|${String(f.Event ?? '')}|${String(f.EventKey ?? '')}`;
}
