import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { record } from '../../../../test/helpers/callback-records';
import { tempDir } from '../../../../test/helpers/temp-dir';
import { MIGRATIONS } from '../migrations';
import { openDatabase } from '../open-database';
import { CallbackLogRepo } from './callback-log-repo';

function open() {
  const db = openDatabase(path.join(tempDir(), 'db.sqlite'), MIGRATIONS);
  const log = new CallbackLogRepo(db);
  for (let id = 1; id <= 9; id++) log.insert(record(id));
  const times = (id: number) => {
    const t = log.get(id)?.timings as Record<string, number> | undefined;
    return t && 'record' in t ? [t.record, t.write] : undefined;
  };
  return { db, log, times };
}

describe('write stage timings, stored per batch', () => {
  it('finds each request in its batch, even where batches overlap (a slow request commits late)', () => {
    const a = open();
    a.log.setWriteTimings([
      { id: 1, record: 0.1234567, write: 0.02 },
      { id: 2, record: 0.2, write: 0.03 },
      { id: 4, record: 0.4, write: 0.05 },
    ]);
    a.log.setWriteTimings([
      { id: 5, record: 0.5, write: 0.06 },
      { id: 3, record: 0.3, write: 0.04 },
    ]);
    expect([1, 2, 3, 4, 5].map(a.times)).toEqual([
      [0.123, 0.02],
      [0.2, 0.03],
      [0.3, 0.04],
      [0.4, 0.05],
      [0.5, 0.06],
    ]);
    expect(a.times(6)).toBeUndefined();
    a.db.close();
  });

  it('still reads times stored one row per request before step 13, and purges both with the log', () => {
    const a = open();
    a.db
      .prepare('INSERT INTO callback_write_timings (log_id, record_ms, write_ms) VALUES (2, 1.5, 0.5)')
      .run();
    a.log.setWriteTimings([{ id: 8, record: 0.8, write: 0.09 }]);
    expect([a.times(2), a.times(8)]).toEqual([
      [1.5, 0.5],
      [0.8, 0.09],
    ]);
    // Everything is older than the cut: the log empties, and the times go with it.
    a.log.purge(Date.now() + 1);
    const left = (t: string) => (a.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
    expect([left('callback_log'), left('callback_write_batches'), left('callback_write_timings')]).toEqual([
      0, 0, 0,
    ]);
    a.db.close();
  });
});
