import type Database from 'better-sqlite3';
import { ID_SPAN_SQL, type CallbackLogRecord } from './callback-log-repo';

/**
 * The log rows that carry a conversation: deliveries to `/wx/<slug>` that parsed, first deliveries
 * only (a retry repeats a message already there). `carriesConversation` is the same test in code.
 */
const LOG_ROWS = `openid IS NOT NULL AND parsed IS NOT NULL AND dedupe <> 'retry' AND path LIKE '/wx/%'`;
/** Whether a log row's reply is a message of its own: isReplyMessage (conversation-messages.ts). */
const HAS_REPLY = `reply_plain LIKE '<%'`;

/** LOG_ROWS for a row being written (LIKE is case-blind in SQLite, so the prefix test is too). */
const carriesConversation = (
  r: CallbackLogRecord,
): r is CallbackLogRecord & { accountId: string; openid: string } =>
  r.accountId !== null &&
  r.openid !== null &&
  r.parsed !== null &&
  r.dedupe !== 'retry' &&
  r.path.slice(0, 4).toLowerCase() === '/wx/';

/**
 * A fan's rows as keys `2 × log id + (reply is a message ? 1 : 0)`: sorted by key is sorted by id,
 * and the messages a row holds are 1 + the key's low bit.
 */
interface FanRows {
  keys: number[];
  messages: number;
}

/** A row committed while its account's map was being built: its key and fan. */
type Committed = [key: number, openid: string];

/** A fan as the conversation list sees it: their last log row and how many messages the log holds. */
export interface LogFan {
  openid: string;
  last: number;
  messageCount: number;
}

/**
 * Which callback log rows belong to which fan, per account, held in memory (docs/architecture.md §5).
 *
 * This was an index on the log, keyed by fan (store/migrations/010). Fans write in random order, so
 * each request dirtied a random index page, and every commit wrote one WAL frame per request
 * for it, then the checkpoint wrote it again. That was the largest single cost of a request after
 * the row itself (store/migrations/012). Here it costs a push per committed row.
 *
 * An account's map is built from the log on its first read, so it survives nothing and needs no
 * recovery: a restart rebuilds it. Every row written to the log after that comes through `add`
 * (server/callback-recorder.ts, the log's only writer). A purge drops the maps, to be rebuilt.
 *
 * `ready` builds in slices of BUILD_SLICE rows between which the event loop runs: a large log takes
 * a noticeable time to read, and in one piece that would stall the callback listener as long. Rows
 * committed meanwhile are held and merged when the build completes, so none is missed whatever
 * order requests commit in.
 */
export class LogFanIndex {
  private readonly accounts = new Map<string, Map<string, FanRows>>();
  /** Builds in progress, with the rows committed while they run. */
  private readonly building = new Map<string, { done: Promise<void>; committed: Committed[] }>();
  private readonly scan: Database.Statement;
  private readonly idRange: Database.Statement;
  /** Bumped by `forget`: a build that started before a purge is thrown away. */
  private generation = 0;

  constructor(db: Database.Database) {
    // Walks a window of ids on the primary key and keeps the account's rows: there is no index by
    // account (store/migrations/016), and a window bounds each slice's work whatever the account's
    // share of the log. Each row is read (its reply decides the message count).
    this.scan = db.prepare(
      `SELECT id, openid, ifnull(${HAS_REPLY}, 0) AS reply FROM callback_log
        WHERE id > ? AND id <= ? AND account_id = ? AND ${LOG_ROWS} ORDER BY id`,
    );
    this.idRange = db.prepare(ID_SPAN_SQL);
  }

  /** A committed log row. Ignored until its account has been read (the build will find it). */
  add(r: CallbackLogRecord): void {
    if (!carriesConversation(r)) return;
    const key = r.id * 2 + (r.replyPlain?.startsWith('<') ? 1 : 0);
    const fans = this.accounts.get(r.accountId);
    if (fans) push(fans, r.openid, key);
    else this.building.get(r.accountId)?.committed.push([key, r.openid]);
  }

  /** Rows may have left the log: every account is read again on its next use. */
  forget(): void {
    this.generation++;
    this.accounts.clear();
    this.building.clear();
  }

