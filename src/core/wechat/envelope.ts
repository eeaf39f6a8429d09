import { toAesKey, type AesKey } from './aes-key';
import { WechatProtocolError } from './errors';
import { decryptMessage, encryptMessage } from './message-crypto';
import { computeMsgSignature, verifyMsgSignature } from './signature';
import { cdata, parseXmlDocument, textOf, type ParseXmlOptions } from './xml-codec';

/**
 * The encrypted reply envelope (docs/wechat-protocol.md §4.2): Encrypt, MsgSignature, TimeStamp, Nonce,
 * one per line exactly as wechatpy produces it (vector V3(b) byte for byte). MsgSignature is
 * computed with the TimeStamp and Nonce written into the envelope.
 */
export interface EnvelopeFields {
  encrypt: string;
  msgSignature: string;
  timeStamp: string;
  nonce: string;
}

export function formatEnvelope(f: EnvelopeFields): string {
  return (
    `<xml>\n<Encrypt>${cdata(f.encrypt)}</Encrypt>\n` +
    `<MsgSignature>${cdata(f.msgSignature)}</MsgSignature>\n` +
    `<TimeStamp>${f.timeStamp}</TimeStamp>\n` +
    `<Nonce>${cdata(f.nonce)}</Nonce>\n</xml>`
  );
}

export interface BuildEnvelopeInput {
  /** The plaintext reply XML. */
  xml: string;
  token: string;
  aesKey: AesKey | string;
  appId: string;
  /** Unix seconds, as a string or number (the request's, or now). */
  timestamp: string | number;
  nonce: string;
  /** The 16-byte random prefix (see encryptMessage). */
  random: string | Uint8Array;
}

export function buildEncryptedEnvelope(input: BuildEnvelopeInput): string {
  const timeStamp = String(input.timestamp);
  const encrypt = encryptMessage(toAesKey(input.aesKey), input.xml, input.appId, input.random);
  const msgSignature = computeMsgSignature(input.token, timeStamp, input.nonce, encrypt);
  return formatEnvelope({ encrypt, msgSignature, timeStamp, nonce: input.nonce });
}

/** Reads the four envelope fields; throws WechatProtocolError('xml') when Encrypt is missing. */
export function parseEncryptedEnvelope(xml: string | Uint8Array, options?: ParseXmlOptions): EnvelopeFields {
  const f = parseXmlDocument(xml, options);
  if (typeof f.Encrypt !== 'string' || f.Encrypt === '') {
    throw new WechatProtocolError('xml', 'the envelope has no <Encrypt> element');
  }
  return {
    encrypt: f.Encrypt,
    msgSignature: textOf(f.MsgSignature),
    timeStamp: textOf(f.TimeStamp),
    nonce: textOf(f.Nonce),
  };
}

export interface OpenEnvelopeInput {
  envelope: string | Uint8Array;
  token: string;
  aesKey: AesKey | string;
  /** When given, the trailer AppID must match. */
  appId?: string;
}

/**
 * Verifies and decrypts an encrypted reply envelope the way WeChat would: MsgSignature over the
 * envelope's own TimeStamp and Nonce, then decrypt and check the AppID.
 */
export function openEncryptedEnvelope(
  input: OpenEnvelopeInput,
): EnvelopeFields & { xml: string; appId: string } {
  const f = parseEncryptedEnvelope(input.envelope);
  if (!verifyMsgSignature(input.token, f.timeStamp, f.nonce, f.encrypt, f.msgSignature)) {
    throw new WechatProtocolError('signature', 'MsgSignature does not match the envelope');
  }
  const { xml, appId } = decryptMessage(input.aesKey, f.encrypt, input.appId);
  return { ...f, xml, appId };
}
