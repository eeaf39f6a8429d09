import type { FanSyncStatusDto } from '../../../shared/api/areas/fans';
import { AppError, isAppError, type ErrorBody } from '../../../shared/errors';
import type { UserInfo } from '../../api/types';
import { BATCHGET_MAX, type WechatClient } from '../../api/wechat-client';
import { isWechatApiError } from '../../api/wechat-error';
import type { EventBus } from '../../event-bus';
import type { Clock } from '../../runtime';
import type { FanSyncRepo, FetchedBatch, SyncRow } from '../../store/repos/fan-sync-repo';
import type { FanInfo, FansRepo } from '../../store/repos/fans-repo';

export type SyncClient = Pick<WechatClient, 'userList' | 'userBatchGet' | 'tagsGet' | 'blacklistPage'>;

export interface FanSyncDeps {
  fans: FansRepo;
  syncs: FanSyncRepo;
  client: () => SyncClient;
  events: EventBus;
  clock: Clock;
  /** batchget calls in flight at once. */
  concurrency?: number;
  /** `fans.syncChanged` at most this often while a sync runs. */
  progressMs?: number;
}

/** Listed fans are written this many per transaction, with the event loop running between. */
const LIST_SLICE = 1_000;
/** Fetched fans are stored this many (or this often) per transaction (see stage). */
const COMMIT_ROWS = 500;
const COMMIT_MS = 100;

/** §9 user/info, as the store keeps it (times in ms). */
export function toFanInfo(u: UserInfo): FanInfo {
  if (u.subscribe !== 1) return { openid: u.openid, subscribed: false };
  return {
    openid: u.openid,
    subscribed: true,
    subscribeTime: u.subscribe_time ? u.subscribe_time * 1000 : undefined,
    subscribeScene: u.subscribe_scene,
    qrSceneStr: u.qr_scene_str,
    language: u.language,
    remark: u.remark,
    tagIds: u.tagid_list ?? [],
    unionid: u.unionid,
  };
}

/** Wakes whoever waits on `next` (batchget workers waiting for the lister's next page). */
class Signal {
  private resolve: () => void = () => {};
  next = this.arm();
  fire(): void {
    const resolve = this.resolve;
    this.next = this.arm();
    resolve();
  }
  private arm(): Promise<void> {
    return new Promise<void>((r) => (this.resolve = r));
  }
}

interface Run {
  stopped: boolean;
  /** Stopped by the operator (stored as cancelled), rather than by core stopping (resumed at start). */
  cancelled: boolean;
  failure?: unknown;
  done: Promise<void>;
  /** Fired when the lister commits openids to the queue, finishes, or the run stops. */
  queueChanged: Signal;
  listing: boolean;
  /** The queue is taken in order by every worker; rows are only ever added after it. */
  lastSeq: number;
  /** Batches answered and not yet stored (stage, flush). */
  toCommit: FetchedBatch[];
  staged: number;
  commitTimer?: NodeJS.Timeout;
}

/**
 * `fans.sync`: reads an account's fans into the store (docs/architecture.md §5) and keeps going in
 * the background. user/get pages of 10 000 (§9, next_openid paging), batchget of 100 with a few in
 * flight while the next page is read, then the blacklist, then the fans user/get no longer lists are
 * marked unfollowed. Every page and batch is committed with the cursor and the queue, so a sync
 * stopped at any point (cancelled, a daily quota reached, the process killed) resumes where it was.
 * Every call goes through the API client, so each is in the API log.
 */
export class FanSync {
  private readonly runs = new Map<string, Run>();
  private readonly lastEmit = new Map<string, number>();
  private readonly concurrency: number;
  private readonly progressMs: number;

  constructor(private readonly d: FanSyncDeps) {
    this.concurrency = d.concurrency ?? 4;
    this.progressMs = d.progressMs ?? 200;
  }

  /** Starts a sync (or resumes a stopped one) and returns at once. */
  start(accountId: string, full?: boolean): FanSyncStatusDto {
    if (this.runs.has(accountId)) return this.status(accountId);
    const now = this.d.clock.now();
    const row = this.d.syncs.get(accountId);
    const resumable = row && row.state !== 'done' && (!full || row.full);
    if (resumable) this.d.syncs.setState(accountId, 'running', null, now);
    else this.d.syncs.begin(accountId, full ?? row === undefined, now);
    this.launch(accountId);
    return this.emit(accountId, true);
  }

  /** At start: syncs the process stopped in the middle of (a crash, a quit) carry on. */
  resumeInterrupted(accountIds: readonly string[]): void {
    for (const id of accountIds) {
      if (this.d.syncs.get(id)?.state === 'running' && !this.runs.has(id)) this.launch(id);
    }
  }

