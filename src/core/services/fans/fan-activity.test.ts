import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { record } from '../../../../test/helpers/callback-records';
import { tempDir } from '../../../../test/helpers/temp-dir';
import { EventBus } from '../../event-bus';
import { MIGRATIONS } from '../../store/migrations';
import { openDatabase } from '../../store/open-database';
import { CallbackLogRepo, type CallbackLogRecord } from '../../store/repos/callback-log-repo';
import { FanActivityRepo } from '../../store/repos/fan-activity-repo';
import { FansRepo } from '../../store/repos/fans-repo';
import { FAN_SLICE, FanActivity } from './fan-activity';

/** A real database file with one account, and its callback log. */
function store() {
  const file = path.join(tempDir(), 'mpdesk.db');
  const db = openDatabase(file, MIGRATIONS);
  db.prepare(
    `INSERT INTO accounts (id, name, app_id, mode, callback_slug, created_at, updated_at)
     VALUES ('acc', 'a', 'wx1', 'plain', 's', 0, 0)`,
  ).run();
  const log = new CallbackLogRepo(db);
  return { db, log };
}

function activityOn(db: Database.Database, flushMs = 5) {
  const fans = new FansRepo(db);
  const repo = new FanActivityRepo(db, () => fans.indexNew());
  return { repo, activity: new FanActivity(repo, new EventBus({ now: () => Date.now() }), flushMs) };
}

/** `perFan` text messages from each of `fans` fans, committed to the log. */
function messages(log: CallbackLogRepo, fans: number, perFan: number): CallbackLogRecord[] {
  const rows: CallbackLogRecord[] = [];
  for (let m = 0; m < perFan; m++) {
    for (let f = 0; f < fans; f++) {
      const id = log.allocateId();
      const rec = record(id, { openid: `oFan${String(f).padStart(4, '0')}`, parsed: '' });
      log.insert(rec);
      rows.push(rec);
    }
  }
  return rows;
}

const unreadByFan = (db: Database.Database) =>
  db.prepare('SELECT unread FROM fans ORDER BY openid').pluck().all() as number[];
const watermark = (db: Database.Database) =>
  db.prepare('SELECT log_id FROM fan_activity').pluck().get() as number;

const open: Database.Database[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

describe('the fans store applies callback activity in slices', () => {
  it('a batch of many fans is applied a slice at a time, the event loop running between', async () => {
    const { db, log } = store();
    open.push(db);
    const { repo, activity } = activityOn(db);
    await activity.start();
    const fans = FAN_SLICE * 2 + 50;
    const rows = messages(log, fans, 2);
    const slices: { size: number; watermark: number | null; loopRanBetween: boolean }[] = [];
    let loopRan = false;
    const apply = repo.apply.bind(repo);
    repo.apply = (deltas, mark) => {
      slices.push({ size: deltas.length, watermark: mark, loopRanBetween: loopRan });
      loopRan = false;
      setImmediate(() => (loopRan = true));
      return apply(deltas, mark);
    };
    const done = new Promise<void>((resolve) => {
      const check = () => (slices.length === 3 ? resolve() : setTimeout(check, 5));
      check();
    });
    for (const r of rows) activity.committed(r);
    await done;
    const last = Math.max(...rows.map((r) => r.id));
    expect(slices).toEqual([
      { size: FAN_SLICE, watermark: null, loopRanBetween: false },
      { size: FAN_SLICE, watermark: null, loopRanBetween: true },
      { size: 50, watermark: last, loopRanBetween: true },
    ]);
    expect(unreadByFan(db)).toEqual(Array(fans).fill(2));
    expect(watermark(db)).toBe(last);
  });

  it('a failure between slices loses no message and counts none twice at the next start', async () => {
    const { db, log } = store();
    open.push(db);
    const first = activityOn(db);
    await first.activity.start();
    const fans = FAN_SLICE * 2 + 50;
    const rows = messages(log, fans, 2);
    // The second slice fails as a full disk or a kill would leave it: the first is in, no more.
    const apply = first.repo.apply.bind(first.repo);
    let calls = 0;
    first.repo.apply = (deltas, mark) => {
      if (++calls === 2) throw new Error('disk full');
      return apply(deltas, mark);
    };
    const quiet = console.error;
    console.error = () => undefined;
    try {
      for (const r of rows) first.activity.committed(r);
      while (calls < 2) await new Promise((r) => setTimeout(r, 5));
    } finally {
      console.error = quiet;
    }
    expect(unreadByFan(db)).toEqual(Array(FAN_SLICE).fill(2));
    expect(watermark(db)).toBe(0);

    // The next process reads the rows past the watermark, less those the first slice applied.
    const next = activityOn(db);
    await next.activity.start();
    expect(unreadByFan(db)).toEqual(Array(fans).fill(2));
    expect(watermark(db)).toBe(Math.max(...rows.map((r) => r.id)));
  });

  it('flush() during a batch applies the rest of it, and what waits, at once', async () => {
    const { db, log } = store();
    open.push(db);
    const { repo, activity } = activityOn(db);
    await activity.start();
    const rows = messages(log, FAN_SLICE * 3, 1);
    let sliced = 0;
    const apply = repo.apply.bind(repo);
    repo.apply = (deltas, mark) => {
      sliced++;
      return apply(deltas, mark);
    };
    for (const r of rows) activity.committed(r);
    while (sliced === 0) await new Promise((r) => setTimeout(r, 1));
    const later = messages(log, 2, 1);
    for (const r of later) activity.committed(r);
    activity.flush();
    const counts = unreadByFan(db);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(FAN_SLICE * 3 + 2);
    expect(watermark(db)).toBe(Math.max(...later.map((r) => r.id)));
    activity.stop();
  });
});
