export interface Bucket {
  /** Notifications shown at once before the rate applies. */
  burst: number;
  /** Then one more per this many ms. */
  everyMs: number;
}

export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

class TokenBucket {
  private tokens: number;
  private at: number;
  constructor(
    private readonly b: Bucket,
    now: number,
  ) {
    this.tokens = b.burst;
    this.at = now;
  }
  private refill(now: number) {
    this.tokens = Math.min(this.b.burst, this.tokens + (now - this.at) / this.b.everyMs);
    this.at = now;
  }
  take(now: number): boolean {
    this.refill(now);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
  /** Ms until one token is there. */
  wait(now: number): number {
    this.refill(now);
    return this.tokens >= 1 ? 0 : Math.ceil((1 - this.tokens) * this.b.everyMs);
  }
}

/**
 * Keeps a flood (500 failing callbacks, a tunnel flapping) from burying the desktop in
 * notifications: each kind has its own bucket and all kinds share one. What is held back is
 * counted per kind and told in one summary as soon as the buckets allow, so nothing is lost
 * silently and nothing piles up.
 */
export class NotificationThrottle<K extends string> {
  private readonly kinds = new Map<K, TokenBucket>();
  private readonly shared: TokenBucket;
  private readonly held = new Map<K, number>();
  private timer: unknown;

  constructor(
    private readonly perKind: Bucket,
    shared: Bucket,
    private readonly timers: Timers,
    private readonly summarize: (kind: K, count: number) => void,
  ) {
    this.shared = new TokenBucket(shared, timers.now());
  }

  /** True: show it now. False: it was counted into the next summary of its kind. */
  admit(kind: K): boolean {
    const now = this.timers.now();
    if (!this.held.get(kind) && this.available(kind, now)) {
      this.take(kind, now);
      return true;
    }
    this.held.set(kind, (this.held.get(kind) ?? 0) + 1);
    this.schedule();
    return false;
  }

  /** Held counts are dropped (e.g. the user opened the window and sees it all). */
  clear(kind?: K): void {
    if (kind) this.held.delete(kind);
    else this.held.clear();
  }

  dispose(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.held.clear();
  }

  private bucket(kind: K, now: number): TokenBucket {
    let b = this.kinds.get(kind);
    if (!b) this.kinds.set(kind, (b = new TokenBucket(this.perKind, now)));
    return b;
  }

  private available(kind: K, now: number): boolean {
    return this.bucket(kind, now).wait(now) === 0 && this.shared.wait(now) === 0;
  }

  private take(kind: K, now: number): void {
    this.bucket(kind, now).take(now);
    this.shared.take(now);
  }

  private schedule(): void {
    if (this.timer !== undefined || this.held.size === 0) return;
    const now = this.timers.now();
    const waits = [...this.held.keys()].map((k) =>
      Math.max(this.bucket(k, now).wait(now), this.shared.wait(now)),
    );
    this.timer = this.timers.setTimeout(() => this.flush(), Math.max(1, Math.min(...waits)));
  }

  private flush(): void {
    this.timer = undefined;
    const now = this.timers.now();
    for (const [kind, count] of [...this.held]) {
      if (!this.available(kind, now)) continue;
      this.take(kind, now);
      this.held.delete(kind);
      this.summarize(kind, count);
    }
    this.schedule();
  }
}