  cancel(accountId: string): FanSyncStatusDto {
    const run = this.runs.get(accountId);
    if (run) {
      run.cancelled = true;
      run.stopped = true;
      run.queueChanged.fire();
    }
    return this.status(accountId);
  }

  status(accountId: string): FanSyncStatusDto {
    const row = this.d.syncs.get(accountId);
    if (!row) return { accountId, state: 'idle', done: 0, total: 0, full: false, resumable: false };
    const live = this.runs.has(accountId);
    const interrupted = row.state === 'cancelled' || (row.state === 'running' && !live);
    const total = Math.max(row.total, row.listed);
    const dto: FanSyncStatusDto = {
      accountId,
      state: interrupted ? 'idle' : (row.state as 'running' | 'done' | 'failed'),
      done: row.state === 'done' ? total : Math.min(total, row.fetched + row.listed - row.enqueued),
      total,
      full: row.full,
      resumable: interrupted || row.state === 'failed',
      startedAt: row.startedAt,
    };
    if (row.state !== 'done') dto.phase = row.phase;
    if (row.finishedAt !== null) dto.finishedAt = row.finishedAt;
    if (row.error) dto.error = JSON.parse(row.error) as ErrorBody;
    return dto;
  }

  /** Resolves when every running sync has stopped (tests). */
  async idle(): Promise<void> {
    while (this.runs.size) await Promise.all([...this.runs.values()].map((r) => r.done));
  }

  /** Core is stopping: runs end after their calls in flight and resume at the next start. */
  async stop(): Promise<void> {
    for (const r of this.runs.values()) {
      r.stopped = true;
      r.queueChanged.fire();
    }
    await this.idle();
  }

  private launch(accountId: string): void {
    const run: Run = {
      stopped: false,
      cancelled: false,
      listing: true,
      lastSeq: 0,
      toCommit: [],
      staged: 0,
      queueChanged: new Signal(),
      done: Promise.resolve(),
    };
    this.runs.set(accountId, run);
    run.done = this.run(accountId, run).finally(() => {
      this.runs.delete(accountId);
      this.emit(accountId, true);
    });
  }

  private async run(accountId: string, run: Run): Promise<void> {
    const now = () => this.d.clock.now();
    try {
      const tags = await this.d.client().tagsGet(accountId);
      this.d.fans.replaceTagDefs(accountId, tags.tags);
      let row = this.d.syncs.get(accountId)!;
      // Listing may be over with batches still queued (a sync stopped after its last page).
      if (row.phase === 'list' || this.d.syncs.queued(accountId) > 0) {
        await Promise.all([
          this.listPages(accountId, run),
          ...Array.from({ length: this.concurrency }, () => this.fetchInfos(accountId, run)),
        ]);
        if (run.failure) throw run.failure;
        row = this.d.syncs.get(accountId)!;
      }
      if (run.stopped) {
        if (run.cancelled) this.d.syncs.setState(accountId, 'cancelled', null, now());
        return;
      }
      if (row.phase === 'blacklist') {
        this.d.syncs.blacklist(accountId, await this.blacklisted(accountId));
        this.d.syncs.setPhase(accountId, 'finish', now());
      }
      await this.markMissing(row);
      this.d.syncs.setState(accountId, 'done', null, now());
      this.d.events.emit('fans.changed', { accountId });
    } catch (e) {
      run.stopped = true;
      run.queueChanged.fire();
      const body = isAppError(e) ? e.toBody() : new AppError('internal', (e as Error).message).toBody();
      if (!isAppError(e)) console.error('[fans] sync failed', e);
      this.d.syncs.setState(accountId, 'failed', JSON.stringify(body), now());
      this.d.events.emit('fans.changed', { accountId });
    }
  }

  /** user/get, page after page (§9's end: count 0, no data, or no next_openid). */
  private async listPages(accountId: string, run: Run): Promise<void> {
    try {
      let row = this.d.syncs.get(accountId)!;
      while (row.phase === 'list' && !run.stopped) {
        const page = await this.d.client().userList(accountId, row.nextOpenid || undefined);
        const ids = page.data?.openid ?? [];
        let needed = 0;
        for (let i = 0; i < ids.length && !run.stopped; i += LIST_SLICE) {
          needed += this.d.syncs.listed(row, ids.slice(i, i + LIST_SLICE));
          run.queueChanged.fire();
          await new Promise((r) => setImmediate(r));
        }
        if (run.stopped) break;
        const last = !page.count || ids.length === 0 || !page.next_openid;
        this.d.syncs.pageDone(
          accountId,
          { count: ids.length, needed, total: page.total, next: page.next_openid ?? '', last },
          this.d.clock.now(),
        );
        row = this.d.syncs.get(accountId)!;
        this.emit(accountId);
      }
    } catch (e) {
      run.failure ??= e;
      run.stopped = true;
    } finally {
      run.listing = false;
      run.queueChanged.fire();
    }
  }

