import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/helpers/temp-dir';
import { EventBus } from '../event-bus';
import { MIGRATIONS } from '../store/migrations';
import { openDatabase } from '../store/open-database';
import { CallbackLogRepo, type CallbackLogRecord } from '../store/repos/callback-log-repo';
import { ConversationsRepo, type NewConversationMessage } from '../store/repos/conversations-repo';
import { CallbackRecorder } from './callback-recorder';

const INBOUND =
  '<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[oFAN]]></FromUserName><CreateTime>1</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hello]]></Content><MsgId>42</MsgId></xml>';
const REPLY =
  '<xml><ToUserName><![CDATA[oFAN]]></ToUserName><FromUserName><![CDATA[gh_1]]></FromUserName><CreateTime>2</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hi back]]></Content></xml>';

function record(id: number, over: Partial<CallbackLogRecord> = {}): CallbackLogRecord {
  return {
    id,
    exchangeId: id,
    delivery: 1,
    accountId: 'acc',
    slug: 's',
    at: 1000 + id,
    source: 'wechat',
    method: 'POST',
    path: '/wx/s',
    query: '{}',
    headers: '{}',
    rawBody: Buffer.from(INBOUND),
    decryptedXml: null,
    parsed: '{"msgType":"text","content":"hello"}',
    msgType: 'text',
    event: null,
    openid: 'oFAN',
    dedupeKey: null,
    dedupe: 'none',
    matched: 'rule',
    replyPlain: REPLY,
    replyBody: Buffer.from(REPLY),
    status: 200,
    outcome: 'ok',
    reason: 'replied',
    detail: null,
    upstream: null,
    timings: '{}',
    totalMs: 1,
    ...over,
  };
}

const live = (id: number, direction: 'in' | 'out', summary: string): NewConversationMessage => ({
  accountId: 'acc',
  openid: 'oFAN',
  direction,
  msgType: 'text',
  summary,
  payload: '{}',
  via: direction === 'in' ? 'callback' : 'passive',
  at: 1000 + id,
  logId: id,
});

function open(dir: string) {
  const db = openDatabase(path.join(dir, 'db.sqlite'), MIGRATIONS);
  const conv = new ConversationsRepo(db);
  const recorder = new CallbackRecorder(db, new CallbackLogRepo(db), conv, new EventBus({ now: () => 0 }));
  const rows = () =>
    conv.messages('acc', 'oFAN', 100).items.map((m) => [m.logId, m.direction, m.via, m.summary]);
  return { db, recorder, rows };
}

const commit = (r: CallbackRecorder, rec: CallbackLogRecord, conv: NewConversationMessage[]) =>
  new Promise<void>((resolve, reject) => {
    const id = r.nextId();
    const msgs = conv.map((m) => ({ ...m, logId: id }));
    r.record({ ...rec, id, exchangeId: id }, undefined, msgs, (e) => (e ? reject(e as Error) : resolve()));
  });

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
