import type { MessageMode } from '../../shared/api/areas/accounts';
import type { Runtime } from '../runtime';
import { cdata, computeMsgSignature, computeSignature, encryptMessage } from '../wechat';

/** Elements WeChat sends without CDATA (§0: numbers never are). */
const BARE = new Set([
  'CreateTime',
  'MsgId',
  'MsgID',
  'Idx',
  'MsgDataId',
  'Location_X',
  'Location_Y',
  'Scale',
]);

/** A message's fields as WeChat's XML (§2): `<xml>`, CDATA text, bare numbers. */
export function fieldsToXml(fields: Record<string, string>): string {
  let out = '<xml>';
  for (const [k, v] of Object.entries(fields)) {
    out += BARE.has(k) && /^-?[0-9.]+$/.test(v) ? `<${k}>${v}</${k}>` : `<${k}>${cdata(v)}</${k}>`;
  }
  return `${out}</xml>`;
}

export interface WechatRequestParts {
  token: string;
  appId: string;
  encodingAESKey?: string;
  mode: MessageMode;
  /** The plain message XML. */
  xml: string;
  toUserName: string;
  openid: string;
  timestamp: string;
  nonce: string;
  /** 16-char random prefix for the encryption (§4.2). */
  random16: string;
}

/**
 * A POST exactly as WeChat builds it (docs/wechat-protocol.md §2.1, §4.1-§4.2): the query with
 * signature/timestamp/nonce/openid, and in compatible/safe mode `encrypt_type=aes` plus
 * `msg_signature` over the `<Encrypt>`; safe bodies carry only ToUserName and Encrypt, compatible
 * bodies carry the plain fields too.
 */
export function buildWechatRequest(p: WechatRequestParts): { search: string; body: string } {
  const q = new URLSearchParams({
    signature: computeSignature(p.token, p.timestamp, p.nonce),
    timestamp: p.timestamp,
    nonce: p.nonce,
    openid: p.openid,
  });
  if (p.mode === 'plain') return { search: `?${q.toString()}`, body: p.xml };
  if (!p.encodingAESKey) throw new Error(`${p.mode} mode needs the account's EncodingAESKey`);
  const encrypt = encryptMessage(p.encodingAESKey, p.xml, p.appId, p.random16);
  q.set('encrypt_type', 'aes');
  q.set('msg_signature', computeMsgSignature(p.token, p.timestamp, p.nonce, encrypt));
  const enc = `<Encrypt>${cdata(encrypt)}</Encrypt>`;
  const body =
    p.mode === 'safe'
      ? `<xml><ToUserName>${cdata(p.toUserName)}</ToUserName>${enc}</xml>`
      : p.xml.replace(/<\/xml>\s*$/, `${enc}</xml>`);
  return { search: `?${q.toString()}`, body };
}

/** A nonce as WeChat sends them: decimal digits, no leading zero. */
export function randomDigits(rt: Runtime, n: number): string {
  let s = '';
  for (const b of rt.random.bytes(n)) s += String(b % 10);
  return s.replace(/^0/, '1');
}
