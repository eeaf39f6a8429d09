import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInboundXml } from './inbound-parse';
import { WechatProtocolError } from './errors';
import { buildReply } from './reply-builder';
import { lintReply } from './reply-lint';
import { REPLY_MSG_TYPES } from './reply-types';
import { parseXmlDocument } from './xml-codec';
import { V1, V4 } from './vectors.fixture';

const inbound = { toUserName: 'gh_0123456789ab', fromUserName: 'oUSER' };

describe('buildReply (§3.2)', () => {
  it('answers the V1 message with exactly the V4 plaintext', () => {
    const msg = parseInboundXml(V1.xml);
    if (msg.type === 'component') throw new Error('unexpected');
    expect(buildReply(msg, { type: 'text', content: 'hello back' }, Number(V4.timestamp))).toBe(V4.xml);
  });

  it('swaps To/From and writes CreateTime in seconds', () => {
    const f = parseXmlDocument(buildReply(inbound, { type: 'image', mediaId: 'm' }, 1700000002));
    expect(f).toEqual({
      ToUserName: 'oUSER',
      FromUserName: 'gh_0123456789ab',
      CreateTime: '1700000002',
      MsgType: 'image',
      Image: { MediaId: 'm' },
    });
  });

  it('refuses milliseconds or fractions as CreateTime', () => {
    expect(() => buildReply(inbound, { type: 'text', content: 'x' }, 1700000002000)).toThrow(
      expect.objectContaining({ step: 'build' }),
    );
    expect(() => buildReply(inbound, { type: 'text', content: 'x' }, 1.5)).toThrow(
      expect.objectContaining({ step: 'build' }),
    );
  });

  it('splits ]]> inside content so it survives CDATA', () => {
    const xml = buildReply(inbound, { type: 'text', content: 'a]]>b]]>' }, 1);
    expect(xml).toContain('<Content><![CDATA[a]]]]><![CDATA[>b]]]]><![CDATA[>]]></Content>');
    expect(parseXmlDocument(xml).Content).toBe('a]]>b]]>');
  });

  it('voice, video with optional fields, music', () => {
    expect(parseXmlDocument(buildReply(inbound, { type: 'voice', mediaId: 'v' }, 1)).Voice).toEqual({
      MediaId: 'v',
    });
    expect(parseXmlDocument(buildReply(inbound, { type: 'video', mediaId: 'v' }, 1)).Video).toEqual({
      MediaId: 'v',
    });
    expect(
      parseXmlDocument(buildReply(inbound, { type: 'video', mediaId: 'v', title: 't', description: 'd' }, 1))
        .Video,
    ).toEqual({
      MediaId: 'v',
      Title: 't',
      Description: 'd',
    });
    expect(
      parseXmlDocument(
        buildReply(
          inbound,
          { type: 'music', thumbMediaId: 'th', title: 'T', musicUrl: 'u', hqMusicUrl: 'h' },
          1,
        ),
      ).Music,
    ).toEqual({ Title: 'T', MusicUrl: 'u', HQMusicUrl: 'h', ThumbMediaId: 'th' });
  });

  it('news keeps one article by default, up to 8 when asked', () => {
    const articles = Array.from({ length: 10 }, (_, i) => ({ title: `t${i}`, url: `http://u/${i}` }));
    const one = parseXmlDocument(buildReply(inbound, { type: 'news', articles }, 1));
    expect(one.ArticleCount).toBe('1');
    expect(one.Articles).toEqual({ item: [{ Title: 't0', Description: '', PicUrl: '', Url: 'http://u/0' }] });
    const eight = parseXmlDocument(buildReply(inbound, { type: 'news', articles }, 1, { maxArticles: 20 }));
    expect(eight.ArticleCount).toBe('8');
    expect(() => buildReply(inbound, { type: 'news', articles: [] }, 1)).toThrow(
      expect.objectContaining({ step: 'build' }),
    );
  });

  it('transfer_customer_service with and without a target agent', () => {
    expect(buildReply(inbound, { type: 'transfer_customer_service' }, 1)).toBe(
      '<xml><ToUserName><![CDATA[oUSER]]></ToUserName><FromUserName><![CDATA[gh_0123456789ab]]></FromUserName><CreateTime>1</CreateTime><MsgType><![CDATA[transfer_customer_service]]></MsgType></xml>',
    );
    expect(
      parseXmlDocument(buildReply(inbound, { type: 'transfer_customer_service', kfAccount: 'kf@a' }, 1))
        .TransInfo,
    ).toEqual({
      KfAccount: 'kf@a',
    });
  });

  it('success is the plain acknowledgement', () => {
    expect(buildReply(inbound, { type: 'success' }, 1)).toBe('success');
  });

  it('refuses an unknown reply type with a typed error', () => {
    expect(() => buildReply(inbound, { type: 'bogus' } as never, 1)).toThrow(
      expect.objectContaining({ step: 'build', code: -40011 }),
    );
  });
});

describe('buildReply on untrusted specs (stored JSON)', () => {
  it('answers a string or throws its own typed error for any JSON value (2,000 cases)', () => {
    const spec = fc.oneof(
      fc.jsonValue(),
      fc.record({
        type: fc.constantFrom<string>(...REPLY_MSG_TYPES, 'success', 'x'),
        content: fc.jsonValue(),
        mediaId: fc.jsonValue(),
        thumbMediaId: fc.jsonValue(),
        title: fc.option(fc.jsonValue(), { nil: undefined }),
        kfAccount: fc.option(fc.jsonValue(), { nil: undefined }),
        articles: fc.oneof(
          fc.jsonValue(),
          fc.array(fc.oneof(fc.jsonValue(), fc.record({ title: fc.jsonValue() }))),
        ),
      }),
    );
    fc.assert(
      fc.property(spec, fc.jsonValue(), fc.oneof(fc.integer(), fc.double()), (s, maxArticles, now) => {
        try {
          const xml = buildReply(inbound, s as never, now, { maxArticles: maxArticles as never });
          expect(typeof xml).toBe('string');
          expect(xml === 'success' || lintReply(xml).kind === 'reply').toBe(true);
        } catch (e) {
          if (!(e instanceof WechatProtocolError)) throw e;
          expect(e.step).toBe('build');
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it('names the field that is not text', () => {
    expect(() => buildReply(inbound, { type: 'text', content: 5 } as never, 1)).toThrow(
      /Content must be text/,
    );
    expect(() => buildReply({ toUserName: 'gh' } as never, { type: 'text', content: 'x' }, 1)).toThrow(
      /ToUserName must be text/,
    );
    expect(() => buildReply(inbound, { type: 'news', articles: [null] } as never, 1)).toThrow(
      /article must be an object/,
    );
  });
});
