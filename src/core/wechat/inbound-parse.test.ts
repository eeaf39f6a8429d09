import { describe, expect, it } from 'vitest';
import { parseInboundXml } from './inbound-parse';
import type { InboundMessage } from './inbound-types';

const head = (msgType: string, extra = '') =>
  `<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName><FromUserName><![CDATA[oUSER]]></FromUserName>` +
  `<CreateTime>1700000000</CreateTime><MsgType><![CDATA[${msgType}]]></MsgType>${extra}</xml>`;
const ev = (event: string, extra = '') => head('event', `<Event><![CDATA[${event}]]></Event>${extra}`);
const narrow = <T extends InboundMessage['type']>(m: InboundMessage, t: T) => {
  expect(m.type).toBe(t);
  return m as Extract<InboundMessage, { type: T }>;
};

describe('normal messages (§2.3)', () => {
  it('text keeps a 64-bit MsgId as a string and Content untrimmed', () => {
    const m = narrow(
      parseInboundXml(
        head('text', '<Content><![CDATA[  你好 ]]></Content><MsgId>6574261948839470964</MsgId>'),
      ),
      'text',
    );
    expect(m).toMatchObject({
      toUserName: 'gh_0123456789ab',
      fromUserName: 'oUSER',
      createTime: 1700000000,
      content: '  你好 ',
    });
    expect(m.msgId).toBe('6574261948839470964');
  });

  it('reads fields without CDATA, in any order, with entities', () => {
    const m = parseInboundXml(
      '<xml><MsgId>1</MsgId><Content>a &lt;b&gt; &amp; &#x4e2d;</Content><MsgType>text</MsgType><FromUserName>u</FromUserName><ToUserName>g</ToUserName><CreateTime>5</CreateTime></xml>',
    );
    expect(m).toMatchObject({ type: 'text', content: 'a <b> & 中', fromUserName: 'u', createTime: 5 });
  });

  it('image, voice with Recognition, video, shortvideo, location, link, file', () => {
    expect(
      parseInboundXml(head('image', '<PicUrl>http://p</PicUrl><MediaId>m1</MediaId><MsgId>2</MsgId>')),
    ).toMatchObject({
      type: 'image',
      picUrl: 'http://p',
      mediaId: 'm1',
    });
    expect(
      parseInboundXml(
        head(
          'voice',
          '<MediaId>v</MediaId><Format>amr</Format><MediaId16K>v16</MediaId16K><Recognition>腾讯</Recognition>',
        ),
      ),
    ).toMatchObject({ type: 'voice', mediaId: 'v', format: 'amr', mediaId16K: 'v16', recognition: '腾讯' });
    expect(
      parseInboundXml(head('video', '<MediaId>a</MediaId><ThumbMediaId>b</ThumbMediaId>')),
    ).toMatchObject({
      type: 'video',
      thumbMediaId: 'b',
    });
    expect(
      parseInboundXml(head('shortvideo', '<MediaId>a</MediaId><ThumbMediaId>b</ThumbMediaId>')).type,
    ).toBe('shortvideo');
    expect(
      parseInboundXml(
        head(
          'location',
          '<Location_X>23.134521</Location_X><Location_Y>113.358803</Location_Y><Scale>20</Scale><Label>L</Label>',
        ),
      ),
    ).toMatchObject({
      type: 'location',
      latitude: '23.134521',
      longitude: '113.358803',
      scale: '20',
      label: 'L',
    });
    expect(
      parseInboundXml(head('link', '<Title>t</Title><Description>d</Description><Url>u</Url>')),
    ).toMatchObject({
      type: 'link',
      title: 't',
      description: 'd',
      url: 'u',
    });
    expect(
      parseInboundXml(
        head(
          'file',
          '<Title>f.pdf</Title><FileKey>k</FileKey><FileMd5>m</FileMd5><FileTotalLen>9</FileTotalLen>',
        ),
      ),
    ).toMatchObject({
      type: 'file',
      title: 'f.pdf',
      fileKey: 'k',
      fileTotalLen: '9',
    });
  });

  it('keeps MsgDataId/Idx from articles and unknown fields in raw', () => {
    const m = parseInboundXml(
      head('text', '<Content>x</Content><MsgDataId>md</MsgDataId><Idx>1</Idx><Future><A>1</A></Future>'),
    );
    expect(m).toMatchObject({ msgDataId: 'md', idx: '1' });
    expect(m.raw.Future).toEqual({ A: '1' });
  });

  it('leaves absent optional fields absent, and gives events no msgId', () => {
    const m = parseInboundXml(head('text', '<Content>x</Content><MsgId>1</MsgId>'));
    expect(Object.keys(m).sort()).toEqual([
      'content',
      'createTime',
      'fromUserName',
      'msgId',
      'msgType',
      'raw',
      'toUserName',
      'type',
    ]);
    expect(Object.keys(parseInboundXml(ev('CLICK', '<EventKey>K</EventKey>'))).sort()).toEqual([
      'createTime',
      'event',
      'eventKey',
      'fromUserName',
      'msgType',
      'raw',
      'toUserName',
      'type',
    ]);
  });

  it('keeps an unknown MsgType instead of dropping it', () => {
    const m = narrow(
      parseInboundXml(head('miniprogrampage', '<Title>t</Title><MsgId>77</MsgId>')),
      'unknown',
    );
    expect(m).toMatchObject({ msgType: 'miniprogrampage', msgId: '77' });
    expect(m.raw.Title).toBe('t');
  });
});

