import type Database from 'better-sqlite3';
import type { FanInfo, FansRepo } from './fans-repo';

export type SyncRowState = 'running' | 'cancelled' | 'done' | 'failed';
export type SyncPhase = 'list' | 'blacklist' | 'finish';

/** A sync as stored (store/migrations/020): enough to resume it after a crash or a restart. */
export interface SyncRow {
  accountId: string;
  state: SyncRowState;
  gen: number;
  full: boolean;
  phase: SyncPhase;
  /** The user/get page to read next ('' = the first); unused once the phase is past 'list'. */
  nextOpenid: string;
  listed: number;
  /** Of the listed fans, those that needed batchget in this sync. */
  enqueued: number;
  total: number;
  fetched: number;
  startedAt: number;
  updatedAt: number;
  finishedAt: number | null;
  /** JSON ErrorBody of a failed sync. */
  error: string | null;
}

/** One batchget's answers and the queue rows they were asked for. */
export interface FetchedBatch {
  infos: readonly FanInfo[];
  seqs: readonly number[];
}

const COLS = `account_id AS accountId, state, gen, full, phase, next_openid AS nextOpenid, listed, enqueued, total, fetched,
  started_at AS startedAt, updated_at AS updatedAt, finished_at AS finishedAt, error`;

/**
 * The sync's state and its queue of openids waiting for batchget. Every step is one transaction with
 * what it did to the fans, so a process killed at any point leaves a state the sync resumes from
 * without losing or repeating a page's work.
 */
export class FanSyncRepo {
  private readonly s;
  private readonly listTx: (sync: SyncRow, openids: readonly string[]) => number;
  private readonly infoTx;

  constructor(
    private readonly db: Database.Database,
    private readonly fans: FansRepo,
  ) {
    this.s = {
      get: db.prepare(`SELECT ${COLS} FROM fan_syncs WHERE account_id = ?`),
      begin: db.prepare(`INSERT INTO fan_syncs (account_id, state, gen, full, phase, started_at, updated_at)
          VALUES (@accountId, 'running', 1, @full, 'list', @now, @now)
        ON CONFLICT (account_id) DO UPDATE SET state = 'running', gen = gen + 1, full = excluded.full, phase = 'list',
          next_openid = '', listed = 0, enqueued = 0, total = 0, fetched = 0, started_at = excluded.started_at,
          updated_at = excluded.updated_at, finished_at = NULL, error = NULL`),
      state: db.prepare(`UPDATE fan_syncs SET state = ?, error = ?, updated_at = ?,
          finished_at = CASE WHEN ? THEN ? ELSE finished_at END WHERE account_id = ?`),
      phase: db.prepare('UPDATE fan_syncs SET phase = ?, updated_at = ? WHERE account_id = ?'),
      // A fan the store does not have yet gets its row with its user/info (one insert, not two).
      listed:
        db.prepare(`UPDATE fans SET listed_gen = @gen, stale = CASE WHEN subscribed = 0 THEN 1 ELSE stale END,
          subscribed = 1, unsubscribed_at = NULL
        WHERE account_id = @accountId AND openid = @openid RETURNING stale, info_at AS infoAt`),
      enqueue: db.prepare('INSERT OR IGNORE INTO fan_sync_queue (account_id, openid) VALUES (?, ?)'),
      page: db.prepare(`UPDATE fan_syncs SET next_openid = ?, listed = listed + ?, enqueued = enqueued + ?, total = ?,
          updated_at = ?, phase = CASE WHEN ? THEN 'blacklist' ELSE phase END WHERE account_id = ?`),
      take: db.prepare(
        'SELECT seq, openid FROM fan_sync_queue WHERE account_id = ? AND seq > ? ORDER BY seq LIMIT ?',
      ),
      queued: db.prepare('SELECT count(*) FROM fan_sync_queue WHERE account_id = ?').pluck(),
      dequeue: db.prepare('DELETE FROM fan_sync_queue WHERE seq IN (SELECT value FROM json_each(?))'),
      fetched: db.prepare('UPDATE fan_syncs SET fetched = fetched + ?, updated_at = ? WHERE account_id = ?'),
      clearBlack: db.prepare('UPDATE fans SET blacklisted = 0 WHERE account_id = ? AND blacklisted = 1'),
      black: db.prepare('UPDATE fans SET blacklisted = 1 WHERE account_id = ? AND openid = ?'),
      missing: db.prepare(`UPDATE fans SET subscribed = 0, unsubscribed_at = ?
        WHERE id > ? AND id <= ? AND account_id = ? AND subscribed = 1 AND listed_gen < ?
          AND ifnull(followed_event_at, 0) < ?`),
      lastFan: db.prepare('SELECT coalesce(max(id), 0) FROM fans').pluck(),
      clearQueue: db.prepare('DELETE FROM fan_sync_queue WHERE account_id = ?'),
    };
    this.listTx = db.transaction((sync: SyncRow, openids: readonly string[]) => {
      let needed = 0;
      for (const openid of openids) {
        const f = this.s.listed.get({ accountId: sync.accountId, openid, gen: sync.gen }) as
          { stale: number; infoAt: number | null } | undefined;
        // Already read in this sync (a page listed again after a restart): needed, and done.
        if (f && f.infoAt !== null && f.infoAt >= sync.startedAt) needed++;
        else if (!f || sync.full || f.stale || f.infoAt === null) {
          this.s.enqueue.run(sync.accountId, openid);
          needed++;
        }
      }
      return needed;
    });
    this.infoTx = db.transaction((sync: SyncRow, batches: readonly FetchedBatch[], now: number) => {
      let n = 0;
      for (const b of batches) {
        this.fans.applyInfos(sync.accountId, b.infos, now, sync.gen);
        this.s.dequeue.run(JSON.stringify(b.seqs));
        n += b.seqs.length;
      }
      this.s.fetched.run(n, now, sync.accountId);
    });
  }

