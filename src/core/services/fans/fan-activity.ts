import type { EventBus } from '../../event-bus';
import type { CommittedRowObserver } from '../../server/callback-recorder';
import type { CallbackLogRecord } from '../../store/repos/callback-log-repo';
import type { FanActivityRepo, FanActivityRow } from '../../store/repos/fan-activity-repo';

/**
 * Committed rows wait this long, so a busy listener pays one transaction per batch of them: each fan
 * who wrote meanwhile is one upsert per batch, however many times they wrote.
 */
const FLUSH_MS = 1_000;
/** Log rows read per slice when catching up at start, with the event loop running between. */
const REPLAY_SLICE = 2_000;

/**
 * Keeps the fans store current between syncs from what the callback log commits (follows,
 * unfollows, messages, clicks: server/callback-recorder.ts tells it of each committed row). The
 * pipeline pays a push per row; the rows are applied in one transaction every FLUSH_MS, and
 * `flush()` applies them at once for a read that must see them (the window, unread counts).
 *
 * The watermark moves with each batch: at start, rows committed after it (a crash before the last
 * flush) are read back from the log in slices; rows committed meanwhile wait until that is done, so
 * a fan's last follow or unfollow is applied last.
 */
export class FanActivity implements CommittedRowObserver {
  private pending: FanActivityRow[] = [];
  private timer?: NodeJS.Timeout;
  private catchingUp = true;
  private stopped = false;

  constructor(
    private readonly repo: FanActivityRepo,
    private readonly events: EventBus,
  ) {}

  committed(r: CallbackLogRecord): void {
    if (!r.accountId || !r.openid || r.parsed === null || r.dedupe === 'retry' || r.source === 'replay')
      return;
    if (r.path.slice(0, 4).toLowerCase() !== '/wx/') return;
    this.pending.push({
      id: r.id,
      accountId: r.accountId,
      openid: r.openid,
      at: r.at,
      msgType: r.msgType,
      event: r.event,
    });
    if (!this.timer && !this.catchingUp && !this.stopped) {
      this.timer = setTimeout(() => this.flush(), FLUSH_MS);
      this.timer.unref();
    }
  }

  /** Reads the rows committed after the watermark, then applies what arrived meanwhile. */
  async start(): Promise<void> {
    const { applied, last } = this.repo.range();
    for (let after = applied; after < last && !this.stopped; after += REPLAY_SLICE) {
      this.apply(this.repo.rowsBetween(after, Math.min(last, after + REPLAY_SLICE)));
      await new Promise((r) => setImmediate(r));
    }
    this.catchingUp = false;
    this.flush();
  }

  /** Applies what waits (synchronously): reads that must see the latest messages call it first. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.catchingUp || !this.pending.length) return;
    const rows = this.pending;
    this.pending = [];
    this.apply(rows);
  }

  stop(): void {
    this.flush();
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private apply(rows: FanActivityRow[]): void {
    if (!rows.length) return;
    let result;
    try {
      result = this.repo.apply(rows);
    } catch (e) {
      // The log holds these rows: the next start reads them again from the watermark.
      console.error('[fans] could not apply callback activity', e);
      return;
    }
    if (result.unread.size) this.events.emit('conversations.unreadChanged', this.repo.unread());
    for (const [accountId, openids] of result.follows)
      this.events.emit('fans.changed', { accountId, openids });
  }
}
