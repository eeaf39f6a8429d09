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
});
