import { describe, expect, it } from 'vitest';
import { call, callError } from '../helpers/fans';
import { startCoreWithSandbox } from '../helpers/sandbox';
import { firstOf, itemAt } from '../helpers/indexed';

type Started = Awaited<ReturnType<typeof startCoreWithSandbox>>;
const HOUR = 3_600_000;

async function writes(s: Started, openid: string, Content = '在吗？') {
  await call(s.core, 'simulator.send', {
    accountId: s.account.id,
    openid,
    compose: { kind: 'text', Content },
  });
}
const send = (s: Started, openid: string, message: unknown) =>
  call(s.core, 'conversations.send', { accountId: s.account.id, openid, message });
const sendError = (s: Started, openid: string, message: unknown) =>
  callError(s.core, 'conversations.send', { accountId: s.account.id, openid, message });

describe('message centre: answering a fan (§10.1)', () => {
  it('inside the window: 5 messages (text, image, link card, mpnews), each in the thread; the 6th is 45047', async () => {
    const s = await startCoreWithSandbox();
    const fan = 'oSimWriter_00000000000000001';
    await writes(s, fan);
    const w = await call(s.core, 'conversations.window', { accountId: s.account.id, openid: fan });
    expect(w).toMatchObject({
      open: true,
      remaining: 5,
      verdict: 0,
      grants: [{ kind: 'message', quota: 5, used: 0 }],
    });
    expect(w.closesAt! - firstOf(w.grants).opensAt).toBe(48 * HOUR);

    const first = await send(s, fan, { type: 'text', content: '您好，请问有什么可以帮您？' });
    expect(first.message).toMatchObject({
      direction: 'out',
      via: 'customer-service',
      logId: null,
      msgType: 'text',
      content: { kind: 'text', text: '您好，请问有什么可以帮您？' },
    });
    expect(first.window.remaining).toBe(4);
    await send(s, fan, { type: 'image', mediaId: 'MEDIA_ID_1' });
    await send(s, fan, {
      type: 'news',
      title: '双十一活动',
      description: '全场五折',
      url: 'https://example.com/a',
      picUrl: 'https://example.com/a.png',
    });
    await send(s, fan, { type: 'mpnews', mediaId: 'MPNEWS_1' });
    const fifth = await send(s, fan, { type: 'text', content: '还有别的问题吗？' });
    expect(fifth.window).toMatchObject({ remaining: 0, verdict: 45047 });
    const refused = await sendError(s, fan, { type: 'text', content: '第六条' });
    expect(refused).toMatchObject({ code: 'wechat_error', details: { errcode: 45047 } });
    expect((refused.details as { explanation: { zh: string } }).explanation.zh).toContain('上限');

    // What the sandbox received is §10.1's body, a news card being one article.
    const got = s.platform.sentMessages(s.account.appId);
    expect(got.map((m) => m.msgtype)).toEqual(['text', 'image', 'news', 'mpnews', 'text']);
    expect(itemAt(got, 2).body.news).toEqual({
      articles: [
        {
          title: '双十一活动',
          description: '全场五折',
          url: 'https://example.com/a',
          picurl: 'https://example.com/a.png',
        },
      ],
    });
    expect(itemAt(got, 1).body.image).toEqual({ media_id: 'MEDIA_ID_1' });
    // The thread: the fan's message, then our five, newest first; the refused one is not there.
    const thread = await call(s.core, 'conversations.messages', { accountId: s.account.id, openid: fan });
    expect(thread.items.map((m) => m.direction)).toEqual(['out', 'out', 'out', 'out', 'out', 'in']);
    expect(itemAt(thread.items, 2).content).toMatchObject({ kind: 'news', title: '双十一活动', more: 0 });
    // A new message from the fan gives a fresh 5.
    await writes(s, fan, '谢谢');
    expect(
      (await call(s.core, 'conversations.window', { accountId: s.account.id, openid: fan })).remaining,
    ).toBe(5);
  });

  it('outside the window: WeChat’s 45015 with its explanation, nothing stored', async () => {
    const s = await startCoreWithSandbox();
    const fan = 'oSimLate_0000000000000000001';
    await writes(s, fan);
    s.sandboxClock.advance(48 * HOUR + 1);
    const refused = await sendError(s, fan, { type: 'text', content: '抱歉回复晚了' });
    expect(refused).toMatchObject({ code: 'wechat_error', details: { errcode: 45015 } });
    expect((refused.details as { explanation: { en: string } }).explanation.en).toMatch(/window/);
    const thread = await call(s.core, 'conversations.messages', { accountId: s.account.id, openid: fan });
    expect(thread.items.map((m) => m.direction)).toEqual(['in']);
    // A fan who never wrote: no window at all.
    const silent = firstOf(s.platform.fans(s.account.appId, 1)).openid;
    expect(
      await call(s.core, 'conversations.window', { accountId: s.account.id, openid: silent }),
    ).toMatchObject({
      open: false,
      verdict: 45015,
      grants: [],
    });
    expect((await sendError(s, silent, { type: 'text', content: 'x' })).details).toMatchObject({
      errcode: 45015,
    });
  });

  it('a click opens one minute with 3; the window shows it', async () => {
    const s = await startCoreWithSandbox();
    const fan = 'oSimClicker_0000000000000001';
    await call(s.core, 'simulator.send', {
      accountId: s.account.id,
      openid: fan,
      compose: { kind: 'CLICK', EventKey: 'V1001_TODAY' },
    });
    const w = await call(s.core, 'conversations.window', { accountId: s.account.id, openid: fan });
    expect(w).toMatchObject({ open: true, remaining: 3, grants: [{ kind: 'action', quota: 3 }] });
    for (let i = 0; i < 3; i++) await send(s, fan, { type: 'text', content: `第${i + 1}条` });
    expect((await sendError(s, fan, { type: 'text', content: '第四条' })).details).toMatchObject({
      errcode: 45047,
    });
  });

  it('typing: shown within 30 s of the fan’s message, 45081 while it lasts', async () => {
    const s = await startCoreWithSandbox();
    const fan = 'oSimTyping_00000000000000001';
    await writes(s, fan);
    expect(
      await call(s.core, 'conversations.typing', { accountId: s.account.id, openid: fan, typing: true }),
    ).toEqual({
      typing: true,
    });
    const again = await callError(s.core, 'conversations.typing', {
      accountId: s.account.id,
      openid: fan,
      typing: true,
    });
    expect(again.details).toMatchObject({ errcode: 45081 });
    await call(s.core, 'conversations.typing', { accountId: s.account.id, openid: fan, typing: false });
    s.sandboxClock.advance(31_000);
    const late = await callError(s.core, 'conversations.typing', {
      accountId: s.account.id,
      openid: fan,
      typing: true,
    });
    expect(late.details).toMatchObject({ errcode: 45080 });
  });

  it('接口调试 reaches a fan who just wrote in the simulator (they are a sandbox fan)', async () => {
    const s = await startCoreWithSandbox();
    const fan = 'oSimConsole_0000000000000001';
    await writes(s, fan);
    const r = await call(s.core, 'api.request', {
      accountId: s.account.id,
      method: 'POST',
      path: '/cgi-bin/message/custom/send',
      body: { touser: fan, msgtype: 'text', text: { content: 'from the API console' } },
      withToken: true,
    });
    expect(r).toMatchObject({ status: 200, errcode: 0 });
  });

  it('refuses an empty text and a link without a URL before calling WeChat', async () => {
    const s = await startCoreWithSandbox();
    const fan = 'oSimEmpty_000000000000000001';
    expect((await sendError(s, fan, { type: 'text', content: '   ' })).issues?.[0]).toMatchObject({
      key: 'validation.content',
    });
    expect((await sendError(s, fan, { type: 'news', title: 't', url: 'ftp://x' })).issues?.[0]).toMatchObject(
      {
        key: 'validation.url',
      },
    );
    expect(s.platform.sentMessages(s.account.appId)).toEqual([]);
  });
});
