import type { Clock } from '../runtime';
import type { ExchangeRow, RecentExchange } from '../store/repos/callback-log-repo';
import { deferred, type Deferred } from './deadline';
import { ExchangeTable, hashKey, type KeyHash } from './exchange-table';
import { TEXT_TYPE, XML_TYPE, type AnswerBody } from './pipeline';

/** What a delivery was answered; a retry gets these same bytes (docs/wechat-protocol.md §3.1, §14.5). */
export interface StoredReply {
  status: number;
  body: AnswerBody;
  /** Its Content-Type. */
  type: string;
  /** The reply before encryption, for the retry's own row (its reply check opens nothing). */
  replyPlain: string | null;
}

/** A first delivery's hold on its exchange, handed back to `settled` once its answer is on disk. */
export interface DedupeTicket {
  readonly firstLogId: number;
}

export type DedupeClaim =
  | { kind: 'first'; ticket: DedupeTicket }
  | { kind: 'retry'; firstLogId: number; delivery: number; reply: Promise<StoredReply> };

/** A first delivery still in flight: its retries wait for `waiting`, made when one arrives. */
interface InFlight extends DedupeTicket {
  id: string;
  hash: KeyHash;
  deliveries: number;
  waiting?: Deferred<StoredReply>;
  expiresAt: number;
}

/** Where exchanges are found outside memory: the callback log (callback-log-repo.ts). */
export interface ExchangeLookup {
  /** The exchange of logged delivery `logId`, if that delivery carried `key` (a replay of it). */
  exchangeOf(logId: number, accountId: string, key: string): ExchangeRow | undefined;
  /** Exchanges whose first delivery was logged at or after `since` (epoch ms), to warm the memory. */
  recentExchanges(since: number): RecentExchange[];
}

/** The memory's shortest span; settings.callbackTimestampWindowS may make it longer. */
export const DEDUPE_TTL_MS = 5 * 60_000;

/**
 * Dedupe of WeChat's retries by `MsgId` or `FromUserName|CreateTime|Event|EventKey`. The check and
 * the registration happen in one synchronous step, so two concurrent deliveries of one message can
 * never both run the handlers. Exchanges live in memory (TTL, §14.5 says >= 30 s; we keep 5 min,
 * or the timestamp window both ways), warmed at start from the log's tail, so a restart in the middle
 * of WeChat's retries still
 * dedupes and a first delivery never queries SQLite. A retry after the first delivery is on disk
 * reads its answer from the log (a primary-key read; retries are rare). A replay of an older entry
 * names it, and only then is the log asked whether that exchange exists.
 */
export class DedupeStore {
  /**
   * First deliveries still in flight, by key: a few dozen under load, each gone within
   * milliseconds. Retries rarely meet one; when they do, they wait for its answer.
   */
  private readonly inFlight = new Map<string, InFlight>();
  /**
   * Settled exchanges in two generations (exchange-table.ts): the current one becomes the previous
   * one after a TTL or once it holds half the cap, and the previous one is emptied whole. Pruning a
   * map from its head left holes every later walk had to skip, and a Map entry per request kept a
   * key string and an object alive for minutes, which the garbage collector copied and kept.
   */
  private current: ExchangeTable;
  private previous: ExchangeTable;
  private rotatedAt: number;
  private readonly ttl: () => number;

  constructor(
    private readonly lookup: ExchangeLookup,
    private readonly clock: Clock,
    /** How long an exchange is remembered; read on every claim, so a settings change applies at once. */
    ttlMs: number | (() => number) = DEDUPE_TTL_MS,
    maxEntries = 100_000,
  ) {
    this.ttl = typeof ttlMs === 'number' ? () => ttlMs : ttlMs;
    this.current = new ExchangeTable(Math.max(1, maxEntries >> 1));
    this.previous = new ExchangeTable(Math.max(1, maxEntries >> 1));
    this.rotatedAt = clock.now();
    const ttl = this.ttl();
    for (const r of lookup.recentExchanges(clock.now() - ttl)) {
      const h = hashKey(`${r.accountId}\n${r.key}`);
      if (!this.current.set(h, r.firstLogId, r.deliveries, r.createdAt + ttl)) {
        this.rotate(clock.now(), 0);
        this.current.set(h, r.firstLogId, r.deliveries, r.createdAt + ttl);
      }
    }
  }

