import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { commit, live, record } from '../../../test/helpers/callback-records';
import { tempDir } from '../../../test/helpers/temp-dir';
import type { EventEnvelope } from '../../shared/api/contract';
import { EventBus } from '../event-bus';
import { MIGRATIONS } from '../store/migrations';
import { openDatabase } from '../store/open-database';
import { CallbackLogRepo } from '../store/repos/callback-log-repo';
import { ConversationsRepo } from '../store/repos/conversations-repo';
import { CallbackRecorder } from './callback-recorder';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((c) => c()));

/** A recorder on a real database file whose writes and UI events run on timers of the given sizes. */
function open(eventMs: number, writeMs: number) {
  const db = openDatabase(path.join(tempDir(), 'db.sqlite'), MIGRATIONS);
  const conv = new ConversationsRepo(db);
  const bus = new EventBus({ now: () => 0 });
  const events: EventEnvelope[] = [];
  bus.subscribe((e) => events.push(e));
  const recorder = new CallbackRecorder(db, new CallbackLogRepo(db), conv, bus, eventMs, writeMs);
  closers.push(() => (recorder.close(), db.close()));
  const stored = () => conv.messages('acc', 'oFAN', 100).items.map((m) => m.logId);
  return { recorder, events, stored };
}

describe('callback recorder batching', () => {
  it('writes conversation messages on the short timer; the UI hears the first at once, then one batch per period', async () => {
    const r = open(400, 10);
    const names = () => r.events.map((e) => e.name);
    const a = await commit(r.recorder, record(0), [live(0, 'in', 'hello'), live(0, 'out', 'hi back')]);
    await sleep(60);
    // After a quiet spell the first request is written and shown without waiting for a period.
    expect(r.stored()).toEqual([a, a]);
    expect(names()).toEqual(['callbacks.logged', 'conversations.appended']);
    const b = await commit(r.recorder, record(0), [live(0, 'in', 'again')]);
    const c = await commit(r.recorder, record(0), []);
    await sleep(60);
    // Within the period: on disk already, announced later in one batch.
    expect(r.stored()).toEqual([b, a, a]);
    expect(r.events).toHaveLength(2);
    await sleep(500);
    expect(names()).toEqual([
      'callbacks.logged',
      'conversations.appended',
      'callbacks.logged',
      'conversations.appended',
    ]);
    const [first, , second, appended] = r.events.map((e) => e.payload as Record<string, unknown>);
    expect(first).toMatchObject({ firstSeq: a, lastSeq: a });
    expect(second).toMatchObject({ firstSeq: b, lastSeq: c });
    expect((second.entries as { id: number }[]).map((e) => e.id)).toEqual([b, c]);
    const messages = appended.messages as { logId: number; summary: string; id: number }[];
    expect(messages.map((m) => [m.logId, m.summary])).toEqual([[b, 'again']]);
    // The event carries the stored id, not a placeholder.
    expect(messages[0].id).toBe(r.stored().length);
  });

  it('flush() writes and announces at once, for reads that must see everything', async () => {
    const r = open(3_600_000, 3_600_000);
    const a = await commit(r.recorder, record(0), [live(0, 'in', 'hello')]);
    expect(r.stored()).toEqual([]);
    r.recorder.flush();
    expect(r.stored()).toEqual([a]);
    expect(r.events.map((e) => e.name)).toEqual(['callbacks.logged', 'conversations.appended']);
  });
});
