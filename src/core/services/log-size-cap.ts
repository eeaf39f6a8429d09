import { setImmediate as nextTurn } from 'node:timers/promises';
import type Database from 'better-sqlite3';
import type { CallbackStorageDto } from '../../shared/api/areas/callbacks';
import type { Clock } from '../runtime';
import type { CallbackLogRepo } from '../store/repos/callback-log-repo';

const MB = 1024 * 1024;
/** Pruning goes down to this share of the cap, so it does not run again with the next request. */
const LOW_WATER = 0.9;
/** Logged bytes (roughly) between two looks at the database's size. */
const CHECK_EVERY_BYTES = MB;
/** Rows deleted per transaction: bounded, so the listener runs between chunks. */
const MIN_CHUNK = 50;
const MAX_CHUNK = 2_000;

/**
 * Keeps the database under settings.callbackLogMaxMb by deleting the oldest callback records first
 * (docs/architecture.md §5). Its size is the pages in use (page_count − freelist_count): two
 * pragmas, no scan, so it can be looked at often. SQLite reuses the freed pages, so the file stops
 * growing at about the cap. Looked at on start, on the hourly sweep, and after every few MB the
 * recorder commits; the deletes run in chunks with the event loop turning between them.
 */
export class LogSizeCap {
  private sinceCheck = 0;
  private running?: Promise<void>;
  private prunedRows = 0;
  private lastPrunedAt: number | null = null;

  constructor(
    private readonly db: Database.Database,
    private readonly log: CallbackLogRepo,
    private readonly clock: Clock,
    private readonly limitMb: () => number,
    /** Rows went: conversations and the fan index follow; the UI hears of the new size. */
    private readonly pruned: (status: CallbackStorageDto) => void,
  ) {}

  /** The recorder committed about `bytes` of rows. */
  written(bytes: number): void {
    this.sinceCheck += bytes;
    if (this.sinceCheck < CHECK_EVERY_BYTES) return;
    this.sinceCheck = 0;
    void this.enforce();
  }

  usedBytes(): number {
    if (!this.db.open) return 0;
    const pages = this.db.pragma('page_count', { simple: true }) as number;
    const free = this.db.pragma('freelist_count', { simple: true }) as number;
    return (pages - free) * (this.db.pragma('page_size', { simple: true }) as number);
  }

  status(): CallbackStorageDto {
    return {
      usedBytes: this.usedBytes(),
      limitBytes: this.limitMb() * MB,
      prunedRows: this.prunedRows,
      lastPrunedAt: this.lastPrunedAt,
      oldestAt: this.db.open ? this.log.oldestAt() : null,
    };
  }

  /** Deletes the oldest records until the database is under the cap again (one run at a time). */
  enforce(): Promise<void> {
    this.running ??= this.prune().finally(() => (this.running = undefined));
    return this.running;
  }

  private async prune(): Promise<void> {
    const limit = this.limitMb() * MB;
    let used = this.usedBytes();
    if (used <= limit) return;
    const target = limit * LOW_WATER;
    let gone = 0;
    while (used > target && this.db.open) {
      const { before, last } = this.log.idSpan();
      const rows = last - before;
      if (rows <= 0) break;
      const share = (used - target) / used;
      const n = Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, Math.ceil(rows * share)));
      const deleted = this.log.pruneOldest(n);
      if (deleted === 0) break;
      gone += deleted;
      used = this.usedBytes();
      await nextTurn();
    }
    if (!gone) return;
    this.prunedRows += gone;
    this.lastPrunedAt = this.clock.now();
    const line = `[callback] the database reached its ${this.limitMb()} MB cap: deleted the ${gone} oldest callback records`;
    console.warn(line);
    this.pruned(this.status());
  }
}
