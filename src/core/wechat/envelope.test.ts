import { describe, expect, it } from 'vitest';
import { buildEncryptedEnvelope, openEncryptedEnvelope, parseEncryptedEnvelope } from './envelope';
import { WechatProtocolError } from './errors';
import { V1, V3, V4 } from './vectors.fixture';

describe('encrypted reply envelope (§4.2)', () => {
  it('reproduces the published V3(b) envelope byte for byte', () => {
    const r = V3.reply;
    const env = buildEncryptedEnvelope({
      xml: r.xml,
      token: V3.token,
      aesKey: V3.aesKey,
      appId: V3.appId,
      timestamp: r.timestamp,
      nonce: r.nonce,
      random: r.random,
    });
    expect(env).toBe(r.envelope);
  });

  it('builds the V4 reply for the V1 account with its MsgSignature', () => {
    const env = buildEncryptedEnvelope({
      xml: V4.xml,
      token: V1.token,
      aesKey: V1.aesKey,
      appId: V1.appId,
      timestamp: Number(V4.timestamp),
      nonce: V4.nonce,
      random: V4.random,
    });
    expect(parseEncryptedEnvelope(env)).toEqual({
      encrypt: V4.encrypt,
      msgSignature: V4.msgSignature,
      timeStamp: V4.timestamp,
      nonce: V4.nonce,
    });
  });

  it('opens an envelope as WeChat would, and refuses a tampered signature or AppID', () => {
    const opened = openEncryptedEnvelope({
      envelope: V3.reply.envelope,
      token: V3.token,
      aesKey: V3.aesKey,
      appId: V3.appId,
    });
    expect(opened.xml).toBe(V3.reply.xml);
    const tampered = V3.reply.envelope.replace('407518b7', '407518b8');
    expect(() => openEncryptedEnvelope({ envelope: tampered, token: V3.token, aesKey: V3.aesKey })).toThrow(
      expect.objectContaining({ step: 'signature', code: -40001 }),
    );
    expect(() =>
      openEncryptedEnvelope({
        envelope: V3.reply.envelope,
        token: V3.token,
        aesKey: V3.aesKey,
        appId: 'wxother',
      }),
    ).toThrow(expect.objectContaining({ step: 'appid' }));
  });

  it('says when the envelope has no Encrypt', () => {
    expect(() => parseEncryptedEnvelope('<xml><MsgSignature>x</MsgSignature></xml>')).toThrow(
      WechatProtocolError,
    );
  });
});
