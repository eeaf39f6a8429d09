import type { Clock } from '../runtime';
import type { ExchangeRow } from '../store/repos/callback-log-repo';
import { TEXT_TYPE, XML_TYPE } from './wx-draft';

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

/** Where exchanges are found outside memory: the callback log (callback-log-repo.ts). */
export interface ExchangeLookup {
  /** The exchange of logged delivery `logId`, if that delivery carried `key` (a replay of it). */
  exchangeOf(logId: number, accountId: string, key: string): ExchangeRow | undefined;
  /** Exchanges whose first delivery was logged at or after `since` (epoch ms), to warm the memory. */
  recentExchanges(since: number): (ExchangeRow & { accountId: string; key: string; createdAt: number })[];
}

/**
 * Dedupe of WeChat's retries by `MsgId` or `FromUserName|CreateTime|Event|EventKey`. The check and
 * the registration happen in one synchronous step, so two concurrent deliveries of one message can
 * never both run the handlers. Exchanges live in memory (TTL, §14.5 says >= 30 s; we keep 5 min),
 * warmed at start from the log's tail, so a restart in the middle of WeChat's retries still
 * dedupes and the hot path never queries SQLite. A replay of an older entry names it, and only
 * then is the log asked.
 */
export class DedupeStore {
  private readonly recent = new Map<string, Entry>();

  constructor(
    private readonly lookup: ExchangeLookup,
    private readonly clock: Clock,
    private readonly ttlMs = 5 * 60_000,
    private readonly maxEntries = 100_000,
  ) {
    for (const r of lookup.recentExchanges(clock.now() - ttlMs)) {
      this.recent.set(`${r.accountId}\n${r.key}`, entryOf(r, r.createdAt + ttlMs));
    }
  }

  /**
   * Claims `key` for a new exchange whose reply will be `reply`, or returns the earlier exchange.
   * `replayOf`: the logged delivery a replay repeats, which may be older than the memory.
   */
  claim(
    accountId: string,
    key: string,
    firstLogId: number,
    reply: Promise<StoredReply>,
    replayOf?: number,
  ): DedupeClaim {
    const now = this.clock.now();
    this.prune(now);
    const id = `${accountId}\n${key}`;
    let e = this.recent.get(id);
    if (!e && replayOf !== undefined) {
      const row = this.lookup.exchangeOf(replayOf, accountId, key);
      if (row) {
        e = entryOf(row, now + this.ttlMs);
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

/** A logged exchange as a memory entry; the reply's headers follow from its body (wx-draft.ts). */
function entryOf(row: ExchangeRow, expiresAt: number): Entry {
  const body = row.replyBody;
  return {
    firstLogId: row.firstLogId,
    deliveries: row.deliveries,
    reply: Promise.resolve({
      status: row.status,
      body,
      headers: { 'content-type': body[0] === 0x3c /* < */ ? XML_TYPE : TEXT_TYPE },
    }),
    expiresAt,
  };
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