describe('events (§2.4, V9 fixtures)', () => {
  it('subscribe via parametric QR: scene 123123, ticket TICKET', () => {
    expect(
      parseInboundXml(ev('subscribe', '<EventKey>qrscene_123123</EventKey><Ticket>TICKET</Ticket>')),
    ).toMatchObject({
      type: 'event',
      event: 'subscribe',
      scene: '123123',
      ticket: 'TICKET',
    });
  });

  it('plain subscribe has no scene; unsubscribe', () => {
    expect(parseInboundXml(ev('subscribe', '<EventKey></EventKey>'))).toMatchObject({
      event: 'subscribe',
      scene: null,
      ticket: null,
    });
    expect(parseInboundXml(ev('unsubscribe'))).toMatchObject({ event: 'unsubscribe' });
  });

  it('SCAN: scene SCENE_VALUE', () => {
    expect(
      parseInboundXml(ev('SCAN', '<EventKey>SCENE_VALUE</EventKey><Ticket>TICKET</Ticket>')),
    ).toMatchObject({
      event: 'SCAN',
      scene: 'SCENE_VALUE',
      ticket: 'TICKET',
    });
  });

  it('LOCATION keeps the decimals as given', () => {
    expect(
      parseInboundXml(
        ev(
          'LOCATION',
          '<Latitude>23.137466</Latitude><Longitude>113.352425</Longitude><Precision>119.385040</Precision>',
        ),
      ),
    ).toMatchObject({
      event: 'LOCATION',
      latitude: '23.137466',
      longitude: '113.352425',
      precision: '119.385040',
    });
  });

  it('CLICK and VIEW, matched case-insensitively', () => {
    expect(parseInboundXml(ev('CLICK', '<EventKey>EVENTKEY</EventKey>'))).toMatchObject({
      event: 'CLICK',
      eventKey: 'EVENTKEY',
    });
    expect(parseInboundXml(ev('view', '<EventKey>www.qq.com</EventKey><MenuId>7</MenuId>'))).toMatchObject({
      event: 'VIEW',
      eventKey: 'www.qq.com',
      menuId: '7',
    });
    expect(parseInboundXml(ev('view_miniprogram', '<EventKey>pages/a</EventKey>'))).toMatchObject({
      event: 'view_miniprogram',
      menuId: null,
    });
  });

  it('scancode_push / scancode_waitmsg', () => {
    const info =
      '<EventKey>k</EventKey><ScanCodeInfo><ScanType>qrcode</ScanType><ScanResult>1</ScanResult></ScanCodeInfo>';
    expect(parseInboundXml(ev('scancode_push', info))).toMatchObject({
      event: 'scancode_push',
      scanType: 'qrcode',
      scanResult: '1',
    });
    expect(parseInboundXml(ev('scancode_waitmsg', info))).toMatchObject({ event: 'scancode_waitmsg' });
  });

  it('pic_sysphoto with one picture is still a list; pic_weixin with two', () => {
    const one =
      '<EventKey>k</EventKey><SendPicsInfo><Count>1</Count><PicList><item><PicMd5Sum>1b5f7c23b5bf75682a53e7b6d163e185</PicMd5Sum></item></PicList></SendPicsInfo>';
    expect(parseInboundXml(ev('pic_sysphoto', one))).toMatchObject({
      event: 'pic_sysphoto',
      count: 1,
      pictures: [{ md5: '1b5f7c23b5bf75682a53e7b6d163e185' }],
    });
    const two =
      '<EventKey><![CDATA[menu_pic]]></EventKey><SendPicsInfo><Count>2</Count>\n<PicList>\n<item><PicMd5Sum><![CDATA[a]]></PicMd5Sum></item>\n<item><PicMd5Sum><![CDATA[b]]></PicMd5Sum></item>\n</PicList>\n</SendPicsInfo>';
    expect(parseInboundXml(ev('pic_weixin', two))).toMatchObject({
      count: 2,
      pictures: [{ md5: 'a' }, { md5: 'b' }],
    });
    expect(parseInboundXml(ev('pic_photo_or_album', '<EventKey>k</EventKey>'))).toMatchObject({
      count: 0,
      pictures: [],
    });
  });

  it('location_select with an empty Poiname', () => {
    const info =
      '<EventKey>k</EventKey><SendLocationInfo><Location_X><![CDATA[23]]></Location_X><Location_Y><![CDATA[113]]></Location_Y><Scale><![CDATA[15]]></Scale><Label><![CDATA[ 广州市海珠区客村艺苑路 106号]]></Label><Poiname><![CDATA[]]></Poiname></SendLocationInfo>';
    expect(parseInboundXml(ev('location_select', info))).toMatchObject({
      location: { x: '23', y: '113', scale: '15', label: ' 广州市海珠区客村艺苑路 106号', poiname: '' },
    });
  });

  it('TEMPLATESENDJOBFINISH reads MsgID and flags failures by prefix', () => {
    const ok = parseInboundXml(
      ev('TEMPLATESENDJOBFINISH', '<MsgID>1700827132819554304</MsgID><Status>success</Status>'),
    );
    expect(ok).toMatchObject({ msgId: '1700827132819554304', failed: false });
    const bad = parseInboundXml(
      ev('TEMPLATESENDJOBFINISH', '<MsgID>1</MsgID><Status>failed: system failed</Status>'),
    );
    expect(bad).toMatchObject({ failed: true });
  });

  it('MASSSENDJOBFINISH: id 1000001625, status err(30003), counts', () => {
    const m = parseInboundXml(
      ev(
        'MASSSENDJOBFINISH',
        '<MsgID>1000001625</MsgID><Status>err(30003)</Status><TotalCount>0</TotalCount><FilterCount>0</FilterCount><SentCount>0</SentCount><ErrorCount>0</ErrorCount>',
      ),
    );
    expect(m).toMatchObject({ msgId: '1000001625', status: 'err(30003)', totalCount: 0, errorCount: 0 });
  });

  it('keeps an unknown event with its name', () => {
    expect(parseInboundXml(ev('kf_create_session', '<KfAccount>kf@x</KfAccount>'))).toMatchObject({
      event: 'other',
      name: 'kf_create_session',
      raw: { KfAccount: 'kf@x' },
    });
  });
});

