import { describe, expect, it } from 'vitest';
import type { CallbackEntryDto } from '../../shared/api/areas/callbacks';
import { buildEncryptedEnvelope, buildReply } from '../wechat';
import { lintLoggedReply } from './logged-reply-lint';

const inboundXml = `<xml><ToUserName><![CDATA[gh_acc]]></ToUserName><FromUserName><![CDATA[oFan]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hi]]></Content></xml>`;
const KEYS = {
  token: 'tokenABC123',
  aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  appId: 'wx1234567890abcdef',
};
const plainReply = buildReply(
  { toUserName: 'gh_acc', fromUserName: 'oFan' },
  { type: 'text', content: 'x' },
  1700000001,
);
const creds = {
  id: 'a',
  appId: KEYS.appId,
  mode: 'safe' as const,
  token: KEYS.token,
  encodingAESKey: KEYS.aesKey,
};

/** A logged entry as callbacks.get reads it; override what the case is about. */
function entry(over: Partial<CallbackEntryDto>): CallbackEntryDto {
  return {
    msgType: 'text',
    status: 200,
    at: 1700000001000,
    query: {},
    rawBody: inboundXml,
    decryptedXml: null,
    replyPlain: plainReply,
    replyBody: plainReply,
    ...over,
  } as CallbackEntryDto;
}

describe('lintLoggedReply', () => {
  it('judges the reply against the message it answers, at the time it was sent', () => {
    expect(lintLoggedReply(entry({}), undefined)).toEqual({
      kind: 'reply',
      encrypted: false,
      msgType: 'text',
      findings: [],
    });
    const unswapped = plainReply
      .replace('[oFan]', '[tmp]')
      .replace('[gh_acc]', '[oFan]')
      .replace('[tmp]', '[gh_acc]');
    expect(lintLoggedReply(entry({ replyBody: unswapped, replyPlain: unswapped }), undefined)).toMatchObject({
      kind: 'invalid',
      findings: [{ severity: 'error', code: 'not_swapped' }],
    });
  });

  it('an error status is a rejection; a request without a message has no reply to judge', () => {
    expect(lintLoggedReply(entry({ status: 500 }), creds)).toEqual({
      kind: 'rejected',
      encrypted: false,
      msgType: null,
      findings: [],
    });
    expect(lintLoggedReply(entry({ msgType: null }), creds)).toBeNull();
  });

  it('opens an encrypted reply with the account keys and lints inside; a plain reply to an encrypted request fails in safe mode only', () => {
    const seal = (xml: string, token = KEYS.token) =>
      buildEncryptedEnvelope({
        xml,
        token,
        aesKey: KEYS.aesKey,
        appId: KEYS.appId,
        timestamp: 1700000001,
        nonce: '42',
        random: 'a'.repeat(16),
      });
    const envelope = seal(plainReply);
    const aes = { query: { encrypt_type: 'aes' }, decryptedXml: inboundXml };
    // Opened with the keys: what it carries is the reply, even when the log kept no plaintext.
    expect(lintLoggedReply(entry({ ...aes, replyBody: envelope, replyPlain: null }), creds)).toEqual({
      kind: 'reply',
      encrypted: true,
      msgType: 'text',
      findings: [],
    });
    // With the keys, an envelope WeChat could not open is the finding, whatever the log kept.
    expect(
      lintLoggedReply(entry({ ...aes, replyBody: seal(plainReply, 'otherToken') }), creds),
    ).toMatchObject({
      kind: 'invalid',
      findings: [{ code: 'envelope_open', params: { step: 'signature' } }],
    });
    expect(lintLoggedReply(entry(aes), creds)).toMatchObject({
      kind: 'invalid',
      findings: [{ code: 'not_encrypted' }],
    });
    expect(lintLoggedReply(entry(aes), { ...creds, mode: 'compatible' })).toMatchObject({
      kind: 'reply',
      findings: [],
    });
  });
});
