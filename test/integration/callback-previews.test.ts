import { afterEach, describe, expect, it } from 'vitest';
import {
  PREVIEW_CHARS,
  type CallbackEntryDto,
  type CallbackSummaryDto,
  type CallbacksPage,
} from '../../src/shared/api/areas/callbacks';
import { startHarness, text, type Harness } from '../helpers/callback-harness';
import { firstOf, itemAt, lastOf } from '../helpers/indexed';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

let clock = 1_700_002_000;
const event = (Event: string, EventKey: string) => ({
  MsgType: 'event',
  Event,
  EventKey,
  CreateTime: String(++clock),
});

/** Every summary the live stream carried, by log id. */
const live = (h: Harness) =>
  new Map(
    h.events
      .filter((e) => e.name === 'callbacks.logged')
      .flatMap((e) => (e.payload as { entries: CallbackSummaryDto[] }).entries)
      .map((e) => [e.id, e.preview]),
  );

describe('callback log previews: what the fan said, beside the type', () => {
  it.each(['plain', 'safe'] as const)(
    '%s mode: the live event and a list read give the same preview for each kind of message',
    async (mode) => {
      h = await startHarness({ mode });
      const long = `${'营业时间'.repeat(40)}😀`;
      const cases: [Record<string, string>, string | null][] = [
        [text('你好，请问营业时间？'), '你好，请问营业时间？'],
        [event('CLICK', 'V1001_TODAY'), 'V1001_TODAY'],
        [event('subscribe', 'qrscene_42'), 'qrscene_42'],
        [
          { MsgType: 'location', Location_X: '23.1', Location_Y: '113.3', Label: '广州塔', MsgId: '9001' },
          '广州塔',
        ],
        [
          { MsgType: 'link', Title: '公众号文章', Url: 'https://mp.weixin.qq.com/s/x', MsgId: '9002' },
          '公众号文章',
        ],
        [
          { MsgType: 'voice', MediaId: 'm', Format: 'amr', Recognition: '明天天气', MsgId: '9003' },
          '明天天气',
        ],
        [{ MsgType: 'image', PicUrl: 'http://x/p.jpg', MediaId: 'm', MsgId: '9004' }, null],
        [text(long), `${long.slice(0, PREVIEW_CHARS)}…`],
      ];
      const ids: number[] = [];
      for (const [fields] of cases) {
        const r = await h.send(fields);
        expect(r.status).toBe(200);
        ids.push(r.logId);
      }
      await h.logged(lastOf(ids));
      // A retry of the first message carries its preview too.
      const retry = await h.send(firstOf(cases)[0]);
      await h.logged(retry.logId);

      const page = await h.call<CallbacksPage>('callbacks.list', { limit: 50 });
      const listed = new Map(page.items.map((e) => [e.id, e.preview]));
      const streamed = live(h);
      cases.forEach(([, want], i) => {
        expect(listed.get(itemAt(ids, i)), `list #${i}`).toBe(want);
        expect(streamed.get(itemAt(ids, i)), `live #${i}`).toBe(want);
      });
      expect(listed.get(retry.logId)).toBe('你好，请问营业时间？');
      expect(streamed.get(retry.logId)).toBe('你好，请问营业时间？');
      // The whole entry agrees.
      expect((await h.call<CallbackEntryDto>('callbacks.get', { id: ids[0] })).preview).toBe(
        '你好，请问营业时间？',
      );
      expect(listed.get(itemAt(ids, 7))!.length).toBeLessThanOrEqual(PREVIEW_CHARS + 1);
      // Search pages have them as well.
      const found = await h.call<CallbacksPage>('callbacks.list', { search: '广州塔' });
      expect(found.items.map((e) => e.preview)).toEqual(['广州塔']);
    },
  );

  it('requests that carried no message have none: a refusal, a verification', async () => {
    h = await startHarness({ mode: 'plain' });
    const bad = await h.raw(
      'POST',
      '/wx/acct?signature=0&timestamp=1&nonce=2',
      '<xml><MsgType>text</MsgType></xml>',
    );
    expect(bad.status).toBe(401);
    const page = await h.call<CallbacksPage>('callbacks.list', {});
    expect(page.items.find((e) => e.id === bad.logId)?.preview).toBeNull();
  });
});
