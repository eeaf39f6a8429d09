import { describe, expect, it } from 'vitest';
import {
  buildVerificationRequest,
  buildWechatRequest,
  eventXml,
  readReplyAsWechat,
  textMessageXml,
  type WechatMode,
} from './wechat-side';
import { buildEncryptedEnvelope } from '../../src/core/wechat/envelope';
import { buildReply } from '../../src/core/wechat/reply-builder';
import { checkUrlVerification, openCallbackRequest } from '../../src/core/wechat/request';
import { V1, V1_REQUEST } from '../../src/core/wechat/vectors.fixture';

const account = (mode: WechatMode) => ({ token: V1.token, appId: V1.appId, aesKey: V1.aesKey, mode });

describe('test/helpers/wechat-side', () => {
  it('rebuilds the published V1 request exactly from its plaintext', () => {
    const r = buildWechatRequest(account('safe'), V1.xml, {
      timestamp: V1.timestamp,
      nonce: V1.nonce,
      random: V1.random,
    });
    expect(`/wx?${r.query}`).toBe(V1_REQUEST.path);
    expect(r.body).toBe(V1_REQUEST.body);
  });

  it.each(['plain', 'compatible', 'safe'] as const)('%s requests open into the same message', (mode) => {
    const xml = textMessageXml({ to: 'gh_1', from: 'oUser', content: 'hi ]]> 你好' });
    const r = buildWechatRequest(account(mode), xml);
    const opened = openCallbackRequest({
      query: r.params,
      body: r.body,
      token: V1.token,
      aesKey: V1.aesKey,
      appId: V1.appId,
    });
    expect(opened.encrypted).toBe(mode !== 'plain');
    expect(opened.message).toMatchObject({ type: 'text', content: 'hi ]]> 你好', fromUserName: 'oUser' });
    expect(r.params.openid).toBe('oUser');
    if (mode === 'compatible') expect(opened.outer.Content).toBe('hi ]]> 你好');
  });

  it('builds a component push with AppId and no openid (§11.2)', () => {
    const xml =
      '<xml><AppId>wxb11529c136998cb6</AppId><CreateTime>1</CreateTime><InfoType>component_verify_ticket</InfoType><ComponentVerifyTicket>t</ComponentVerifyTicket></xml>';
    const r = buildWechatRequest(account('safe'), xml);
    expect(r.params.openid).toBeUndefined();
    expect(r.body.startsWith('<xml><AppId>')).toBe(true);
    const opened = openCallbackRequest({
      query: r.params,
      body: r.body,
      token: V1.token,
      aesKey: V1.aesKey,
      appId: V1.appId,
    });
    expect(opened.message).toMatchObject({ type: 'component', ticket: 't' });
  });

  it('builds a GET verification that our check accepts', () => {
    const r = buildVerificationRequest(V1.token, { echostr: 'abc123' });
    expect(checkUrlVerification(r.params, V1.token)).toBe('abc123');
  });

  it('reads replies as WeChat: ack, plain, encrypted; refuses plain in safe mode and a bad envelope', () => {
    const acc = account('safe');
    expect(readReplyAsWechat(acc, 'success').kind).toBe('ack');
    const reply = buildReply(
      { toUserName: 'gh_1', fromUserName: 'oUser' },
      { type: 'text', content: 'ok' },
      5,
    );
    expect(() => readReplyAsWechat(acc, reply)).toThrow(/safe mode/);
    expect(readReplyAsWechat(account('compatible'), reply)).toMatchObject({
      kind: 'plain',
      fields: { Content: 'ok' },
    });
    const env = buildEncryptedEnvelope({
      xml: reply,
      token: V1.token,
      aesKey: V1.aesKey,
      appId: V1.appId,
      timestamp: 5,
      nonce: 'n',
      random: V1.random,
    });
    expect(readReplyAsWechat(acc, env)).toMatchObject({
      kind: 'encrypted',
      xml: reply,
      fields: { ToUserName: 'oUser' },
    });
    expect(() => readReplyAsWechat({ ...acc, token: 'other' }, env)).toThrow(
      expect.objectContaining({ step: 'signature' }),
    );
  });

  it('event helper gives a parseable event', () => {
    const r = buildWechatRequest(
      account('plain'),
      eventXml({ to: 'gh', from: 'o', event: 'CLICK', extra: '<EventKey>K</EventKey>' }),
    );
    expect(openCallbackRequest({ query: r.params, body: r.body, token: V1.token }).message).toMatchObject({
      event: 'CLICK',
      eventKey: 'K',
    });
  });
});