  /** One of the batchget workers: takes 100 queued openids at a time until the queue is done. */
  private async fetchInfos(accountId: string, run: Run): Promise<void> {
    const sync = this.d.syncs.get(accountId)!;
    while (!run.stopped) {
      const batch = this.d.syncs.take(accountId, run.lastSeq, BATCHGET_MAX);
      // While pages are still coming, wait for a full batch: each batchget costs quota (§12).
      if (run.listing && batch.length < BATCHGET_MAX) {
        await run.queueChanged.next;
        continue;
      }
      // Whatever is still queued is in other workers' hands.
      const last = batch.at(-1);
      if (!last) break;
      run.lastSeq = last.seq;
      try {
        const infos = await this.infosOf(
          accountId,
          batch.map((b) => b.openid),
        );
        this.stage(run, sync, { infos, seqs: batch.map((b) => b.seq) });
      } catch (e) {
        run.failure ??= e;
        run.stopped = true;
        run.queueChanged.fire();
      }
    }
    // What this worker (and the others before it) fetched is stored before it stops.
    this.flush(run, sync);
  }

  /**
   * batchget for these openids. An openid WeChat no longer knows fails the whole call with 40003:
   * the batch is halved until the unknown one is alone, and that fan is stored as gone.
   */
  private async infosOf(accountId: string, openids: string[]): Promise<FanInfo[]> {
    try {
      return (await this.d.client().userBatchGet(accountId, openids)).user_info_list.map(toFanInfo);
    } catch (e) {
      if (!isWechatApiError(e, 40003)) throw e;
      const [only] = openids;
      if (openids.length === 1 && only !== undefined) return [{ openid: only, subscribed: false }];
      const half = Math.ceil(openids.length / 2);
      return [
        ...(await this.infosOf(accountId, openids.slice(0, half))),
        ...(await this.infosOf(accountId, openids.slice(half))),
      ];
    }
  }

  /**
   * Holds a batch's answers until COMMIT_ROWS fans or COMMIT_MS have gathered, then stores them in one
   * transaction: each index page a commit dirties is written once for many batches (the fans' keys
   * are random: a commit per batch rewrote most of them every time). Until then the openids stay
   * queued, so a crash costs at most that many user/info reads again.
   */
  private stage(run: Run, sync: SyncRow, batch: FetchedBatch): void {
    run.toCommit.push(batch);
    run.staged += batch.seqs.length;
    if (run.staged >= COMMIT_ROWS) this.flush(run, sync);
    else run.commitTimer ??= setTimeout(() => this.flush(run, sync), COMMIT_MS);
  }

  private flush(run: Run, sync: SyncRow): void {
    clearTimeout(run.commitTimer);
    run.commitTimer = undefined;
    const batches = run.toCommit;
    run.toCommit = [];
    run.staged = 0;
    if (!batches.length) return;
    try {
      this.d.syncs.fetched(sync, batches, this.d.clock.now());
      this.emit(sync.accountId);
    } catch (e) {
      run.failure ??= e;
      run.stopped = true;
      run.queueChanged.fire();
    }
  }

  /** Those user/get did not list are unfollowed, a slice of ids at a time (the listener shares the loop). */
  private async markMissing(sync: SyncRow): Promise<void> {
    const last = this.d.syncs.lastFanId();
    for (let after = 0; after < last; after += LIST_SLICE * 10) {
      this.d.syncs.markMissing(sync, after, after + LIST_SLICE * 10, this.d.clock.now());
      await new Promise((r) => setImmediate(r));
    }
  }

  /** Every blacklisted openid, page by page (getblacklist pages like user/get). */
  private async blacklisted(accountId: string): Promise<string[]> {
    const out: string[] = [];
    let begin = '';
    for (;;) {
      const page = await this.d.client().blacklistPage(accountId, begin);
      const ids = page.data?.openid ?? [];
      out.push(...ids);
      if (!page.count || ids.length === 0 || !page.next_openid) return out;
      begin = page.next_openid;
    }
  }

  private emit(accountId: string, force = false): FanSyncStatusDto {
    const now = this.d.clock.now();
    const s = this.status(accountId);
    if (!force && now - (this.lastEmit.get(accountId) ?? -Infinity) < this.progressMs) return s;
    this.lastEmit.set(accountId, now);
    this.d.events.emit('fans.syncChanged', s);
    return s;
  }
}

export type { SyncRow };
