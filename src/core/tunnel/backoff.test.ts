import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

const fixed = (byte: number) => ({ bytes: (n: number) => Buffer.alloc(n, byte) });

describe('backoffDelay', () => {
  it('doubles from the initial delay up to the cap', () => {
    const p = { initialMs: 1000, maxMs: 10_000, factor: 2, jitter: 0 };
    expect([1, 2, 3, 4, 5, 6].map((a) => backoffDelay(a, p, fixed(0)))).toEqual([
      1000, 2000, 4000, 8000, 10_000, 10_000,
    ]);
  });

  it('spreads by at most ±jitter and never past the cap', () => {
    const p = { initialMs: 1000, maxMs: 60_000, factor: 2, jitter: 0.2 };
    expect(backoffDelay(1, p, fixed(0))).toBe(800);
    expect(backoffDelay(1, p, fixed(0xff))).toBe(1200);
    expect(backoffDelay(10, p, fixed(0xff))).toBe(60_000);
  });
});
