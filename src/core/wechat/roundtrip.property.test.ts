import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkAesKey } from './aes-key';
import { buildEncryptedEnvelope, openEncryptedEnvelope } from './envelope';
import { parseInboundXml } from './inbound-parse';
import { decryptMessage, encryptMessage } from './message-crypto';
import { buildReply } from './reply-builder';
import { lintReply } from './reply-lint';
import { computeMsgSignature, verifyMsgSignature } from './signature';
import { cdata, parseXmlDocument, stripXmlIllegal } from './xml-codec';

/**
 * Round trips over arbitrary Unicode, biased towards what breaks XML and CDATA: `]]>`, CDATA
 * openers, entities, emoji, CJK, CR/LF and characters XML cannot carry.
 */
const tricky = fc.constantFrom(
  ']]>',
  ']]',
  ']',
  '>',
  '<![CDATA[',
  '&amp;',
  '&lt;',
  '&#x4e2d;',
  '😀',
  '中文',
  '\r\n',
  '\r',
  '\u0000',
  '\ufffe',
  ' ',
);
const unicode = fc.string({
  unit: fc.oneof({ weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) }, tricky),
  maxLength: 60,
});
const alnum = fc.string({
  unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'),
  minLength: 43,
  maxLength: 43,
});
const random16 = fc.uint8Array({ minLength: 16, maxLength: 16 });

/** What any conforming XML parser returns for text we wrote: illegal characters gone, line ends normalised (XML 1.0 §2.11). */
const asParsed = (s: string) => stripXmlIllegal(s).replace(/\r\n?/g, '\n');

describe('encrypt -> decrypt (§4.2)', () => {
  it('gives back the exact text, AppID and random for any key and any Unicode', () => {
    fc.assert(
      fc.property(alnum, unicode, unicode, random16, (key, xml, appId, random) => {
        expect(checkAesKey(key)).toBeNull();
        const enc = encryptMessage(key, xml, appId, random);
        expect(Buffer.from(enc, 'base64').length % 32).toBe(0);
        const out = decryptMessage(key, enc, appId);
        expect(out.xml).toBe(xml);
        expect(out.appId).toBe(appId);
        expect([...out.random]).toEqual([...random]);
      }),
      { numRuns: 500 },
    );
  });

  it('an envelope opens to the same text and its MsgSignature verifies', () => {
    fc.assert(
      fc.property(
        alnum,
        unicode,
        fc.stringMatching(/^[A-Za-z0-9]{3,32}$/),
        fc.nat(),
        fc.stringMatching(/^\d{1,10}$/),
        (key, xml, token, ts, nonce) => {
          const env = buildEncryptedEnvelope({
            xml,
            token,
            aesKey: key,
            appId: 'wxapp',
            timestamp: ts,
            nonce,
            random: 'r'.repeat(16),
          });
          const opened = openEncryptedEnvelope({ envelope: env, token, aesKey: key, appId: 'wxapp' });
          expect(opened.xml).toBe(xml);
          expect(
            verifyMsgSignature(
              token,
              String(ts),
              nonce,
              opened.encrypt,
              computeMsgSignature(token, String(ts), nonce, opened.encrypt),
            ),
          ).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('build -> parse (§3.2)', () => {
  it('text replies carry any content and ids through CDATA', () => {
    fc.assert(
      fc.property(
        unicode,
        unicode,
        unicode,
        fc.integer({ min: 0, max: 4_102_444_800 }),
        (content, account, user, now) => {
          const xml = buildReply({ toUserName: account, fromUserName: user }, { type: 'text', content }, now);
          const f = parseXmlDocument(xml);
          expect(f.Content).toBe(asParsed(content));
          expect(f.ToUserName).toBe(asParsed(user));
          expect(f.FromUserName).toBe(asParsed(account));
          expect(f.CreateTime).toBe(String(now));
          expect(lintReply(xml).issues.filter((i) => i.severity === 'error')).toEqual([]);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('news, video and music fields round-trip too', () => {
    fc.assert(
      fc.property(unicode, unicode, unicode, unicode, (title, description, picUrl, url) => {
        const to = { toUserName: 'gh', fromUserName: 'o' };
        const news = parseXmlDocument(
          buildReply(to, { type: 'news', articles: [{ title, description, picUrl, url }] }, 1),
        );
        expect(news.Articles).toEqual({
          item: [
            {
              Title: asParsed(title),
              Description: asParsed(description),
              PicUrl: asParsed(picUrl),
              Url: asParsed(url),
            },
          ],
        });
        const video = parseXmlDocument(
          buildReply(to, { type: 'video', mediaId: url, title, description }, 1),
        );
        expect(video.Video).toEqual({
          MediaId: asParsed(url),
          Title: asParsed(title),
          Description: asParsed(description),
        });
      }),
      { numRuns: 500 },
    );
  });

  it('inbound text written the way WeChat writes it parses back to the same Content', () => {
    fc.assert(
      fc.property(unicode, fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), (content, id) => {
        const xml = `<xml><ToUserName>${cdata('gh')}</ToUserName><FromUserName>${cdata('o')}</FromUserName><CreateTime>1</CreateTime><MsgType><![CDATA[text]]></MsgType><Content>${cdata(content)}</Content><MsgId>${id}</MsgId></xml>`;
        const m = parseInboundXml(xml);
        expect(m).toMatchObject({ type: 'text', content: asParsed(content), msgId: String(id) });
      }),
      { numRuns: 1000 },
    );
  });
});
