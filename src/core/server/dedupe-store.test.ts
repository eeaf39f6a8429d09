import { describe, expect, it } from 'vitest';
import { dedupeKeyOf, DedupeStore, type StoredReply } from './dedupe-store';

const reply = (body: string): Promise<StoredReply> =>
  Promise.resolve({ status: 200, body: Buffer.from(body), headers: {} });

describe('DedupeStore', () => {
  it('claims a key once; later deliveries are numbered retries of the first', async () => {
    let now = 0;
    const d = new DedupeStore({ exchange: () => undefined }, { now: () => now });
    expect(d.claim('a', 'k', 1, reply('first'))).toEqual({ kind: 'first' });
    const r2 = d.claim('a', 'k', 2, reply('x'));
    const r3 = d.claim('a', 'k', 3, reply('y'));
    expect(r2).toMatchObject({ kind: 'retry', firstLogId: 1, delivery: 2 });
    expect(r3).toMatchObject({ kind: 'retry', firstLogId: 1, delivery: 3 });
    if (r3.kind === 'retry') expect((await r3.reply).body.toString()).toBe('first');
    // Another account's identical key is a different message.
    expect(d.claim('b', 'k', 4, reply('z'))).toEqual({ kind: 'first' });
    now = 6 * 60_000;
    expect(d.claim('a', 'k', 5, reply('late'))).toEqual({ kind: 'first' });
  });

  it('asks SQLite only in the first TTL after start (restarts) or when told to', () => {
    let now = 0;
    let asked = 0;
    const row = {
      firstLogId: 9,
      deliveries: 1,
      replyBody: Buffer.from('old'),
      replyHeaders: '{}',
      status: 200,
    };
    const d = new DedupeStore({ exchange: () => (asked++, row) }, { now: () => now });
    expect(d.claim('a', 'k1', 1, reply('x'))).toMatchObject({ kind: 'retry', firstLogId: 9, delivery: 2 });
    now = 10 * 60_000;
    expect(d.claim('a', 'k2', 2, reply('x'))).toEqual({ kind: 'first' });
    expect(asked).toBe(1);
    expect(d.claim('a', 'k3', 3, reply('x'), true)).toMatchObject({ kind: 'retry' });
    expect(asked).toBe(2);
  });

  it('warms up from recent exchanges at start and then never queries SQLite on the hot path', () => {
    let asked = 0;
    const row = {
      firstLogId: 7,
      deliveries: 2,
      replyBody: Buffer.from('r'),
      replyHeaders: '{}',
      status: 200,
    };
    const d = new DedupeStore(
      {
        exchange: () => (asked++, undefined),
        recentExchanges: () => [{ ...row, accountId: 'a', key: 'k', createdAt: 0 }],
      },
      { now: () => 1000 },
    );
    expect(d.claim('a', 'k', 9, reply('x'))).toMatchObject({ kind: 'retry', firstLogId: 7, delivery: 3 });
    expect(d.claim('a', 'other', 10, reply('x'))).toEqual({ kind: 'first' });
    expect(asked).toBe(0);
  });

  it('keys messages by MsgId and events by sender, time, event and key (§3.1)', () => {
    expect(dedupeKeyOf({ MsgId: '6574261948839470964', FromUserName: 'o' })).toBe('msg:6574261948839470964');
    expect(dedupeKeyOf({ FromUserName: 'o', CreateTime: '17', Event: 'CLICK', EventKey: 'K' })).toBe(
      'evt:o|17|CLICK|K',
    );
    expect(dedupeKeyOf({ Content: 'x' })).toBeNull();
  });
});
