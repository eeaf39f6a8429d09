import { afterEach, describe, expect, it } from 'vitest';
import type { CallbackEntryDto, CallbackSummaryDto } from '../../src/shared/api/areas/callbacks';
import type { Page } from '../../src/shared/api/areas/common';
import type { ConversationMessageDto } from '../../src/shared/api/areas/conversations';
import { systemRuntime } from '../../src/core/runtime';
import { AppError } from '../../src/shared/errors';
import { FakeUpstream } from '../fakes/upstream-server';
import {
  FakeSender,
  FAN,
  startHarness,
  text,
  type Harness,
  stopAll,
  upstreamReplyXml,
} from '../helpers/callback-harness';
import { tempDir } from '../helpers/temp-dir';
import { firstOf, itemAt } from '../helpers/indexed';

let h: Harness | undefined;
let up: FakeUpstream | undefined;
afterEach(async () => {
  await stopAll(h, up);
  h = up = undefined;
});

describe('retries and the reply deadline', () => {
  it('runs the handlers once for three deliveries, replays the first reply and groups them as one exchange', async () => {
    up = await new FakeUpstream().start();
    let n = 0;
    up.reply = () => ({ body: upstreamReplyXml(`answer ${++n}`) });
    h = await startHarness({ mode: 'safe' });
    await h.call('upstream.set', { accountId: h.account.id, enabled: true, url: up.url });
    const m = h.build(text('retry me'));
    const deliveries = [];
    for (let i = 0; i < 3; i++) deliveries.push(await h.raw('POST', `/wx/acct${m.search}`, m.body));
    expect(deliveries.map((d) => d.status)).toEqual([200, 200, 200]);
    expect(new Set(deliveries.map((d) => d.body)).size).toBe(1);
    expect(h.read(firstOf(deliveries).body)).toMatchObject({ fields: { Content: 'answer 1' } });
    expect(up.hits).toHaveLength(1);

    const first = firstOf(deliveries).logId;
    const page = await h.call<Page<CallbackSummaryDto>>('callbacks.list', { exchangeId: first });
    expect(page.items.map((e) => [e.delivery, e.dedupe, e.reason])).toEqual([
      [3, 'retry', 'retry_replayed'],
      [2, 'retry', 'retry_replayed'],
      [1, 'first', 'upstream_replied'],
    ]);
    const convo = await h.call<Page<ConversationMessageDto>>('conversations.messages', {
      accountId: h.account.id,
      openid: FAN,
    });
    expect(convo.items.map((c) => [c.direction, c.summary])).toEqual([
      ['out', 'answer 1'],
      ['in', 'retry me'],
    ]);
    // Both messages point at the first delivery's log row, which holds the message and reply in full.
    expect(convo.items.map((c) => c.logId)).toEqual([first, first]);
    const entry = await h.call<CallbackEntryDto>('callbacks.get', { id: first });
    expect(entry.parsed).toMatchObject({ msgType: 'text', content: 'retry me' });
    expect(entry.replyPlain).toContain('<Content><![CDATA[answer 1]]></Content>');
  });

  it('dedupes across a restart, and a replay of an entry older than the memory is still its retry', async () => {
    const dataDir = tempDir();
    let offset = 0;
    const runtime = { ...systemRuntime, clock: { now: () => Date.now() + offset } };
    h = await startHarness({ dataDir, runtime });
    const m = h.build(text('before the restart'));
    const first = await h.raw('POST', `/wx/acct${m.search}`, m.body);
    await h.stop();
    // WeChat retries while MPDesk restarts: the exchange is found in the log's tail.
    h = await startHarness({ dataDir, runtime });
    const retry = await h.raw('POST', `/wx/acct${m.search}`, m.body);
    expect(retry.body).toBe(first.body);
    expect(await h.call<CallbackEntryDto>('callbacks.get', { id: retry.logId })).toMatchObject({
      dedupe: 'retry',
      exchangeId: first.logId,
      delivery: 2,
    });
    await h.stop();
    // An hour later the memory has forgotten it; a replay as a retry names the entry it repeats.
    offset = 60 * 60_000;
    h = await startHarness({ dataDir, runtime });
    const again = await h.call<{ body: string; logId: number }>('callbacks.replay', {
      id: first.logId,
      asRetry: true,
    });
    expect(again.body).toBe(first.body);
    expect(await h.call<CallbackEntryDto>('callbacks.get', { id: again.logId })).toMatchObject({
      dedupe: 'retry',
      exchangeId: first.logId,
      delivery: 3,
    });
  });

  it('dedupes events by FromUserName|CreateTime|Event|EventKey', async () => {
    h = await startHarness();
    const ev = { MsgType: 'event', Event: 'CLICK', EventKey: 'MENU_A', CreateTime: '1700000555' };
    const a = await h.send(ev);
    const b = await h.send(ev, { nonce: '999', timestamp: String(Math.floor(Date.now() / 1000) - 1) });
    const c = await h.send({ ...ev, EventKey: 'MENU_B' });
    const entries = await Promise.all(
      [a, b, c].map((r) => h!.call<CallbackEntryDto>('callbacks.get', { id: r.logId })),
    );
    expect(entries.map((e) => e.dedupe)).toEqual(['first', 'retry', 'first']);
    expect(itemAt(entries, 1).exchangeId).toBe(a.logId);
    expect(firstOf(entries).dedupeKey).toBe(`evt:${FAN}|1700000555|CLICK|MENU_A`);
  });

  it('answers success before the deadline when handlers are slow, then sends their reply through customer service', async () => {
    up = await new FakeUpstream().start();
    up.reply = () => 'hang';
    const sender = new FakeSender();
    h = await startHarness({ mode: 'safe', sender, deadlineMs: 600 });
    await h.call('upstream.set', { accountId: h.account.id, enabled: true, url: up.url, timeoutMs: 4000 });
    const m = h.build(text('slow one'));
    const started = Date.now();
    const r = await h.raw('POST', `/wx/acct${m.search}`, m.body);
    const took = Date.now() - started;
    expect(r.status).toBe(200);
    expect(r.body).toBe('success');
    expect(took).toBeGreaterThanOrEqual(550);
    expect(took).toBeLessThan(2000);
    // WeChat retries: same answer, the handlers do not run again.
    const retry = await h.raw('POST', `/wx/acct${m.search}`, m.body);
    expect(retry.body).toBe('success');
    expect(up.hits).toHaveLength(1);

    const sent = h.updated(r.logId, (l) => l.some((x) => x.state === 'sent'));
    up.release(upstreamReplyXml('late but here'));
    await sender.waitFor(1);
    expect(sender.sent[0]).toEqual({
      accountId: h.account.id,
      body: { touser: FAN, msgtype: 'text', text: { content: 'late but here' } },
    });
    await sent;
    const e = await h.call<CallbackEntryDto>('callbacks.get', { id: r.logId });
    expect(e).toMatchObject({ outcome: 'late', reason: 'deadline_passed' });
    expect(e.lateReplies.map((l) => l.state)).toEqual(['sent']);
  });

  it('logs a late reply the customer-service API refused, with its errcode', async () => {
    up = await new FakeUpstream().start();
    up.reply = () => 'hang';
    const sender = new FakeSender();
    sender.fail = new AppError('wechat_error', 'response out of time limit', { details: { errcode: 45015 } });
    h = await startHarness({ sender, deadlineMs: 500 });
    await h.call('upstream.set', { accountId: h.account.id, enabled: true, url: up.url, timeoutMs: 4000 });
    const r = await h.send(text('too late'));
    expect(r.body).toBe('success');
    const failed = h.updated(r.logId, (l) => l.some((x) => x.state === 'failed'));
    up.release(upstreamReplyXml('never arrives'));
    await failed;
    const e = await h.call<CallbackEntryDto>('callbacks.get', { id: r.logId });
    expect(e.matched).toBe('upstream');
    expect(e.upstream).toMatchObject({ relayed: true, status: 200 });
    expect(e.lateReplies).toHaveLength(1);
    expect(firstOf(e.lateReplies).detail).toMatch(/deadline passed: failed \(errcode 45015\)/);
  });

  it('keeps late replies queued while the API client cannot send, and sends them after a restart', async () => {
    const dataDir = tempDir();
    up = await new FakeUpstream().start();
    up.reply = () => 'hang';
    const offline = new FakeSender();
    offline.fail = new AppError('unavailable', 'no network');
    h = await startHarness({ dataDir, sender: offline, deadlineMs: 500 });
    await h.call('upstream.set', { accountId: h.account.id, enabled: true, url: up.url, timeoutMs: 4000 });
    const r = await h.send(text('queue me'));
    const waiting = h.updated(r.logId, (l) => l.some((x) => x.detail.includes('could not send yet')));
    up.release(upstreamReplyXml('queued reply'));
    await waiting;
    expect(
      firstOf((await h.call<CallbackEntryDto>('callbacks.get', { id: r.logId })).lateReplies).state,
    ).toBe('waiting');
    await h.stop();

    const sender = new FakeSender();
    h = await startHarness({ dataDir, sender });
    await sender.waitFor(1);
    expect(firstOf(sender.sent).body).toMatchObject({ msgtype: 'text', text: { content: 'queued reply' } });
  });
});
