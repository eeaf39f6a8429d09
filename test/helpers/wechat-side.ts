/**
 * "WeChat side" for integration tests: builds callback requests exactly as WeChat sends them
 * (docs/wechat-protocol.md §1, §2.1, §4.1-§4.2, §11.2) and reads our replies the way WeChat does.
 * Deterministic by default (fixed timestamp, nonce, random); override per call.
 */
import {
  cdata,
  computeMsgSignature,
  computeSignature,
  encryptMessage,
  openEncryptedEnvelope,
  parseXmlDocument,
  textOf,
  type XmlFields,
} from '../../src/core/wechat';

export type WechatMode = 'plain' | 'compatible' | 'safe';

export interface WechatSideAccount {
  token: string;
  /** The AppID in the encrypted trailer (component AppID for third-party traffic, §11.6). */
  appId: string;
  /** Required for compatible and safe mode. */
  aesKey?: string;
  mode: WechatMode;
}

export interface WechatRequestOptions {
  timestamp?: string | number;
  nonce?: string;
  /** Defaults to the message's FromUserName; absent for component pushes. */
  openid?: string | null;
  /** 16-byte random prefix of the encrypted plaintext. */
  random?: string;
}

export interface WechatRequest {
  /** Query parameters in WeChat's order. */
  params: Record<string, string>;
  /** `signature=...&timestamp=...` (no leading `?`). */
  query: string;
  body: string;
  headers: Record<string, string>;
  /** `${base}${path}?${query}`. */
  url(base: string, path?: string): string;
}

export const DEFAULT_TIMESTAMP = '1700000000';
/** Now, in WeChat's seconds: what a request to a live listener carries (it refuses old timestamps). */
export const nowTimestamp = (): string => String(Math.floor(Date.now() / 1000));
export const DEFAULT_NONCE = '1234567890';
export const DEFAULT_RANDOM = 'abcdefghijklmnop';

function finish(params: Record<string, string>, body: string): WechatRequest {
  const query = new URLSearchParams(params).toString();
  return {
    params,
    query,
    body,
    headers: { 'content-type': 'text/xml' },
    url: (base, path = '') => `${base}${path}?${query}`,
  };
}

/** GET server verification (§1). */
export function buildVerificationRequest(
  token: string,
  opts: { timestamp?: string | number; nonce?: string; echostr?: string } = {},
): WechatRequest {
  const timestamp = String(opts.timestamp ?? DEFAULT_TIMESTAMP);
  const nonce = opts.nonce ?? DEFAULT_NONCE;
  return finish(
    {
      signature: computeSignature(token, timestamp, nonce),
      timestamp,
      nonce,
      echostr: opts.echostr ?? 'echo-5927782489',
    },
    '',
  );
}

/** A POST carrying `xml` for the account's mode: signed, and encrypted for compatible/safe (§4.1). */
export function buildWechatRequest(
  account: WechatSideAccount,
  xml: string,
  opts: WechatRequestOptions = {},
): WechatRequest {
  const timestamp = String(opts.timestamp ?? DEFAULT_TIMESTAMP);
  const nonce = opts.nonce ?? DEFAULT_NONCE;
  const fields = parseXmlDocument(xml);
  const params: Record<string, string> = {
    signature: computeSignature(account.token, timestamp, nonce),
    timestamp,
    nonce,
  };
  const openid = opts.openid === undefined ? textOf(fields.FromUserName) : opts.openid;
  if (openid) params.openid = openid;
  if (account.mode === 'plain') return finish(params, xml);

  if (!account.aesKey) throw new Error(`mode ${account.mode} needs an aesKey`);
  const encrypt = encryptMessage(account.aesKey, xml, account.appId, opts.random ?? DEFAULT_RANDOM);
  params.encrypt_type = 'aes';
  params.msg_signature = computeMsgSignature(account.token, timestamp, nonce, encrypt);
  let body: string;
  if (account.mode === 'compatible') {
    // Compatible mode: the plaintext fields and an <Encrypt> element side by side.
    const at = xml.lastIndexOf('</xml>');
    body = `${xml.slice(0, at)}<Encrypt>${cdata(encrypt)}</Encrypt>\n${xml.slice(at)}`;
  } else if ('InfoType' in fields && !('ToUserName' in fields)) {
    // Third-party platform system push (§11.2): AppId instead of ToUserName.
    body = `<xml><AppId>${cdata(textOf(fields.AppId) || account.appId)}</AppId><Encrypt>${cdata(encrypt)}</Encrypt></xml>`;
  } else {
    body = `<xml>\n    <ToUserName>${cdata(textOf(fields.ToUserName))}</ToUserName>\n    <Encrypt>${cdata(encrypt)}</Encrypt>\n</xml>\n`;
  }
  return finish(params, body);
}

export type WechatReadReply =
  | { kind: 'ack'; body: string }
  | { kind: 'plain'; xml: string; fields: XmlFields }
  | { kind: 'encrypted'; xml: string; fields: XmlFields; timeStamp: string; nonce: string };

/**
 * Reads our reply as WeChat would: `success`/empty is an acknowledgement; an envelope must carry a
 * valid MsgSignature and decrypt with the account's key and AppID; anything else must be XML.
 * Throws (a WechatProtocolError) when WeChat would refuse it.
 */
export function readReplyAsWechat(account: WechatSideAccount, body: string): WechatReadReply {
  if (body === '' || body === 'success') return { kind: 'ack', body };
  const outer = parseXmlDocument(body);
  if (!('Encrypt' in outer)) {
    if (account.mode === 'safe') throw new Error('safe mode needs an encrypted reply (or success)');
    return { kind: 'plain', xml: body, fields: outer };
  }
  if (!account.aesKey) throw new Error('encrypted reply but the account has no aesKey');
  const opened = openEncryptedEnvelope({
    envelope: body,
    token: account.token,
    aesKey: account.aesKey,
    appId: account.appId,
  });
  return {
    kind: 'encrypted',
    xml: opened.xml,
    fields: parseXmlDocument(opened.xml),
    timeStamp: opened.timeStamp,
    nonce: opened.nonce,
  };
}

interface MessageHead {
  to: string;
  from: string;
  createTime?: number;
}

/** The four common fields (§2.2) in WeChat's order. */
function head(o: MessageHead, msgType: string): string {
  return (
    `<xml><ToUserName>${cdata(o.to)}</ToUserName><FromUserName>${cdata(o.from)}</FromUserName>` +
    `<CreateTime>${o.createTime ?? 1700000000}</CreateTime><MsgType>${cdata(msgType)}</MsgType>`
  );
}

/** A text message XML as WeChat sends it (§2.3), for tests that do not care about the details. */
export function textMessageXml(o: MessageHead & { content: string; msgId?: string }): string {
  return `${head(o, 'text')}<Content>${cdata(o.content)}</Content><MsgId>${o.msgId ?? '6574261948839470964'}</MsgId></xml>`;
}

/** An event XML (§2.4): `extra` is appended verbatim (e.g. `<EventKey>...</EventKey>`). */
export function eventXml(o: MessageHead & { event: string; extra?: string }): string {
  return `${head(o, 'event')}<Event>${cdata(o.event)}</Event>${o.extra ?? ''}</xml>`;
}