describe('component pushes (§11.2-§11.3)', () => {
  it('component_verify_ticket', () => {
    expect(
      parseInboundXml(
        '<xml><AppId>wxCOMPONENT</AppId><CreateTime>1413192605</CreateTime><InfoType>component_verify_ticket</InfoType><ComponentVerifyTicket>ticket@@@x</ComponentVerifyTicket></xml>',
      ),
    ).toEqual(
      expect.objectContaining({
        type: 'component',
        infoType: 'component_verify_ticket',
        appId: 'wxCOMPONENT',
        ticket: 'ticket@@@x',
        createTime: 1413192605,
      }),
    );
  });

  it('authorized / updateauthorized / unauthorized / other', () => {
    const auth = (t: string) =>
      `<xml><AppId>c</AppId><CreateTime>1</CreateTime><InfoType>${t}</InfoType><AuthorizerAppid>wxA</AuthorizerAppid><AuthorizationCode>code</AuthorizationCode><AuthorizationCodeExpiredTime>1413196605</AuthorizationCodeExpiredTime><PreAuthCode>pre</PreAuthCode></xml>`;
    expect(parseInboundXml(auth('authorized'))).toMatchObject({
      infoType: 'authorized',
      authorizerAppid: 'wxA',
      authorizationCode: 'code',
      authorizationCodeExpiredTime: 1413196605,
      preAuthCode: 'pre',
    });
    expect(parseInboundXml(auth('updateauthorized'))).toMatchObject({ infoType: 'updateauthorized' });
    expect(parseInboundXml(auth('unauthorized'))).toMatchObject({
      infoType: 'unauthorized',
      authorizerAppid: 'wxA',
    });
    expect(parseInboundXml(auth('notify_third_fasteregister'))).toMatchObject({
      infoType: 'other',
      name: 'notify_third_fasteregister',
    });
  });
});
