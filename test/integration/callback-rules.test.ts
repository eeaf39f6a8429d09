import { afterEach, describe, expect, it } from 'vitest';
import type { CallbackEntryDto } from '../../src/shared/api/areas/callbacks';
import type { RuleDto, RuleTestResult } from '../../src/shared/api/areas/rules';
import { FakeSender, FAN, startHarness, text, type Harness } from '../helpers/callback-harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

let clock = 1700001000;
const event = (Event: string, EventKey?: string) => ({
  MsgType: 'event',
  Event,
  ...(EventKey !== undefined && { EventKey }),
  // A fresh CreateTime per event, so dedupe (§3.1) treats each as new.
  CreateTime: String(++clock),
});

async function save(h: Harness, rule: Record<string, unknown>): Promise<RuleDto> {
  return h.call<RuleDto>('rules.save', { accountId: h.account.id, name: 'r', ...rule });
}

const reply = (content: string) => [{ type: 'text', content }];

describe('auto-reply rules', () => {
  it('answers keywords (several per rule: exact, contains, regex), follows by scene, CLICK keys, SCAN scenes and a default', async () => {
    h = await startHarness({ mode: 'safe' });
    await save(h, {
      trigger: {
        kind: 'keyword',
        keywords: [
          { text: 'Price', match: 'exact' },
          { text: '价格', match: 'exact' },
        ],
      },
      replies: reply('exact'),
      priority: 1,
    });
    await save(h, {
      trigger: {
        kind: 'keyword',
        keywords: [
          { text: 'help', match: 'contains' },
          { text: '帮助', match: 'contains' },
        ],
      },
      replies: reply('contains'),
      priority: 2,
    });
    // The one-keyword shape from before is still accepted from API callers.
    const legacy = await save(h, {
      trigger: { kind: 'keyword', match: 'regex', pattern: '^order\\s+\\d+$' },
      replies: reply('regex'),
      priority: 3,
    });
    expect(legacy.trigger).toEqual({
      kind: 'keyword',
      keywords: [{ text: '^order\\s+\\d+$', match: 'regex' }],
    });
    // A scene typed as WeChat writes it in a follow's EventKey is kept bare (§2.4).
    const scened = await save(h, {
      trigger: { kind: 'subscribe', scene: 'qrscene_42' },
      replies: reply('welcome from QR 42'),
      priority: 1,
    });
    expect(scened.trigger).toEqual({ kind: 'subscribe', scene: '42' });
    await save(h, { trigger: { kind: 'subscribe' }, replies: reply('welcome'), priority: 2 });
    await save(h, { trigger: { kind: 'click', key: 'MENU_NEWS' }, replies: reply('clicked') });
    await save(h, { trigger: { kind: 'scan', scene: 'desk-7' }, replies: reply('scanned desk 7') });
    await save(h, { trigger: { kind: 'default' }, replies: reply('default') });

    const cases: [Record<string, string>, string | null][] = [
      [text('price'), 'exact'],
      [text(' 价格 '), 'exact'],
      [text('price please'), 'default'],
      [text('I need HELP now'), 'contains'],
      [text('需要帮助'), 'contains'],
      [text('order 123'), 'regex'],
      [event('subscribe', 'qrscene_42'), 'welcome from QR 42'],
      [event('subscribe', ''), 'welcome'],
      [event('CLICK', 'MENU_NEWS'), 'clicked'],
      [event('CLICK', 'OTHER'), null],
      [event('SCAN', 'desk-7'), 'scanned desk 7'],
      [event('unsubscribe'), null],
      [
        { MsgType: 'image', PicUrl: 'http://x/y.jpg', MediaId: 'm1', MsgId: '6100000000000000001' },
        'default',
      ],
    ];
    for (const [fields, want] of cases) {
      const r = await h.send(fields);
      const got = h.read(r.body);
      if (want === null) expect(got.kind, JSON.stringify(fields)).toBe('ack');
      else
        expect(got, JSON.stringify(fields)).toMatchObject({ kind: 'encrypted', fields: { Content: want } });
    }
  });

  it('builds image, news and transfer replies', async () => {
    h = await startHarness();
    await save(h, {
      trigger: { kind: 'keyword', match: 'exact', pattern: 'pic' },
      replies: [{ type: 'image', mediaId: 'MEDIA_1' }],
    });
    await save(h, {
      trigger: { kind: 'keyword', match: 'exact', pattern: 'news' },
      replies: [{ type: 'news', articles: [{ title: 'T1', url: 'https://a' }, { title: 'T2' }] }],
    });
    await save(h, {
      trigger: { kind: 'keyword', match: 'exact', pattern: 'human' },
      replies: [{ type: 'transfer' }],
    });
    const pic = h.read((await h.send(text('pic'))).body);
    expect(pic).toMatchObject({ fields: { MsgType: 'image', Image: { MediaId: 'MEDIA_1' } } });
    const news = h.read((await h.send(text('news'))).body);
    // §3.2: one article in answer to a user message.
    expect(news).toMatchObject({ fields: { MsgType: 'news', ArticleCount: '1' } });
    const kf = h.read((await h.send(text('human'))).body);
    expect(kf).toMatchObject({ fields: { MsgType: 'transfer_customer_service', ToUserName: FAN } });
  });

  it('"first match" answers with one rule; "reply with all" sends the others through customer service', async () => {
    const sender = new FakeSender();
    h = await startHarness({ sender });
    const a = await save(h, {
      trigger: { kind: 'keyword', match: 'contains', pattern: 'hi' },
      replies: reply('one'),
      priority: 1,
    });
    await save(h, {
      trigger: { kind: 'keyword', match: 'contains', pattern: 'hi' },
      replies: [...reply('two'), ...reply('three')],
      priority: 2,
    });
    const first = await h.send(text('hi there'));
    expect(h.read(first.body)).toMatchObject({ fields: { Content: 'one' } });
    expect((await h.call<CallbackEntryDto>('callbacks.get', { id: first.logId })).matched).toBe(
      `rule:${a.id}`,
    );

    await h.call('rules.setMatchMode', { accountId: h.account.id, matchMode: 'all' });
    const all = await h.send(text('hi again'));
    expect(h.read(all.body)).toMatchObject({ fields: { Content: 'one' } });
    await sender.waitFor(2);
    expect(sender.sent.map((s) => (s.body.text as { content: string }).content)).toEqual(['two', 'three']);
    const test = await h.call<RuleTestResult>('rules.test', {
      accountId: h.account.id,
      probe: { msgType: 'text', content: 'oh hi' },
    });
    expect(test.matched).toHaveLength(2);
    expect(test.passive).toEqual({ type: 'text', content: 'one' });
    expect(test.followUps.map((r) => (r as { content: string }).content)).toEqual(['two', 'three']);
  });

  it('a random-reply rule picks one of its replies; disabled and deleted rules do not answer', async () => {
    h = await startHarness();
    const r = await save(h, {
      trigger: { kind: 'keyword', match: 'exact', pattern: 'dice' },
      replies: [...reply('1'), ...reply('2'), ...reply('3')],
      replyMode: 'random',
    });
    const seen = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const got = h.read((await h.send(text('dice'))).body);
      if (got.kind !== 'ack') seen.add(String(got.fields.Content));
    }
    // Twelve draws of one in three all equal: p = 3 / 3^12, about 6e-6.
    expect(seen.size).toBeGreaterThan(1);
    for (const v of seen) expect(['1', '2', '3']).toContain(v);
    await save(h, { id: r.id, trigger: r.trigger, replies: r.replies, enabled: false });
    expect(h.read((await h.send(text('dice'))).body).kind).toBe('ack');
    await h.call('rules.delete', { id: r.id });
    expect(
      (await h.call<{ rules: unknown[] }>('rules.list', { accountId: h.account.id })).rules,
    ).toHaveLength(0);
  });

  it('validates rules at the contract boundary', async () => {
    h = await startHarness();
    const keywords = (...k: { text: string; match: string }[]) => ({ kind: 'keyword', keywords: k });
    await expect(
      save(h, {
        trigger: keywords({ text: 'ok', match: 'exact' }, { text: '([', match: 'regex' }),
        replies: reply('x'),
      }),
    ).rejects.toMatchObject({
      body: { code: 'invalid_input', issues: [{ path: 'trigger.keywords.1.text', key: 'validation.regex' }] },
    });
    await expect(save(h, { trigger: keywords(), replies: reply('x') })).rejects.toMatchObject({
      body: { code: 'invalid_input', issues: [{ path: 'trigger.keywords', key: 'validation.required' }] },
    });
    await expect(
      save(h, { trigger: keywords({ text: '', match: 'exact' }), replies: reply('x') }),
    ).rejects.toMatchObject({
      body: {
        code: 'invalid_input',
        issues: [{ path: 'trigger.keywords.0.text', key: 'validation.required' }],
      },
    });
    await expect(
      save(h, { trigger: keywords({ text: 'a', match: 'fuzzy' }), replies: reply('x') }),
    ).rejects.toMatchObject({
      body: { code: 'invalid_input', issues: [{ path: 'trigger.keywords.0.match', key: 'validation.enum' }] },
    });
    await expect(save(h, { trigger: { kind: 'default' }, replies: [] })).rejects.toMatchObject({
      body: { code: 'invalid_input' },
    });
    await expect(h.call('rules.list', { accountId: 'nope' })).rejects.toMatchObject({
      body: { code: 'not_found' },
    });
  });
});
