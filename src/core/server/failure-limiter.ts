import type http from 'node:http';
import net from 'node:net';
import type { Clock } from '../runtime';

/** What to do with a failed request that is not proven WeChat's. */
export type FailureVerdict =
  /** Log it as usual. */
  | 'record'
  /** The address just ran out: answer 429 and log this one row saying so. */
  | 'limit'
  /** The address is refused: answer 429, no row (counted in the console). */
  | 'refuse';

interface Bucket {
  tokens: number;
  at: number;
  /** The 'limit' row was written since the bucket last ran dry. */
  told: boolean;
}

export interface FailureLimiterOptions {
  /** Failures an address may send in a burst before it is refused. */
  burst?: number;
  /** Failures per second it earns back. */
  perSecond?: number;
  /** Addresses remembered at most (a flood of new ones drops the quiet ones first). */
  maxAddresses?: number;
}

/**
 * A token bucket per source address for requests that fail before they are proven WeChat's
 * (unknown paths and accounts, bad signatures, stale timestamps, clients gone): each takes a token,
 * and an address without tokens gets a cheap 429 and no log row. A request whose signature holds
 * never takes a token and is never refused, whatever its address did (docs/architecture.md §4): the
 * limiter only decides about failures. Behind our tunnel every request comes from loopback, so there
 * the address is the last X-Forwarded-For hop, the one the tunnel added.
 */
export class FailureLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly burst: number;
  private readonly perMs: number;
  private readonly max: number;

  constructor(
    private readonly clock: Clock,
    opts: FailureLimiterOptions = {},
  ) {
    this.burst = opts.burst ?? 100;
    this.perMs = (opts.perSecond ?? 1) / 1000;
    this.max = opts.maxAddresses ?? 10_000;
  }

  private prunedAt = 0;

  /**
   * Whether any address has failed lately: while none has, a request need not even work out its
   * address. Buckets that have filled up again are forgotten once a minute.
   */
  get active(): boolean {
    if (this.buckets.size === 0) return false;
    const now = this.clock.now();
    if (now - this.prunedAt > 60_000) {
      this.prunedAt = now;
      for (const [addr, b] of this.buckets) if (this.refill(b, now) >= this.burst) this.buckets.delete(addr);
    }
    return this.buckets.size > 0;
  }

  /** Whether failures from `addr` are refused now (checked before reading a body). */
  limited(addr: string): boolean {
    const b = this.buckets.get(addr);
    return !!b && this.refill(b, this.clock.now()) < 1;
  }

  /** A failure from `addr`: what to do with it. */
  failed(addr: string): FailureVerdict {
    const now = this.clock.now();
    let b = this.buckets.get(addr);
    if (!b) {
      if (this.buckets.size >= this.max) this.evict(now);
      b = { tokens: this.burst, at: now, told: false };
      this.buckets.set(addr, b);
    }
    if (this.refill(b, now) >= 1) {
      b.tokens -= 1;
      if (b.tokens >= 1) b.told = false;
      return 'record';
    }
    if (b.told) return 'refuse';
    b.told = true;
    return 'limit';
  }

  /** Seconds until `addr` may fail once more without being refused. */
  retryAfterS(addr: string): number {
    const b = this.buckets.get(addr);
    if (!b) return 0;
    return Math.max(1, Math.ceil((1 - this.refill(b, this.clock.now())) / this.perMs / 1000));
  }

  private refill(b: Bucket, now: number): number {
    b.tokens = Math.min(this.burst, b.tokens + (now - b.at) * this.perMs);
    b.at = now;
    return b.tokens;
  }

  /** Drops the addresses whose buckets are full again; if none are, the longest-known one. */
  private evict(now: number): void {
    for (const [addr, b] of this.buckets) if (this.refill(b, now) >= this.burst) this.buckets.delete(addr);
    if (this.buckets.size >= this.max) this.buckets.delete(this.buckets.keys().next().value!);
  }
}

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

/**
 * The address a request's failures count against: the peer, or behind a local tunnel (a loopback
 * peer) the last X-Forwarded-For hop. IPv6 counts per /64, the block one host is usually given.
 */
export function failureAddress(req: http.IncomingMessage): string {
  let addr = req.socket.remoteAddress ?? '';
  const xff = req.headers['x-forwarded-for'];
  if (LOOPBACK.test(addr) && typeof xff === 'string' && xff) {
    const last = xff.slice(xff.lastIndexOf(',') + 1).trim();
    if (net.isIP(last)) addr = last;
  }
  if (addr.startsWith('::ffff:') && net.isIPv4(addr.slice(7))) return addr.slice(7);
  return net.isIPv6(addr) ? ipv6Prefix64(addr) : addr;
}

function ipv6Prefix64(addr: string): string {
  const [head, tail = ''] = addr.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = addr.includes('::') ? [...h, ...Array(8 - h.length - t.length).fill('0'), ...t] : h;
  return `${groups
    .slice(0, 4)
    .map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
