import type { Clock } from '../runtime';
import type { ExchangeRow, RecentExchange } from '../store/repos/callback-log-repo';
import { deferred, type Deferred } from './deadline';
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

interface Entry extends DedupeTicket {
  deliveries: number;
  /**
   * Whether the first delivery is still in flight: its retries then wait for `waiting`, which is
   * created only when one arrives (retries are rare; a promise per request was not free). Once the
   * answer is on disk (`settled`) a retry reads it from the log: holding every answer for the TTL
   * kept up to 100,000 reply buffers (and the 8 KB pools they are cut from) alive, 60 MB under load
   * in safe mode, and the GC paid for them on every request.
   */
  inFlight: boolean;
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
   * Two generations instead of one map pruned from its head: deleting the oldest entry on every
   * claim left holes that each later iteration from the head had to skip, so a claim cost ~36 µs
   * once the cap was reached (bench/callback.bench.ts reaches it). The current generation becomes
   * the previous one after a TTL or half the cap, and the previous one is dropped whole.
   */
  private current = new Map<string, Entry>();
  private previous = new Map<string, Entry>();
  private rotatedAt: number;
  private readonly ttl: () => number;

  constructor(
    private readonly lookup: ExchangeLookup,
    private readonly clock: Clock,
    /** How long an exchange is remembered; read on every claim, so a settings change applies at once. */
    ttlMs: number | (() => number) = DEDUPE_TTL_MS,
    private readonly maxEntries = 100_000,
  ) {
    this.ttl = typeof ttlMs === 'number' ? () => ttlMs : ttlMs;
    this.rotatedAt = clock.now();
    const ttl = this.ttl();
    for (const r of lookup.recentExchanges(clock.now() - ttl)) {
      this.current.set(`${r.accountId}\n${r.key}`, {
        firstLogId: r.firstLogId,
        deliveries: r.deliveries,
        inFlight: false,
        expiresAt: r.createdAt + ttl,
      });
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
    let e = this.find(id, now);
    let logged: ExchangeRow | undefined;
    if (!e && replayOf !== undefined) {
      logged = this.lookup.exchangeOf(replayOf, accountId, key);
      if (logged) {
        e = {
          firstLogId: logged.firstLogId,
          deliveries: logged.deliveries,
          inFlight: false,
          expiresAt: now + ttl,
        };
        this.current.set(id, e);
      }
    }
    if (e && !e.inFlight) {
      logged ??= this.lookup.exchangeOf(e.firstLogId, accountId, key);
      // The first delivery's row left the log (a purge): nothing to repeat, so this one is first.
      if (!logged) e = undefined;
    }
    if (e) {
      e.deliveries += 1;
      return {
        kind: 'retry',
        firstLogId: e.firstLogId,
        delivery: e.deliveries,
        reply: e.inFlight
          ? (e.waiting ??= deferred<StoredReply>()).promise
          : Promise.resolve(answerOf(logged!)),
      };
    }
    const ticket: Entry = { firstLogId, deliveries: 1, inFlight: true, expiresAt: now + ttl };
    this.current.set(id, ticket);
    return { kind: 'first', ticket };
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
    const e = ticket as Entry;
    e.inFlight = false;
    e.waiting?.resolve({ status: reply.status, body: reply.body, type: reply.type, replyPlain });
    e.waiting = undefined;
  }

  forget(accountId: string, key: string): void {
    const id = `${accountId}\n${key}`;
    this.current.delete(id);
    this.previous.delete(id);
  }

  get size(): number {
    return this.current.size + this.previous.size;
  }

  /** The live entry for `id`: the current generation first (a retry of a re-claimed key). */
  private find(id: string, now: number): Entry | undefined {
    const e = this.current.get(id) ?? this.previous.get(id);
    return e && e.expiresAt > now ? e : undefined;
  }

  private rotate(now: number, ttl: number): void {
    if (now - this.rotatedAt < ttl && this.current.size < this.maxEntries / 2) return;
    this.previous = this.current;
    this.current = new Map();
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