  get(accountId: string): SyncRow | undefined {
    const r = this.s.get.get(accountId) as (Omit<SyncRow, 'full'> & { full: number }) | undefined;
    return r && { ...r, full: r.full === 1 };
  }

  /** A new sync (the next generation) from the first user/get page; the old queue goes. */
  begin(accountId: string, full: boolean, now: number): SyncRow {
    this.db.transaction(() => {
      this.s.clearQueue.run(accountId);
      this.s.begin.run({ accountId, full: full ? 1 : 0, now });
    })();
    return this.get(accountId)!;
  }

  setState(accountId: string, state: SyncRowState, error: string | null, now: number): void {
    const final = state !== 'running';
    this.s.state.run(state, error, now, final ? 1 : 0, now, accountId);
  }

  setPhase(accountId: string, phase: SyncPhase, now: number): void {
    this.s.phase.run(phase, now, accountId);
  }

  /**
   * A slice of a user/get page: the fans are upserted as listed by the sync's generation, and queued
   * for batchget when new, changed or the sync is `full`. Returns how many of them need (or, listed
   * again after a restart, already had) their user/info in this sync.
   */
  listed(sync: SyncRow, openids: readonly string[]): number {
    return this.listTx(sync, openids);
  }

  /** The page is in: its counts and where the next one starts (or that there is none), in one step. */
  pageDone(
    accountId: string,
    page: { count: number; needed: number; total: number; next: string; last: boolean },
    now: number,
  ): void {
    this.s.page.run(page.next, page.count, page.needed, page.total, now, page.last ? 1 : 0, accountId);
  }

  take(accountId: string, afterSeq: number, n: number): { seq: number; openid: string }[] {
    return this.s.take.all(accountId, afterSeq, n) as { seq: number; openid: string }[];
  }

  queued(accountId: string): number {
    return this.s.queued.get(accountId) as number;
  }

  /** Batchget answers (the fans listed by this sync), and their openids off the queue, in one step. */
  fetched(sync: SyncRow, batches: readonly FetchedBatch[], now: number): void {
    this.infoTx(sync, batches, now);
  }

  /** The blacklist as getblacklist listed it replaces what the store had. */
  blacklist(accountId: string, openids: readonly string[]): void {
    this.db.transaction(() => {
      this.s.clearBlack.run(accountId);
      for (const o of openids) this.s.black.run(accountId, o);
    })();
  }

  /** The highest fan id (markMissing walks the ids in slices up to it). */
  lastFanId(): number {
    return this.s.lastFan.get() as number;
  }

  /**
   * Fans with ids in (after, upTo] that user/get no longer lists (and who did not follow again
   * meanwhile) are unfollowed.
   */
  markMissing(sync: SyncRow, after: number, upTo: number, now: number): number {
    return this.s.missing.run(now, after, upTo, sync.accountId, sync.gen, sync.startedAt).changes;
  }
}
