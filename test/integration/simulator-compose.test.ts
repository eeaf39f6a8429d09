import { afterEach, describe, expect, it } from 'vitest';
import type { CallbackEntryDto } from '../../src/shared/api/areas/callbacks';
import type { SimulatorExchange } from '../../src/shared/api/areas/simulator';
import { startHarness, type Harness } from '../helpers/callback-harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

/** Sends a composed message from fan oComposer and reads back the XML the listener logged. */
async function composed(compose: Record<string, string>): Promise<CallbackEntryDto> {
  const x = await h!.call<SimulatorExchange>('simulator.send', {
    accountId: h!.account.id,
    compose,
    openid: 'oComposer',
  });
  expect(x.response.status).toBe(200);
  return h!.call<CallbackEntryDto>('callbacks.get', { id: x.logId! });
}

/** simulator.send with `compose`: core builds each kind of message as WeChat would (§2.3, §2.4). */
describe('simulator.send compose', () => {
  it('builds messages with the fields WeChat adds (ids, time, MediaId), trimmed but for a text', async () => {
    h = await startHarness({ mode: 'plain' });
    const text = await composed({ kind: 'text', Content: '  hello there ' });
    expect(text.rawBody).toContain('<FromUserName><![CDATA[oComposer]]></FromUserName>');
    expect(text.rawBody).toContain(
      '<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[  hello there ]]></Content>',
    );
    expect(text.rawBody).toMatch(new RegExp(`^<xml><ToUserName><!\\[CDATA\\[gh_`));
    expect(text.rawBody).toMatch(/<CreateTime>\d{10}<\/CreateTime>/);
    expect(text.rawBody).toMatch(/<MsgId>\d{19}<\/MsgId>/);

    const image = await composed({ kind: 'image', PicUrl: ' https://example.com/a.jpg ' });
    expect(image.rawBody).toContain('<PicUrl><![CDATA[https://example.com/a.jpg]]></PicUrl>');
    expect(image.rawBody).toMatch(/<MediaId><!\[CDATA\[[A-Za-z0-9]{24}\]\]><\/MediaId>/);

    const voice = await composed({ kind: 'voice', Format: 'amr', Recognition: '' });
    expect(voice.rawBody).toContain('<Format><![CDATA[amr]]></Format>');
    expect(voice.rawBody).not.toContain('Recognition');

    const where = await composed({
      kind: 'location',
      Location_X: '39.9',
      Location_Y: '116.4',
      Scale: '15',
      Label: '天安门广场',
    });
    expect(where.rawBody).toContain('<Location_X>39.9</Location_X><Location_Y>116.4</Location_Y>');
    expect(where.preview).toBe('天安门广场');
  });

  it('builds events: QR scenes with a Ticket, menu keys, and the scancode events with ScanCodeInfo nested', async () => {
    h = await startHarness({ mode: 'plain' });
    const follow = await composed({ kind: 'subscribe', scene: '42' });
    expect(follow.rawBody).toContain('<EventKey><![CDATA[qrscene_42]]></EventKey>');
    expect(follow.rawBody).toMatch(/<Ticket><!\[CDATA\[gQ[A-Za-z0-9]{24}\]\]><\/Ticket>/);
    expect(follow.rawBody).not.toContain('MsgId');
    const plainFollow = await composed({ kind: 'subscribe' });
    expect(plainFollow.rawBody).not.toContain('EventKey');
    // A scene typed the way it appears in the log keeps one prefix, not qrscene_qrscene_promo.
    const typed = await composed({ kind: 'subscribe', scene: 'qrscene_promo' });
    expect(typed.rawBody).toContain('<EventKey><![CDATA[qrscene_promo]]></EventKey>');
    const scanTyped = await composed({ kind: 'SCAN', scene: 'qrscene_promo' });
    expect(scanTyped.rawBody).toContain('<EventKey><![CDATA[promo]]></EventKey>');

    const click = await composed({ kind: 'CLICK', EventKey: 'V1001_TODAY' });
    expect(click).toMatchObject({ msgType: 'event', event: 'CLICK', preview: 'V1001_TODAY' });

    const scan = await composed({
      kind: 'scancode_push',
      EventKey: 'scan1',
      ScanResult: 'https://example.com/qr',
    });
    expect(scan.rawBody).toMatch(
      /<Event><!\[CDATA\[scancode_push\]\]><\/Event><EventKey><!\[CDATA\[scan1\]\]><\/EventKey><ScanCodeInfo><ScanType><!\[CDATA\[qrcode\]\]><\/ScanType><ScanResult><!\[CDATA\[https:\/\/example.com\/qr\]\]><\/ScanResult><\/ScanCodeInfo><\/xml>$/,
    );
  });

  it('refuses what a fan could not send, per field, with the keys the form shows', async () => {
    h = await startHarness({ mode: 'plain' });
    const refused = (compose: Record<string, string>) =>
      h!
        .call('simulator.send', { accountId: h!.account.id, compose })
        .catch((e: unknown) => (e as { body: unknown }).body);
    expect(await refused({ kind: 'image', PicUrl: 'not a url' })).toMatchObject({
      code: 'invalid_input',
      issues: [{ path: 'compose.PicUrl', key: 'validation.url' }],
    });
    expect(
      await refused({ kind: 'location', Location_X: 'north', Location_Y: '1', Scale: '1' }),
    ).toMatchObject({
      issues: [{ path: 'compose.Location_X', key: 'validation.number' }],
    });
    expect(await refused({ kind: 'CLICK', EventKey: '  ' })).toMatchObject({
      issues: [{ path: 'compose.EventKey', key: 'validation.required' }],
    });
    expect(await refused({ kind: 'CLICK', EventKey: 'k', Content: 'x' })).toMatchObject({
      issues: [{ path: 'compose.Content', key: 'validation.unknownField' }],
    });
    const logged = await h.call<{ items: unknown[] }>('callbacks.list', {});
    expect(logged.items).toHaveLength(0);
  });
});
