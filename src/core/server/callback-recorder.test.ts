import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventEnvelope } from '../../shared/api/contract';
import { commit, live, record } from '../../../test/helpers/callback-records';
import { tempDir } from '../../../test/helpers/temp-dir';
import { EventBus } from '../event-bus';
import { MIGRATIONS } from '../store/migrations';
import { openDatabase } from '../store/open-database';
import { CallbackLogRepo } from '../store/repos/callback-log-repo';
import { ConversationsRepo } from '../store/repos/conversations-repo';
import { CallbackRecorder } from './callback-recorder';
import { logRowMessages } from '../store/repos/conversation-messages';

const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((c) => c()));

/** A recorder on a real database file whose UI events and timing writes run on the given timers. */
function open(dir = tempDir(), eventMs = 100, writeMs = 20) {
  const db = openDatabase(path.join(dir, 'db.sqlite'), MIGRATIONS);
  const conv = new ConversationsRepo(db, logRowMessages);
  const bus = new EventBus({ now: () => 0 });
  const events: EventEnvelope[] = [];
  bus.subscribe((e) => events.push(e));
  const recorder = new CallbackRecorder({
    db,
    log: new CallbackLogRepo(db),
    conversations: conv,
    events: bus,
    eventMs,
    writeMs,
  });
  closers.push(() => db.open && (recorder.close(), db.close()));
  const rows = () =>
    conv.messages('acc', 'oFAN', 100).items.map((m) => [m.logId, m.direction, m.via, m.summary]);
  return { db, dir, recorder, events, rows, conv };
}

const messages = (e: EventEnvelope) =>
  (e.payload as { messages: { id: number; logId: number; summary: string }[] }).messages;

describe('callback recorder', () => {
  it('a committed request is its conversation: readable at once, and after a crash', async () => {
    const a = open();
    const one = await commit(a.recorder, record(0), [live(0, 'in', 'hello'), live(0, 'out', 'hi back')]);
    // A retry, a component push and a late ("success") answer: no message of their own.
    await commit(a.recorder, record(0, { dedupe: 'retry' }), []);
    await commit(a.recorder, record(0, { path: '/component/c/wx1/callback', slug: 'component:c' }), []);
    const late = await commit(a.recorder, record(0, { replyPlain: 'success', reason: 'deadline_passed' }), [
      live(0, 'in', 'hello'),
    ]);
    const expected = [
      [late, 'in', 'callback', 'hello'],
      [one, 'out', 'passive', 'hi back'],
      [one, 'in', 'callback', 'hello'],
    ];
    expect(a.rows()).toEqual(expected);
    // The process dies before any flush: nothing was waiting to be written.
    a.db.close();
    expect(open(a.dir).rows()).toEqual(expected);
  });

  it('stores later replies in the log order, and the live event carries the ids a read gives', async () => {
    const a = open(tempDir(), 60_000);
    const first = await commit(a.recorder, record(0), [live(0, 'in', 'hello'), live(0, 'out', 'hi back')]);
    a.recorder.appendConversation({
      ...live(first, 'out', 'sent later'),
      via: 'customer-service',
      payload: '{}',
    });
    const second = await commit(a.recorder, record(0), [live(0, 'in', 'hello'), live(0, 'out', 'hi back')]);
    const read = a.conv.messages('acc', 'oFAN', 100).items;
    expect(read.map((m) => [m.logId, m.via, m.summary])).toEqual([
      [second, 'passive', 'hi back'],
      [second, 'callback', 'hello'],
      [first, 'customer-service', 'sent later'],
      [first, 'passive', 'hi back'],
      [first, 'callback', 'hello'],
    ]);
    a.recorder.flush();
    const appended = a.events.filter((e) => e.name === 'conversations.appended').flatMap(messages);
    expect(appended.map((m) => m.id).sort((x, y) => x - y)).toEqual(read.map((m) => m.id).reverse());
    // Pages: two at a time, newest first, no message twice or lost.
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const p = a.conv.messages('acc', 'oFAN', 2, cursor);
      pages.push(p.items.map((m) => m.summary));
      cursor = p.nextCursor;
    } while (cursor);
    expect(pages).toEqual([['hi back', 'hello'], ['sent later', 'hi back'], ['hello']]);
    const [thread] = a.conv.threads('acc', 10).items;
    expect(thread).toMatchObject({ openid: 'oFAN', messageCount: 5, lastSummary: 'hi back' });
  });

  it('the UI hears the first request at once, then one batch per period', async () => {
    // The recorder's timers and clock are faked; commits still run on real setImmediate turns.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    closers.push(() => vi.useRealTimers());
    const r = open(tempDir(), 400, 10);
    const names = () => r.events.map((e) => e.name);
    const a = await commit(r.recorder, record(0, { replyPlain: null }), [live(0, 'in', 'hello')]);
    vi.advanceTimersByTime(10);
    expect(names()).toEqual(['callbacks.logged', 'conversations.appended']);
    const b = await commit(r.recorder, record(0, { replyPlain: null }), [live(0, 'in', 'hello')]);
    const c = await commit(r.recorder, record(0, { dedupe: 'retry' }), []);
    vi.advanceTimersByTime(50);
    // Within the period: readable already, announced later in one batch.
    expect(r.rows().map((m) => m[0])).toEqual([b, a]);
    expect(r.events).toHaveLength(2);
    vi.advanceTimersByTime(400);
    expect(names()).toEqual([
      'callbacks.logged',
      'conversations.appended',
      'callbacks.logged',
      'conversations.appended',
    ]);
    const [first, , second, appended] = r.events.map((e) => e.payload);
    expect(first).toMatchObject({ firstSeq: a, lastSeq: a });
    expect(second).toMatchObject({ firstSeq: b, lastSeq: c, entries: [{ id: b }, { id: c }] });
    expect(appended).toMatchObject({ messages: [{ logId: b, summary: 'hello' }] });
  });
});
