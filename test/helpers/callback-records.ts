import type { CallbackLogRecord } from '../../src/core/store/repos/callback-log-repo';
import { callbackMessage, type CallbackMessage } from '../../src/core/store/repos/conversation-messages';
import type { CallbackRecorder } from '../../src/core/server/callback-recorder';

/** Callback log rows and conversation messages for tests of the recorder and the conversations. */
const INBOUND =
  '<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[oFAN]]></FromUserName><CreateTime>1</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hello]]></Content><MsgId>42</MsgId></xml>';
const REPLY =
  '<xml><ToUserName><![CDATA[oFAN]]></ToUserName><FromUserName><![CDATA[gh_1]]></FromUserName><CreateTime>2</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hi back]]></Content></xml>';

export function record(id: number, over: Partial<CallbackLogRecord> = {}): CallbackLogRecord {
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

export const live = (id: number, direction: 'in' | 'out', summary: string): CallbackMessage =>
  callbackMessage('acc', 'oFAN', direction, 'text', summary, 1000 + id, id);

/** Records `rec` under a fresh id (its messages follow the id); resolves once it is committed. */
export const commit = (r: CallbackRecorder, rec: CallbackLogRecord, conv: CallbackMessage[]) =>
  new Promise<number>((resolve, reject) => {
    const id = r.nextId();
    const msgs = conv.map((m) =>
      callbackMessage(m.accountId, m.openid, m.direction, m.msgType, m.summary, m.at, id),
    );
    r.record({ ...rec, id, exchangeId: id }, msgs, (e) => (e ? reject(e as Error) : resolve(id)));
  });
