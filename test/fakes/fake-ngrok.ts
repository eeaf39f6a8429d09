import type {
  NgrokConnectOptions,
  NgrokListenOptions,
  NgrokListener,
  NgrokSession,
  NgrokSessionFactory,
} from '../../src/core/tunnel/ngrok-session';
import type { Timers } from '../../src/core/tunnel/timers';

type ConnectStep = { fail: string } | { hang: true } | 'ok';

export class FakeNgrokSession implements NgrokSession {
  closed = false;
  listeners: { url: string; opts: NgrokListenOptions; closed: boolean }[] = [];
  constructor(
    readonly opts: NgrokConnectOptions,
    private readonly owner: FakeNgrok,
  ) {}

  async listen(opts: NgrokListenOptions): Promise<NgrokListener> {
    const err = this.owner.listenFailures.shift();
    if (err) throw Object.assign(new Error(err), { errorCode: /ERR_NGROK_\d+/.exec(err)?.[0] });
    const url = await this.owner.nextUrl(opts);
    const entry = { url, opts, closed: false };
    this.listeners.push(entry);
    return {
      url: () => url,
      close: async () => {
        entry.closed = true;
      },
    };
  }

  async close(): Promise<void> {
    if (!this.closed) this.owner.onClose?.(this);
    this.closed = true;
  }

  /** What ngrok does when the network drops under a live session. */
  disconnect(error = 'connection reset by peer'): void {
    this.opts.onDisconnect(error);
  }
}

/**
 * A scripted stand-in for @ngrok/ngrok behind the NgrokSessionFactory port. Each connect takes the
 * next step ('ok', a failure message like ngrok's, or a hang released by `release()`); each listen
 * takes the next URL (or asks `urlFor`, e.g. to start a reverse proxy to `forwardTo`).
 */
export class FakeNgrok implements NgrokSessionFactory {
  sessions: FakeNgrokSession[] = [];
  connects: NgrokConnectOptions[] = [];
  listenFailures: string[] = [];
  /** Called when a session closes, e.g. to see what else was still running at that moment. */
  onClose?: (s: FakeNgrokSession) => void;
  private steps: ConnectStep[] = [];
  private urls: string[] = [];
  private hung: { resolve: () => void; reject: (e: Error) => void }[] = [];
  private counter = 0;

  constructor(private readonly urlFor?: (opts: NgrokListenOptions) => Promise<string> | string) {}

  /** Next connects, in order; when the script runs out, connects succeed. */
  script(...steps: ConnectStep[]): this {
    this.steps.push(...steps);
    return this;
  }

  /** Public URLs handed out by the next listens; afterwards a fresh random-looking one each time. */
  nextUrls(...urls: string[]): this {
    this.urls.push(...urls);
    return this;
  }

  async nextUrl(opts: NgrokListenOptions): Promise<string> {
    if (this.urls.length) return this.urls.shift()!;
    if (this.urlFor) return this.urlFor(opts);
    return opts.domain ? `https://${opts.domain}` : `https://fake-${++this.counter}.ngrok-free.app`;
  }

  get live(): FakeNgrokSession | undefined {
    return this.sessions.filter((s) => !s.closed).at(-1);
  }

  /** Lets the oldest hanging connect succeed. */
  release(): void {
    this.hung.shift()?.resolve();
  }

  async connect(opts: NgrokConnectOptions): Promise<NgrokSession> {
    this.connects.push(opts);
    const step = this.steps.shift() ?? 'ok';
    if (step !== 'ok' && 'fail' in step) {
      throw Object.assign(new Error(step.fail), { errorCode: /ERR_NGROK_\d+/.exec(step.fail)?.[0] });
    }
    if (step !== 'ok') await new Promise<void>((resolve, reject) => this.hung.push({ resolve, reject }));
    const s = new FakeNgrokSession(opts, this);
    this.sessions.push(s);
    return s;
  }
}

/** Timers that fire only when the test says so, so backoff is checked without waiting. */
export class ManualTimers implements Timers {
  private seq = 0;
  pending = new Map<number, { fn: () => void; ms: number }>();

  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.pending.set(id, { fn, ms });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  /** Delays of the timers waiting right now, oldest first. */
  get delays(): number[] {
    return [...this.pending.values()].map((t) => t.ms);
  }

  /** Fires every pending timer (not the ones they schedule). */
  fireAll(): void {
    const due = [...this.pending.entries()];
    this.pending.clear();
    for (const [, t] of due) t.fn();
  }
}
