import type { CallbackLogFailure } from '../../shared/api/areas/app';
import type { Clock } from '../runtime';

/** A storage error's SQLite code, as the UI names it. */
function causeOf(e: unknown): CallbackLogFailure['cause'] {
  const code = String((e as { code?: unknown })?.code ?? '');
  if (code === 'SQLITE_FULL') return 'disk_full';
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_IOERR') || code === 'SQLITE_CANTOPEN')
    return 'not_writable';
  return 'other';
}

/**
 * Whether the callback log is being written (server/callback-recorder.ts tells it after each group
 * commit). A failure turns up in app.status for every screen to show: the requests it refuses leave
 * no log row to see. Changes are told at once; while requests keep failing, the growing count at
 * most once per `notifyMs`, so a refused flood does not become a flood of events.
 */
export class LogHealth {
  private current: CallbackLogFailure | null = null;
  private toldAt = 0;
  private lateTimer?: NodeJS.Timeout;

  constructor(
    private readonly clock: Clock,
    private readonly onChange: () => void,
    private readonly notifyMs = 1000,
  ) {}

  get failure(): CallbackLogFailure | null {
    return this.current;
  }

  /** `count` requests of one commit could not be recorded; `error` is the first one's. */
  failed(error: unknown, count: number): void {
    const now = this.clock.now();
    if (!this.current) {
      const e = error as { code?: unknown; message?: unknown };
      this.current = {
        since: now,
        refused: count,
        cause: causeOf(error),
        detail: [e?.code, e?.message ?? String(error)].filter(Boolean).join(': '),
      };
      // Once per failure, not per refused request: a flood of them must not fill the disk further.
      console.error('[callback] the callback log cannot be written; requests are answered 500', error);
      this.tell(now);
      return;
    }
    this.current.refused += count;
    if (now - this.toldAt >= this.notifyMs) this.tell(now);
    // The last count of a burst still reaches the screens.
    else this.lateTimer ??= setTimeout(() => this.tell(this.clock.now()), this.notifyMs).unref();
  }

  /** A commit went through: the log is writable again. */
  recorded(): void {
    if (!this.current) return;
    console.log(`[callback] the callback log is written again (${this.current.refused} requests refused)`);
    this.current = null;
    this.tell(this.clock.now());
  }

  stop(): void {
    clearTimeout(this.lateTimer);
    this.lateTimer = undefined;
  }

  private tell(now: number): void {
    clearTimeout(this.lateTimer);
    this.lateTimer = undefined;
    this.toldAt = now;
    this.onChange();
  }
}
