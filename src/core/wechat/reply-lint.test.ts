import { describe, expect, it } from 'vitest';
import { buildEncryptedEnvelope } from './envelope';
import { buildReply } from './reply-builder';
import { lintReply } from './reply-lint';
import type { ReplySpec } from './reply-types';
import { V1 } from './vectors.fixture';

const inbound = { toUserName: 'gh_acc', fromUserName: 'oUser' };
const reply = (spec: ReplySpec) => buildReply(inbound, spec, 1700000000);
const codes = (r: { issues: { code: string }[] }) => r.issues.map((i) => i.code);
const crypto = { token: V1.token, aesKey: V1.aesKey, appId: V1.appId };
const seal = (xml: string, appId = V1.appId) =>
  buildEncryptedEnvelope({
    xml,
    token: V1.token,
    aesKey: V1.aesKey,
    appId,
    timestamp: 1,
    nonce: 'n',
    random: V1.random,
  });

describe('lintReply (§3, §4.1)', () => {
  it('passes every reply our builder makes', () => {
    const specs: ReplySpec[] = [
      { type: 'text', content: 'hi' },
      { type: 'image', mediaId: 'm' },
      { type: 'voice', mediaId: 'm' },
      { type: 'video', mediaId: 'm', title: 't' },
      { type: 'music', thumbMediaId: 't' },
      { type: 'news', articles: [{ title: 't', url: 'http://u' }] },
      { type: 'transfer_customer_service', kfAccount: 'kf@a' },
    ];
    for (const s of specs)
      expect(lintReply(reply(s), { inbound, now: 1700000000 })).toMatchObject({
        ok: true,
        kind: 'reply',
        issues: [],
      });
  });

  it('treats "success" and an empty body as acknowledgements, and warns on whitespace around them', () => {
    expect(lintReply('success')).toMatchObject({ ok: true, kind: 'ack', issues: [] });
    expect(lintReply(Buffer.alloc(0))).toMatchObject({ ok: true, kind: 'ack' });
    expect(codes(lintReply('success\n'))).toEqual(['ack_whitespace']);
  });

  it('answers for a body that is neither text nor bytes', () => {
    expect(lintReply(undefined as never)).toMatchObject({
      ok: false,
      kind: 'invalid',
      issues: [{ code: 'not_xml' }],
    });
  });

  it('refuses JSON, plain text and broken XML, saying where', () => {
    expect(lintReply('{"msgtype":"text"}')).toMatchObject({
      ok: false,
      kind: 'invalid',
      issues: [{ code: 'json' }],
    });
    expect(codes(lintReply('hello'))).toEqual(['not_xml']);
    const broken = lintReply('<xml><Content>hi</Contnet></xml>');
    expect(codes(broken)).toEqual(['malformed']);
    expect(broken.issues[0]?.message).toMatch(/line 1/);
    expect(codes(lintReply('<!DOCTYPE x><xml/>'))).toEqual(['malformed']);
  });

  it('finds missing common fields, unswapped ids, milliseconds and unknown MsgType', () => {
    expect(codes(lintReply('<xml><MsgType>text</MsgType><Content>x</Content></xml>'))).toEqual([
      'missing',
      'missing',
      'missing',
    ]);
    const unswapped = buildReply(
      { toUserName: 'oUser', fromUserName: 'gh_acc' },
      { type: 'text', content: 'x' },
      1,
    );
    expect(codes(lintReply(unswapped, { inbound }))).toEqual(['not_swapped']);
    const other = buildReply(
      { toUserName: 'gh_acc', fromUserName: 'oOther' },
      { type: 'text', content: 'x' },
      1,
    );
    expect(codes(lintReply(other, { inbound }))).toEqual(['to_mismatch']);
    expect(
      codes(lintReply(reply({ type: 'text', content: 'x' }).replace('1700000000', '1700000000000'))),
    ).toEqual(['create_time_ms']);
    expect(codes(lintReply(reply({ type: 'text', content: 'x' }), { now: 1800000000 }))).toEqual([
      'create_time_skew',
    ]);
    expect(codes(lintReply(reply({ type: 'text', content: 'x' }).replace('[text]', '[event]')))).toEqual([
      'msg_type',
    ]);
  });

  it('checks each type’s body: media wrapper, empty content, news counts', () => {
    const img = reply({ type: 'image', mediaId: 'm' }).replace(
      '<Image><MediaId><![CDATA[m]]></MediaId></Image>',
      '<MediaId>m</MediaId>',
    );
    const r = lintReply(img);
    expect(codes(r)).toEqual(['media_outside', 'unknown_field']);
    expect(r.issues[0]).toMatchObject({ params: { wrapper: 'Image' } });
    expect(r.issues[0]?.message).toMatch(/inside <Image>/);
    expect(codes(lintReply(reply({ type: 'text', content: '' })))).toEqual(['empty_content']);
    const three = buildReply(
      inbound,
      { type: 'news', articles: [1, 2, 3].map((i) => ({ title: `t${i}`, url: 'u' })) },
      1,
      { maxArticles: 8 },
    );
    expect(codes(lintReply(three))).toEqual(['one_article']);
    expect(codes(lintReply(three.replace('<ArticleCount>3', '<ArticleCount>2')))).toEqual([
      'article_count',
      'one_article',
    ]);
    expect(codes(lintReply(reply({ type: 'music', thumbMediaId: '' })))).toEqual(['thumb_media_id']);
  });

  it('accepts the legacy FuncFlag silently but flags other extra elements', () => {
    const x = reply({ type: 'text', content: 'x' });
    expect(codes(lintReply(x.replace('</xml>', '<FuncFlag>0</FuncFlag></xml>')))).toEqual([]);
    expect(codes(lintReply(x.replace('</xml>', '<Extra>0</Extra></xml>')))).toEqual(['unknown_field']);
  });

  it('requires encryption in safe mode and refuses it in plain mode', () => {
    expect(codes(lintReply(reply({ type: 'text', content: 'x' }), { mode: 'safe' }))).toEqual([
      'not_encrypted',
    ]);
    const env = seal(reply({ type: 'text', content: 'x' }));
    expect(lintReply(env, { mode: 'safe', crypto, inbound })).toMatchObject({
      ok: true,
      encrypted: true,
      msgType: 'text',
    });
    expect(codes(lintReply(env, { mode: 'plain', crypto }))).toContain('unexpected_encryption');
    expect(codes(lintReply(env, { mode: 'safe' }))).toEqual(['not_checked']);
  });

  it('lints inside an envelope and reports envelope faults with their step', () => {
    expect(
      codes(
        lintReply(seal(reply({ type: 'text', content: 'x' })), {
          crypto,
          inbound: { toUserName: 'gh_acc', fromUserName: 'oX' },
        }),
      ),
    ).toEqual(['to_mismatch']);
    expect(
      lintReply(seal(reply({ type: 'text', content: 'x' }), 'wxother'), { crypto }).issues,
    ).toMatchObject([{ code: 'envelope_open', params: { step: 'appid', code: '-40005' } }]);
    expect(
      lintReply(seal(reply({ type: 'text', content: 'x' })), { crypto: { ...crypto, token: 'zz' } }).issues,
    ).toMatchObject([{ code: 'envelope_open', params: { step: 'signature', code: '-40001' } }]);
    expect(codes(lintReply(seal('success'), { crypto }))).toEqual(['encrypted_ack']);
  });

  it('lints the plaintext an envelope carries when it is known without the keys, never the envelope as a message', () => {
    const inner = reply({ type: 'text', content: 'x' });
    const env = seal(inner);
    const r = lintReply(env, { mode: 'safe', inbound, inner });
    expect(r).toMatchObject({ ok: true, kind: 'reply', encrypted: true, msgType: 'text', issues: [] });
    // What it carries is judged as the reply: a missing MsgType inside is the finding, not the envelope's.
    const broken = lintReply(seal(inner.replace(/<MsgType>.*<\/MsgType>/, '')), {
      mode: 'safe',
      inner: inner.replace(/<MsgType>.*<\/MsgType>/, ''),
    });
    expect(codes(broken)).toEqual(['missing', 'unknown_field']);
    expect(broken.issues[0]?.params).toEqual({ element: '<MsgType>' });
    // With the keys, the envelope itself is opened and they win over the kept plaintext.
    expect(codes(lintReply(seal(inner), { crypto: { ...crypto, token: 'zz' }, inner }))).toEqual([
      'envelope_open',
    ]);
  });

  it('names what each message needs in its params, for the UI to word it', () => {
    const x = reply({ type: 'text', content: 'x' });
    expect(lintReply(x, { inbound: { toUserName: 'gh_acc', fromUserName: 'oOther' } }).issues).toMatchObject([
      { code: 'to_mismatch', params: { expected: 'oOther' } },
    ]);
    expect(lintReply(x.replace('[text]', '[event]')).issues).toMatchObject([
      { code: 'msg_type', params: { type: 'event' } },
    ]);
    expect(lintReply('<xml><Content>hi</Contnet></xml>').issues[0]?.params.detail).toMatch(/line 1/);
  });
});
