/**
 * The settled exchanges the dedupe store remembers (dedupe-store.ts), in typed arrays: per slot a
 * 64-bit hash of the exchange's key, its first delivery's log id, how many deliveries it has had
 * and when it is forgotten. No object, string or Map entry per request outlives the request, so
 * under load nothing of the memory reaches the garbage collector's old generation, and a full
 * table costs a few MB outside the JavaScript heap.
 *
 * A hash may collide: a hit is a candidate, and the caller confirms it against the log row, which
 * holds the key itself (callback-log-repo.ts exchangeOf). Open addressing with linear probing;
 * the table is never filled past half, and it is emptied whole, never slot by slot.
 */
export class ExchangeTable {
  private readonly mask: number;
  private readonly hi: Int32Array;
  private readonly lo: Int32Array;
  private readonly logIds: Float64Array;
  private readonly expires: Float64Array;
  private readonly deliveries: Uint16Array;
  private used = 0;

  /** Room for at least `entries` exchanges. */
  constructor(readonly entries: number) {
    let cap = 16;
    while (cap < entries * 2) cap <<= 1;
    this.mask = cap - 1;
    this.hi = new Int32Array(cap);
    this.lo = new Int32Array(cap);
    this.logIds = new Float64Array(cap);
    this.expires = new Float64Array(cap);
    this.deliveries = new Uint16Array(cap);
  }

  get size(): number {
    return this.used;
  }

  /** The slot of `h`, or -1. An expired slot still answers, with expires <= now (the caller checks). */
  find(h: KeyHash): number {
    for (let i = h.lo & this.mask; ; i = (i + 1) & this.mask) {
      if (this.logIds[i] === 0) return -1;
      if (this.lo[i] === h.lo && this.hi[i] === h.hi) return i;
    }
  }

  /** Remembers (or updates) exchange `h`; false when the table has no room left (rotate first). */
  set(h: KeyHash, firstLogId: number, deliveries: number, expiresAt: number): boolean {
    let i = h.lo & this.mask;
    for (; this.logIds[i] !== 0; i = (i + 1) & this.mask) {
      if (this.lo[i] === h.lo && this.hi[i] === h.hi) break;
    }
    if (this.logIds[i] === 0) {
      if (this.used >= this.entries) return false;
      this.used++;
      this.lo[i] = h.lo;
      this.hi[i] = h.hi;
    }
    this.logIds[i] = firstLogId;
    this.deliveries[i] = Math.min(deliveries, 0xffff);
    this.expires[i] = expiresAt;
    return true;
  }

  // Slots come from find(); one outside the table reads as an empty slot (zeros), as a typed array
  // would hold there.
  logIdAt(i: number): number {
    return this.logIds[i] ?? 0;
  }
  deliveriesAt(i: number): number {
    return this.deliveries[i] ?? 0;
  }
  expiresAt(i: number): number {
    return this.expires[i] ?? 0;
  }
  /** One more delivery of the exchange in slot `i`; returns the count. */
  delivered(i: number): number {
    const count = this.deliveriesAt(i);
    if (count < 0xffff) this.deliveries[i] = count + 1;
    return this.deliveriesAt(i);
  }
  /** The exchange in slot `i` is forgotten (it stays a probe step; its expiry is gone). */
  expire(i: number): void {
    this.expires[i] = 0;
  }

  clear(): void {
    if (!this.used) return;
    this.logIds.fill(0);
    this.used = 0;
  }
}

export interface KeyHash {
  hi: number;
  lo: number;
}

/** Two 32-bit FNV-1a hashes (different offsets) of a string's UTF-16 code units: 64 bits. */
export function hashKey(s: string): KeyHash {
  let a = 0x811c9dc5 | 0;
  let b = 0x050c5d1f | 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  return { hi: a, lo: b ^ (b >>> 13) };
}
