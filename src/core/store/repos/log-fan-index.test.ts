import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { record } from '../../../../test/helpers/callback-records';
import { tempDir } from '../../../../test/helpers/temp-dir';
import { MIGRATIONS } from '../migrations';
import { openDatabase } from '../open-database';
import { CallbackLogRepo, type CallbackLogRecord } from './callback-log-repo';
import { LogFanIndex } from './log-fan-index';

const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((c) => c()));

function open() {
  const db = openDatabase(path.join(tempDir(), 'db.sqlite'), MIGRATIONS);
  closers.push(() => db.close());
  const log = new CallbackLogRepo(db);
  const index = new LogFanIndex(db);
  /** Writes the row, then tells the index, as the recorder does after its commit. */
  const write = (r: CallbackLogRecord) => {
    log.insert(r);
    index.add(r);
  };
  const fans = (accountId = 'acc') =>
    Object.fromEntries(index.fans(accountId).map((f) => [f.openid, [f.last, f.messageCount]]));
  return { db, log, index, write, fans };
}

const fan = (id: number, openid: string, over: Partial<CallbackLogRecord> = {}) =>
  record(id, { openid, ...over });

describe('log fan index', () => {
  it('builds from the log on first read and counts the messages each row holds', () => {
    const a = open();
    a.write(fan(1, 'oA'));
    a.write(fan(2, 'oB', { replyPlain: 'success' }));
    a.write(fan(3, 'oA', { replyPlain: null }));
    // None of these carry a conversation: a retry, a component push, a request that did not parse,
    // one with no account.
    a.write(fan(4, 'oA', { dedupe: 'retry' }));
    a.write(fan(5, 'oA', { path: '/component/c/wx1/callback' }));
    a.write(fan(6, 'oA', { parsed: null }));
    a.write(fan(7, 'oA', { accountId: null }));
    a.write(fan(8, 'oC', { accountId: 'other' }));
    expect(a.fans()).toEqual({ oA: [3, 3], oB: [2, 1] });
    expect(a.fans('other')).toEqual({ oC: [8, 2] });
    expect(a.index.rowsAtOrBelow('acc', 'oA', 100, 10)).toEqual([3, 1]);
  });

  it('follows rows written after the build, the same as a rebuild would read them', () => {
    const a = open();
    a.write(fan(10, 'oA'));
    expect(a.fans()).toEqual({ oA: [10, 2] });
    a.write(fan(12, 'oA'));
    // A row whose handler ran past a later request's commits after it.
    a.write(fan(11, 'oA', { replyPlain: 'success' }));
    a.write(fan(13, 'oB'));
    a.write(fan(14, 'oA', { dedupe: 'retry' }));
    a.write(fan(15, 'oA', { path: '/WX/S' }));
    const live = { fans: a.fans(), rows: a.index.rowsAtOrBelow('acc', 'oA', 100, 10) };
    expect(live).toEqual({ fans: { oA: [15, 7], oB: [13, 2] }, rows: [15, 12, 11, 10] });
    a.index.forget();
    expect({ fans: a.fans(), rows: a.index.rowsAtOrBelow('acc', 'oA', 100, 10) }).toEqual(live);
  });

  it('pages a fan newest first from any row, and forgets purged rows', () => {
    const a = open();
    for (let id = 1; id <= 9; id++) a.write(fan(id, id % 2 ? 'oA' : 'oB'));
    expect(a.index.rowsAtOrBelow('acc', 'oA', 6, 2)).toEqual([5, 3]);
    expect(a.index.rowsAtOrBelow('acc', 'oA', 0, 2)).toEqual([]);
    expect(a.index.rowsAtOrBelow('acc', 'nobody', 9, 2)).toEqual([]);
    // The retention sweep deletes the oldest rows, then tells the index.
    a.db.prepare('DELETE FROM callback_log WHERE id < 6').run();
    a.index.forget();
    expect(a.fans()).toEqual({ oA: [9, 4], oB: [8, 4] });
    expect(a.index.rowsAtOrBelow('acc', 'oA', 100, 10)).toEqual([9, 7]);
  });

  it('builds in slices while requests keep committing, and misses none of them', async () => {
    const a = open();
    a.db.transaction(() => {
      // Odd ids, so a late request can hold an even one the build has already passed.
      for (let i = 0; i < 5000; i++) a.log.insert(fan(2 * i + 1, `o${i % 7}`));
      // Another account's stretch of the log, then this account again: slices are id windows.
      for (let id = 10_001; id < 14_000; id++) a.log.insert(fan(id, 'oOther', { accountId: 'other' }));
      for (let id = 14_001; id < 15_000; id += 2) a.log.insert(fan(id, 'oAfter'));
    })();
    const done = a.index.ready('acc');
    // Commits land between the slices: new rows, and one whose request began long ago (a slow
    // handler) with an id the build has already passed.
    let next = 20_000;
    let building = true;
    // Each turn of the event loop runs one slice of the build, then this writer.
    const writer = (turn: number) => {
      if (!building) return;
      if (turn === 0) a.write(fan(1000, 'oLate'));
      else a.write(fan(next++, 'oNew'));
      setImmediate(() => writer(turn + 1));
    };
    setImmediate(() => writer(0));
    await done;
    building = false;
    a.write(fan(next++, 'oNew'));
    const built = { fans: a.fans(), late: a.index.rowsAtOrBelow('acc', 'oLate', 1e9, 5) };
    a.index.forget();
    expect(built).toEqual({ fans: a.fans(), late: a.index.rowsAtOrBelow('acc', 'oLate', 1e9, 5) });
    expect(built.late).toEqual([1000]);
    expect(built.fans.oNew?.[1]).toBe(2 * (next - 20_000));
    expect(built.fans.oAfter).toEqual([14_999, 1000]);
    expect(built.fans.oOther).toBeUndefined();
  });

  it('starts its windows at the log’s first id, however far a purge has moved it', async () => {
    const a = open();
    for (let id = 50_000_001; id <= 50_000_010; id++) a.write(fan(id, 'oA'));
    let turns = 0;
    let done = false;
    void a.index.ready('acc').then(() => (done = true));
    while (!done && turns < 1000) {
      await new Promise((r) => setImmediate(r));
      turns++;
    }
    // From id 0 this would take 50,000 slices, one event-loop turn each.
    expect(turns).toBeLessThan(5);
    expect(a.fans()).toEqual({ oA: [50_000_010, 20] });
  });

  it('drops a build a purge overtook; the next read starts over', async () => {
    const a = open();
    for (let id = 1; id <= 3; id++) a.write(fan(id, 'oA'));
    const done = a.index.ready('acc');
    a.db.prepare('DELETE FROM callback_log WHERE id < 3').run();
    a.index.forget();
    await done;
    expect(a.fans()).toEqual({ oA: [3, 2] });
  });
});
