import type { EventBus } from '../../event-bus';
import type { CommittedRowObserver } from '../../server/callback-recorder';
import type { CallbackLogRecord } from '../../store/repos/callback-log-repo';
import { FanFold, foldRows, type FanActivityRow } from '../../store/repos/fan-activity-fold';
import type { ApplyResult, FanActivityRepo, FanDelta } from '../../store/repos/fan-activity-repo';

/**
 * Committed rows wait this long, so a busy listener pays one transaction per batch of them: each fan
 * who wrote meanwhile is one upsert per batch, however many times they wrote.
 */
const FLUSH_MS = 1_000;
/** Log rows read per slice when catching up at start, with the event loop running between. */
const REPLAY_SLICE = 2_000;
/**
 * Fans upserted per transaction of a batch, with the event loop running between: a busy second
 * from a thousand fans, applied whole, held every callback answer in flight until it was done.
 */
export const FAN_SLICE = 100;

/** A batch being applied slice by slice. */
interface Batch {
  deltas: FanDelta[];
  next: number;
  /** The batch's newest row: the watermark once its last slice is in. */
  last: number;
  result: ApplyResult;
}

/**
 * Keeps the fans store current between syncs from what the callback log commits (follows,
 * unfollows, messages, clicks: server/callback-recorder.ts tells it of each committed row). The
 * pipeline pays a fold per row (one delta per fan); every FLUSH_MS the deltas waiting are applied in
 * slices of FAN_SLICE fans, a transaction each, with the event loop running between. `flush()`
 * applies everything at once for a read that must see it (the window, unread counts).
 *
 * The watermark moves with a batch's last slice, and each fan keeps the newest row applied to it
 * (fan-activity-repo.ts): at start, rows committed after the watermark (a crash before or during
 * the last batch) are read back from the log in slices, less those a slice already applied; rows
 * committed meanwhile wait until that is done, so a fan's last follow or unfollow is applied last.
 */
export class FanActivity implements CommittedRowObserver {
  /** Rows committed since the last batch, folded per fan as they come. */
  private pending = new FanFold();
  private batch?: Batch;
  private timer?: NodeJS.Timeout;
  private catchingUp = true;
  private stopped = false;

  constructor(
    private readonly repo: FanActivityRepo,
    private readonly events: EventBus,
    /** How long committed rows wait for their batch (tests shorten it). */
    private readonly flushMs = FLUSH_MS,
  ) {}

  committed(r: CallbackLogRecord): void {
    // The record carries the fields the fold reads: it is folded as it is, with no copy per row.
    if (!isFanActivity(r)) return;
    this.pending.add(r);
    this.arm();
  }

  private arm(): void {
    if (this.timer || this.batch || this.catchingUp || this.stopped || !this.pending.size) return;
    this.timer = setTimeout(() => this.startBatch(), this.flushMs);
    this.timer.unref();
  }

  /** Reads the rows committed after the watermark, then applies what arrived meanwhile. */
  async start(): Promise<void> {
    const { applied, last } = this.repo.range();
    for (let after = applied; after < last && !this.stopped; after += REPLAY_SLICE) {
      const rows = this.repo.rowsBetween(after, Math.min(last, after + REPLAY_SLICE));
      if (rows.length) this.applyAll(foldRows(rows));
      await new Promise((r) => setImmediate(r));
    }
    this.catchingUp = false;
    this.flush();
  }

  /** Applies what waits (synchronously): reads that must see the latest messages call it first. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.catchingUp) return;
    const b = this.batch;
    if (b) this.applySlice(b, b.deltas.length);
    if (this.pending.size) this.applyAll(this.pending.take());
  }

  /** Folds the rows waiting into a batch and applies its first slice; the rest follow, a turn each. */
  private startBatch(): void {
    this.timer = undefined;
    if (this.batch || this.catchingUp || !this.pending.size) return;
    const b: Batch = { ...this.pending.take(), next: 0, result: { unread: new Set(), follows: new Map() } };
    this.batch = b;
    const step = () => {
      if (this.batch !== b) return;
      this.applySlice(b, b.next + FAN_SLICE);
      if (this.batch === b) setImmediate(step);
    };
    step();
  }

  /** Applies `b`'s deltas up to index `end`; its last slice moves the watermark and ends it. */
  private applySlice(b: Batch, end: number): void {
    const upTo = Math.min(end, b.deltas.length);
    const done = upTo === b.deltas.length;
    const result = this.write(b.deltas.slice(b.next, upTo), done ? b.last : null);
    if (!result) {
      this.endBatch(b);
      return;
    }
    merge(b.result, result);
    b.next = upTo;
    if (done) this.endBatch(b);
  }

  private endBatch(b: Batch): void {
    this.batch = undefined;
    this.told(b.result);
    this.arm();
  }

  stop(): void {
    this.flush();
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** Applies a whole batch at once (catching up at start, a flush). */
  private applyAll({ deltas, last }: { deltas: FanDelta[]; last: number }): void {
    const result = this.write(deltas, last);
    if (result) this.told(result);
  }

  /** One transaction; undefined when it failed (told once here). */
  private write(deltas: readonly FanDelta[], watermark: number | null): ApplyResult | undefined {
    try {
      return this.repo.apply(deltas, watermark);
    } catch (e) {
      // The log holds these rows past the watermark: the next start reads those not applied.
      console.error('[fans] could not apply callback activity', e);
      return undefined;
    }
  }

  private told(result: ApplyResult): void {
    if (result.unread.size) this.events.emit('conversations.unreadChanged', this.repo.unread());
    for (const [accountId, openids] of result.follows)
      this.events.emit('fans.changed', { accountId, openids });
  }
}

/** The rows the fans store follows: messages and events to an account's /wx/ path, as WeChat sent them. */
function isFanActivity(r: CallbackLogRecord): r is CallbackLogRecord & FanActivityRow {
  if (!r.accountId || !r.openid || r.parsed === null || r.dedupe === 'retry' || r.source === 'replay')
    return false;
  return r.path.slice(0, 4).toLowerCase() === '/wx/';
}

function merge(into: ApplyResult, more: ApplyResult): void {
  for (const a of more.unread) into.unread.add(a);
  for (const [accountId, openids] of more.follows) {
    const list = into.follows.get(accountId);
    if (list) list.push(...openids);
    else into.follows.set(accountId, [...openids]);
  }
}