  /** Resolves once `accountId`'s map is built, reading the log in slices. */
  ready(accountId: string): Promise<void> {
    if (this.accounts.has(accountId)) return Promise.resolve();
    let b = this.building.get(accountId);
    if (!b) {
      const committed: Committed[] = [];
      b = { committed, done: this.build(accountId, committed) };
      this.building.set(accountId, b);
    }
    return b.done;
  }

  /** The fans of an account with their last row and message count, in no particular order. */
  fans(accountId: string): LogFan[] {
    const out: LogFan[] = [];
    for (const [openid, f] of this.of(accountId)) {
      // A fan is only ever added with a row (push), so every fan has a last key.
      const lastKey = f.keys.at(-1);
      if (lastKey !== undefined) out.push({ openid, last: rowOf(lastKey), messageCount: f.messages });
    }
    return out;
  }

  /** Up to `limit` of a fan's log row ids at or below `maxId`, newest first. */
  rowsAtOrBelow(accountId: string, openid: string, maxId: number, limit: number): number[] {
    const keys = this.of(accountId).get(openid)?.keys ?? [];
    const end = lastAtOrBelow(keys, maxId * 2 + 1) + 1;
    return keys
      .slice(Math.max(0, end - limit), end)
      .reverse()
      .map(rowOf);
  }

  /** The account's map; read from the log in one piece if `ready` has not built it. */
  private of(accountId: string): Map<string, FanRows> {
    let fans = this.accounts.get(accountId);
    if (!fans) {
      fans = new Map();
      this.readSlice(fans, accountId, 0, Number.MAX_SAFE_INTEGER);
      this.install(accountId, fans);
    }
    return fans;
  }

  private async build(accountId: string, committed: Committed[]): Promise<void> {
    const generation = this.generation;
    const fans = new Map<string, FanRows>();
    // Rows committed from now on reach `committed` (add); the windows cover what is already there.
    const { before, last } = this.idRange.get() as { before: number; last: number };
    for (let after = before; after < last; after += BUILD_SLICE) {
      // Between slices: the listener's requests run, a purge may drop this build, or a synchronous
      // read may already have built the map.
      await new Promise((r) => setImmediate(r));
      if (generation !== this.generation || this.accounts.has(accountId)) return;
      this.readSlice(fans, accountId, after, after + BUILD_SLICE);
    }
    for (const [key, openid] of committed) {
      const f = fans.get(openid);
      if (!f || !f.keys.includes(key)) push(fans, openid, key);
    }
    this.install(accountId, fans);
  }

  /** Reads the account's rows with ids in (after, upTo] into `fans`. */
  private readSlice(fans: Map<string, FanRows>, accountId: string, after: number, upTo: number): void {
    for (const r of this.scan.iterate(after, upTo, accountId) as Iterable<{
      id: number;
      openid: string;
      reply: number;
    }>) {
      push(fans, r.openid, r.id * 2 + r.reply);
    }
  }

  private install(accountId: string, fans: Map<string, FanRows>): void {
    this.accounts.set(accountId, fans);
    this.building.delete(accountId);
  }
}

/** Log ids read per slice of a build: a few ms of the event loop each (bench/callback.bench.ts, firstReadMaxLoopHoldMs). */
const BUILD_SLICE = 1000;

function push(fans: Map<string, FanRows>, openid: string, key: number): void {
  let f = fans.get(openid);
  if (!f) fans.set(openid, (f = { keys: [], messages: 0 }));
  // Rows commit in id order, except one whose handler ran past a later request's: insert in place.
  const lastKey = f.keys.at(-1);
  if (lastKey === undefined || lastKey <= key) f.keys.push(key);
  else f.keys.splice(lastAtOrBelow(f.keys, key) + 1, 0, key);
  f.messages += 1 + (key % 2);
}

const rowOf = (key: number) => Math.floor(key / 2);

/** Index of the last key <= `max` in sorted `keys`, or -1. */
function lastAtOrBelow(keys: number[], max: number): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const key = keys[mid];
    if (key !== undefined && key <= max) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