  /**
   * Claims `key` for a new exchange (its ticket goes back to `settled`), or returns the earlier one.
   * `replayOf`: the logged delivery a replay repeats, which may be older than the memory.
   */
  claim(accountId: string, key: string, firstLogId: number, replayOf?: number): DedupeClaim {
    const now = this.clock.now();
    const ttl = this.ttl();
    this.rotate(now, ttl);
    const id = `${accountId}\n${key}`;
    const flying = this.inFlight.get(id);
    if (flying && flying.expiresAt > now) {
      flying.deliveries += 1;
      return {
        kind: 'retry',
        firstLogId: flying.firstLogId,
        delivery: flying.deliveries,
        reply: (flying.waiting ??= deferred<StoredReply>()).promise,
      };
    }
    const hash = hashKey(id);
    const known = this.settledExchange(hash, accountId, key, now, ttl, replayOf);
    if (known) {
      return {
        kind: 'retry',
        firstLogId: known.row.firstLogId,
        delivery: known.delivery,
        reply: Promise.resolve(answerOf(known.row)),
      };
    }
    const ticket: InFlight = { id, hash, firstLogId, deliveries: 1, expiresAt: now + ttl };
    this.inFlight.set(id, ticket);
    return { kind: 'first', ticket };
  }

  /**
   * A settled exchange of `key`, confirmed by its first delivery's row (which holds the key itself,
   * so a hash collision is no match), numbered for this delivery; or, for a replay, the exchange of
   * the logged delivery it repeats.
   */
  private settledExchange(
    hash: KeyHash,
    accountId: string,
    key: string,
    now: number,
    ttl: number,
    replayOf: number | undefined,
  ): { row: ExchangeRow; delivery: number } | undefined {
    for (const table of [this.current, this.previous]) {
      const slot = table.find(hash);
      if (slot < 0 || table.expiresAt(slot) <= now) continue;
      const row = this.lookup.exchangeOf(table.logIdAt(slot), accountId, key);
      // The first delivery's row left the log (a purge), or the hash was another key's.
      if (!row) {
        table.expire(slot);
        continue;
      }
      return { row, delivery: table.delivered(slot) };
    }
    if (replayOf === undefined) return undefined;
    const row = this.lookup.exchangeOf(replayOf, accountId, key);
    if (!row) return undefined;
    this.remember(hash, row.firstLogId, row.deliveries + 1, now + ttl);
    return { row, delivery: row.deliveries + 1 };
  }

  /**
   * The first delivery's answer is on disk: retries waiting on it get `reply`, later ones read it
   * from the log. Takes the ticket, not the key: no second lookup per request.
   */
  settled(
    ticket: DedupeTicket,
    reply: Pick<StoredReply, 'status' | 'body' | 'type'>,
    replyPlain: string | null,
  ): void {
    const e = ticket as InFlight;
    if (this.inFlight.get(e.id) === e) this.inFlight.delete(e.id);
    this.remember(e.hash, e.firstLogId, e.deliveries, e.expiresAt);
    e.waiting?.resolve({ status: reply.status, body: reply.body, type: reply.type, replyPlain });
    e.waiting = undefined;
  }

  forget(accountId: string, key: string): void {
    const id = `${accountId}\n${key}`;
    this.inFlight.delete(id);
    const hash = hashKey(id);
    for (const table of [this.current, this.previous]) {
      const slot = table.find(hash);
      if (slot >= 0) table.expire(slot);
    }
  }

  get size(): number {
    return this.inFlight.size + this.current.size + this.previous.size;
  }

  private remember(hash: KeyHash, firstLogId: number, deliveries: number, expiresAt: number): void {
    if (this.current.set(hash, firstLogId, deliveries, expiresAt)) return;
    this.rotate(this.clock.now(), 0);
    this.current.set(hash, firstLogId, deliveries, expiresAt);
  }

  /** A new generation after a TTL or when the current one is full (`force`: ttl 0). */
  private rotate(now: number, ttl: number): void {
    if (ttl > 0 && now - this.rotatedAt < ttl && this.current.size < this.current.entries) return;
    const dropped = this.previous;
    dropped.clear();
    this.previous = this.current;
    this.current = dropped;
    this.rotatedAt = now;
  }
}

/** A logged first delivery's answer, with the type it was sent with (server/pipeline/answer.ts). */
function answerOf(row: ExchangeRow): StoredReply {
  const body = row.replyBody;
  return {
    status: row.status,
    body,
    type: body[0] === 0x3c /* < */ ? XML_TYPE : TEXT_TYPE,
    replyPlain: row.replyPlain,
  };
}

export function dedupeKeyOf(f: Record<string, unknown>): string | null {
  const msgId = f.MsgId ?? f.MsgID;
  if (typeof msgId === 'string' && msgId) return `msg:${msgId}`;
  if (typeof msgId === 'number') return `msg:${String(msgId)}`;
  const from = f.FromUserName;
  const time = f.CreateTime;
  if (from === undefined || time === undefined) return null;
  return `evt:${String(from)}|${String(time)}|${String(f.Event ?? '')}|${String(f.EventKey ?? '')}`;
}
