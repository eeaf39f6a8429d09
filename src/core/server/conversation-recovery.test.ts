import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/helpers/temp-dir';
import { EventBus } from '../event-bus';
import { MIGRATIONS } from '../store/migrations';
import { openDatabase } from '../store/open-database';
import { commit, live, record } from '../../../test/helpers/callback-records';
import { CallbackLogRepo } from '../store/repos/callback-log-repo';
import { ConversationsRepo } from '../store/repos/conversations-repo';
import { CallbackRecorder } from './callback-recorder';

function open(dir: string) {
  const db = openDatabase(path.join(dir, 'db.sqlite'), MIGRATIONS);
  const conv = new ConversationsRepo(db);
  // No timed writes: each test says when the projection is written (flush) and when the process dies.
  const recorder = new CallbackRecorder(
    db,
    new CallbackLogRepo(db),
    conv,
    new EventBus({ now: () => 0 }),
    3_600_000,
    3_600_000,
  );
  const rows = () =>
    conv.messages('acc', 'oFAN', 100).items.map((m) => [m.logId, m.direction, m.via, m.summary]);
  return { db, recorder, rows };
}

describe('conversation recovery after a crash', () => {
  it('rebuilds the messages of committed requests that were never projected, once, and only for /wx/ deliveries', async () => {
    const dir = tempDir();
    const a = open(dir);
    await commit(a.recorder, record(1), [live(1, 'in', 'hello'), live(1, 'out', 'hi back')]);
    a.recorder.flush(); // request 1 is projected
    await commit(a.recorder, record(2), [live(2, 'in', 'hello'), live(2, 'out', 'hi back')]);
    // A retry, a verification-less component message and a late ("success") answer: no rebuilt replies.
    await commit(a.recorder, record(3, { dedupe: 'retry' }), []);
    await commit(a.recorder, record(4, { path: '/component/c/wx1/callback', slug: 'component:c' }), []);
    await commit(a.recorder, record(5, { replyPlain: 'success', reason: 'deadline_passed' }), [
      live(5, 'in', 'hello'),
    ]);
    // The process dies here: requests 2-5 are in the log, their messages are not.
    a.db.close();

    const b = open(dir);
    expect(b.rows()).toEqual([
      [1, 'out', 'passive', 'hi back'],
      [1, 'in', 'callback', 'hello'],
    ]);
    b.recorder.recover();
    expect(b.rows()).toEqual([
      [5, 'in', 'callback', 'hello'],
      [2, 'out', 'passive', 'hi back'],
      [2, 'in', 'callback', 'hello'],
      [1, 'out', 'passive', 'hi back'],
      [1, 'in', 'callback', 'hello'],
    ]);
    b.recorder.recover();
    expect(b.rows()).toHaveLength(5);
    b.db.close();
  });

  it('keeps the watermark below a request still in flight, so a crash cannot skip it', async () => {
    const dir = tempDir();
    const a = open(dir);
    const slow = a.recorder.nextId(); // allocated, still being handled
    await commit(a.recorder, record(0), [live(0, 'in', 'hello')]);
    a.recorder.flush();
    // The slow request commits after the flush and the process dies before the next one.
    await new Promise<void>((resolve) =>
      a.recorder.record(record(slow), undefined, [live(slow, 'in', 'hello')], () => resolve()),
    );
    a.db.close();
    const b = open(dir);
    b.recorder.recover();
    expect(b.rows()).toEqual([
      [slow, 'out', 'passive', 'hi back'],
      [slow, 'in', 'callback', 'hello'],
      [slow + 1, 'in', 'callback', 'hello'],
    ]);
    b.db.close();
  });
});
