import { describe, expect, it } from 'vitest';
import { dedupeKeyOf, DedupeStore, type StoredReply } from './dedupe-store';

const reply = (body: string): StoredReply => ({
  status: 200,
  body: Buffer.from(body),
  type: 'text/plain',
  replyPlain: body,
});
const FIRST = { kind: 'first' };

const none = { exchangeOf: () => undefined, recentExchanges: () => [] };
const logged = {
  firstLogId: 9,
  deliveries: 1,
  replyBody: Buffer.from('<xml>old</xml>'),
  replyPlain: '<xml>old</xml>',
  status: 200,
};

describe('DedupeStore', () => {
  it('claims a key once; later deliveries are numbered retries of the first', async () => {
    let now = 0;
    const d = new DedupeStore(none, { now: () => now });
    const first = d.claim('a', 'k', 1);
    expect(first).toMatchObject(FIRST);
    const r2 = d.claim('a', 'k', 2);
    const r3 = d.claim('a', 'k', 3);
    expect(r2).toMatchObject({ kind: 'retry', firstLogId: 1, delivery: 2 });
    expect(r3).toMatchObject({ kind: 'retry', firstLogId: 1, delivery: 3 });
    // Both retries wait for the first delivery's answer, and both get it once it is settled.
    if (first.kind === 'first') d.settled(first.ticket, reply('first'), 'first');
    if (r2.kind === 'retry') expect((await r2.reply).body.toString()).toBe('first');
    if (r3.kind === 'retry') expect((await r3.reply).body.toString()).toBe('first');
    // Another account's identical key is a different message.
    expect(d.claim('b', 'k', 4)).toMatchObject(FIRST);
    now = 6 * 60_000;
    expect(d.claim('a', 'k', 5)).toMatchObject(FIRST);
  });

  it('asks the log only for a replay, about the delivery it repeats', async () => {
    const asked: unknown[][] = [];
    const d = new DedupeStore(
      { exchangeOf: (...a) => (asked.push(a), a[0] === 3 ? logged : undefined), recentExchanges: () => [] },
      { now: () => 0 },
    );
    expect(d.claim('a', 'k1', 10)).toMatchObject(FIRST);
    expect(asked).toEqual([]);
    const r = d.claim('a', 'k2', 11, 3);
    expect(r).toMatchObject({ kind: 'retry', firstLogId: 9, delivery: 2 });
    expect(asked).toEqual([[3, 'a', 'k2']]);
    // The logged answer comes back with the type it was sent with, and the reply as built.
    if (r.kind === 'retry')
      expect(await r.reply).toMatchObject({
        type: expect.stringMatching(/^text\/xml/),
        replyPlain: '<xml>old</xml>',
      });
    // A replay of a delivery that carried another key (an edited message) starts its own exchange.
    expect(d.claim('a', 'k3', 12, 4)).toMatchObject(FIRST);
  });

  it('warms up from recent exchanges at start; a first delivery never queries SQLite', async () => {
    const asked: unknown[][] = [];
    const d = new DedupeStore(
      {
        exchangeOf: (...a) => (asked.push(a), { ...logged, replyBody: Buffer.from('success') }),
        recentExchanges: () => [{ accountId: 'a', key: 'k', firstLogId: 9, deliveries: 1, createdAt: 0 }],
      },
      { now: () => 1000 },
    );
    expect(d.claim('a', 'other', 13)).toMatchObject(FIRST);
    expect(asked).toEqual([]);
    // The warmed exchange's answer is on disk: its retry reads it from the log.
    const r = d.claim('a', 'k', 12);
    expect(r).toMatchObject({ kind: 'retry', firstLogId: 9, delivery: 2 });
    expect(asked).toEqual([[9, 'a', 'k']]);
    if (r.kind === 'retry') expect((await r.reply).type).toMatch(/^text\/plain/);
  });

  it('holds the answer only while the first delivery is in flight, then reads it from the log', async () => {
    const asked: unknown[][] = [];
    let row: typeof logged | undefined = { ...logged, firstLogId: 1 };
    const d = new DedupeStore(
      { exchangeOf: (...a) => (asked.push(a), row), recentExchanges: () => [] },
      { now: () => 0 },
    );
    const first = d.claim('a', 'k', 1);
    const early = d.claim('a', 'k', 2);
    let answered: string | undefined;
    if (early.kind === 'retry') void early.reply.then((r) => (answered = r.body.toString()));
    await Promise.resolve();
    // Nothing to answer yet: the first delivery is still in flight.
    expect(answered).toBeUndefined();
    if (first.kind === 'first') d.settled(first.ticket, reply('in flight'), 'in flight');
    await Promise.resolve();
    expect(answered).toBe('in flight');
    expect(asked).toEqual([]);
    const late = d.claim('a', 'k', 3);
    expect(late).toMatchObject({ kind: 'retry', firstLogId: 1, delivery: 3 });
    if (late.kind === 'retry') expect((await late.reply).body.toString()).toBe('<xml>old</xml>');
    expect(asked).toEqual([[1, 'a', 'k']]);
    // The first delivery's row was purged: nothing to repeat, so the next delivery runs as a first.
    row = undefined;
    expect(d.claim('a', 'k', 4)).toMatchObject(FIRST);
  });

  it('keeps at most `maxEntries` settled exchanges, dropping the oldest', () => {
    const rows = new Map<number, typeof logged>();
    const d = new DedupeStore(
      { exchangeOf: (id) => rows.get(id), recentExchanges: () => [] },
      { now: () => 0 },
      60_000,
      4,
    );
    ['k1', 'k2', 'k3', 'k4', 'k5'].forEach((k, i) => {
      const c = d.claim('a', k, i + 1);
      rows.set(i + 1, { ...logged, firstLogId: i + 1 });
      if (c.kind === 'first') d.settled(c.ticket, reply(k), k);
    });
    expect(d.size).toBeLessThanOrEqual(4);
    // The newest are still known; the oldest has been dropped and counts as a first delivery again.
    expect(d.claim('a', 'k4', 2)).toMatchObject({ kind: 'retry' });
    expect(d.claim('a', 'k5', 2)).toMatchObject({ kind: 'retry' });
    expect(d.claim('a', 'k1', 2)).toMatchObject(FIRST);
  });

  it('keys messages by MsgId and events by sender, time, event and key (§3.1)', () => {
    expect(dedupeKeyOf({ MsgId: '6574261948839470964', FromUserName: 'o' })).toBe('msg:6574261948839470964');
    expect(dedupeKeyOf({ FromUserName: 'o', CreateTime: '17', Event: 'CLICK', EventKey: 'K' })).toBe(
      'evt:o|17|CLICK|K',
    );
    expect(dedupeKeyOf({ Content: 'x' })).toBeNull();
  });

  it('confirms a remembered exchange with its row: a key that only hashes alike is a first delivery', () => {
    // The log holds the first delivery, but not for this key: as if two keys shared a hash.
    const d = new DedupeStore({ exchangeOf: () => undefined, recentExchanges: () => [] }, { now: () => 0 });
    const first = d.claim('a', 'k', 1);
    if (first.kind === 'first') d.settled(first.ticket, reply('x'), 'x');
    expect(d.claim('a', 'k', 2)).toMatchObject(FIRST);
  });

  it('remembers a warmed-up log of more exchanges than one generation holds', () => {
    const recent = Array.from({ length: 10 }, (_, i) => ({
      accountId: 'a',
      key: `k${i}`,
      firstLogId: i + 1,
      deliveries: 1,
      createdAt: 0,
    }));
    const d = new DedupeStore(
      { exchangeOf: (id) => ({ ...logged, firstLogId: id }), recentExchanges: () => recent },
      { now: () => 0 },
      60_000,
      8,
    );
    expect(d.claim('a', 'k9', 99)).toMatchObject({ kind: 'retry', firstLogId: 10 });
  });
});
