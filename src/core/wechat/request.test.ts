import { describe, expect, it } from 'vitest';
import { buildWechatRequest } from '../../../test/helpers/wechat-side';
import { encryptMessage } from './message-crypto';
import { checkUrlVerification, openCallbackRequest } from './request';
import { computeMsgSignature } from './signature';
import { V0, V1, V1_REQUEST, V3 } from './vectors.fixture';

const v1Query = () => new URL(`http://x${V1_REQUEST.path}`).searchParams;

describe('GET verification (§1)', () => {
  it('returns echostr exactly for the V0 signature', () => {
    const q = { signature: V0.signature, timestamp: V0.timestamp, nonce: V0.nonce, echostr: 'abc123' };
    expect(checkUrlVerification(q, V0.token)).toBe('abc123');
  });

  it('WeCom fallback: decrypts the V3(c) echostr, refuses the off-by-one nonce', () => {
    const e = V3.echo;
    const q = { timestamp: e.timestamp, nonce: e.nonce, msg_signature: e.msgSignature, echostr: e.echostr };
    expect(checkUrlVerification(q, V3.token, { aesKey: V3.aesKey, appId: V3.appId })).toBe(e.plain);
    expect(() => checkUrlVerification({ ...q, nonce: e.badNonce }, V3.token, { aesKey: V3.aesKey })).toThrow(
      expect.objectContaining({ step: 'signature' }),
    );
    // Without a key the plain rule applies, and there is no plain signature.
    expect(() => checkUrlVerification(q, V3.token)).toThrow(expect.objectContaining({ step: 'signature' }));
  });

  it('refuses the wrong V0 signature', () => {
    const q = { signature: V0.badSignature, timestamp: V0.timestamp, nonce: V0.nonce, echostr: 'abc123' };
    expect(() => checkUrlVerification(q, V0.token)).toThrow(expect.objectContaining({ step: 'signature' }));
  });
});

describe('POST (§2, §4)', () => {
  it('opens the assembled V1 safe-mode request into a text message', () => {
    const r = openCallbackRequest({
      query: v1Query(),
      body: V1_REQUEST.body,
      token: V1.token,
      aesKey: V1.aesKey,
      appId: V1.appId,
    });
    expect(r.encrypted).toBe(true);
    expect(r.xml).toBe(V1.xml);
    expect(r.message).toMatchObject({
      type: 'text',
      toUserName: 'asdasdasd',
      fromUserName: 'asdasdasdsadasd',
      createTime: 1234567898,
      content: 'hello',
      msgId: '12345',
    });
    expect(r.message.raw.URL).toBe('http://wechat.laravel.so/server');
  });

  it('names the failing step: signature, msg_signature, appid, key', () => {
    const bad = v1Query();
    bad.set('signature', V0.signature);
    const base = { body: V1_REQUEST.body, token: V1.token, aesKey: V1.aesKey, appId: V1.appId };
    expect(() => openCallbackRequest({ ...base, query: bad })).toThrow(
      expect.objectContaining({ step: 'signature' }),
    );
    const badMsg = v1Query();
    badMsg.set('msg_signature', 'invalid-signature');
    expect(() => openCallbackRequest({ ...base, query: badMsg })).toThrow(
      expect.objectContaining({ step: 'signature' }),
    );
    expect(() => openCallbackRequest({ ...base, query: v1Query(), appId: 'invalid appid' })).toThrow(
      expect.objectContaining({ step: 'appid', code: -40005 }),
    );
    expect(() => openCallbackRequest({ ...base, query: v1Query(), aesKey: undefined })).toThrow(
      expect.objectContaining({ step: 'key' }),
    );
  });

  it('reads a plaintext request (no encrypt_type) from bytes', () => {
    const q = { signature: V0.signature, timestamp: V0.timestamp, nonce: V0.nonce, openid: 'o1' };
    const body = Buffer.from(
      '<xml><ToUserName>gh_1</ToUserName><FromUserName>o1</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>hi</Content><MsgId>9</MsgId></xml>',
    );
    const r = openCallbackRequest({ query: q, body, token: V0.token });
    expect(r.encrypted).toBe(false);
    expect(r.message).toMatchObject({ type: 'text', content: 'hi' });
  });

  it('allows a push without the plain signature only when told to', () => {
    const q = v1Query();
    q.delete('signature');
    const base = { body: V1_REQUEST.body, token: V1.token, aesKey: V1.aesKey, appId: V1.appId, query: q };
    expect(() => openCallbackRequest(base)).toThrow(expect.objectContaining({ step: 'signature' }));
    expect(openCallbackRequest({ ...base, requirePlainSignature: false }).message.type).toBe('text');
  });

  it('refuses a DTD hidden inside the encrypted plaintext', () => {
    const lol =
      '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><xml><Content>&b;</Content></xml>';
    const r = buildWechatRequest(
      { token: V1.token, appId: V1.appId, aesKey: V1.aesKey, mode: 'safe' },
      '<xml/>',
    );
    const encrypt = encryptMessage(V1.aesKey, lol, V1.appId, V1.random);
    const query = {
      ...r.params,
      msg_signature: computeMsgSignature(V1.token, r.params.timestamp ?? '', r.params.nonce ?? '', encrypt),
    };
    const body = `<xml><ToUserName><![CDATA[gh]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`;
    expect(() =>
      openCallbackRequest({ query, body, token: V1.token, aesKey: V1.aesKey, appId: V1.appId }),
    ).toThrow(expect.objectContaining({ step: 'xml', message: expect.stringMatching(/DTD/) }));
  });
});
