import { describe, expect, it } from 'vitest';
import { ExchangeTable, hashKey } from './exchange-table';

describe('ExchangeTable', () => {
  it('finds what it holds, up to its size, and nothing else', () => {
    const t = new ExchangeTable(50_000);
    const key = (i: number) => `acc_${i % 7}\nmsg:${8_000_000_000_000_000_000n + BigInt(i)}`;
    for (let i = 0; i < 50_000; i++) expect(t.set(hashKey(key(i)), i + 1, 1, 1000)).toBe(true);
    expect(t.set(hashKey('one too many'), 1, 1, 1000)).toBe(false);
    for (let i = 0; i < 50_000; i += 997) expect(t.logIdAt(t.find(hashKey(key(i))))).toBe(i + 1);
    let strays = 0;
    for (let i = 50_000; i < 100_000; i++) if (t.find(hashKey(key(i))) >= 0) strays++;
    expect(strays).toBe(0);
    // Updating an entry takes no room; deliveries count up; an expired slot keeps its place.
    const h = hashKey(key(5));
    expect(t.set(h, 6, 2, 2000)).toBe(true);
    expect(t.delivered(t.find(h))).toBe(3);
    t.expire(t.find(h));
    expect(t.expiresAt(t.find(h))).toBe(0);
    t.clear();
    expect(t.size).toBe(0);
    expect(t.find(h)).toBe(-1);
  });

  it('hashes keys that differ in one character apart', () => {
    const a = hashKey('acc\nmsg:1234567890123456789');
    const b = hashKey('acc\nmsg:1234567890123456788');
    expect(a.hi !== b.hi || a.lo !== b.lo).toBe(true);
  });
});
