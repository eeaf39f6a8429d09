import type { AesKey } from './aes-key';
import { WechatProtocolError } from './errors';
import { inboundFromFields } from './inbound-parse';
import type { InboundMessage } from './inbound-types';
import { decryptMessage } from './message-crypto';
import { verifyMsgSignature, verifySignature } from './signature';
import { parseXmlDocument, textOf, type XmlFields } from './xml-codec';

/**
 * One callback request from query + raw body to a typed message (docs/wechat-protocol.md §1, §2.1,
 * §4.2, docs/architecture.md §4): signature -> (aes: msg_signature -> decrypt) -> parse. Every failure
 * is a WechatProtocolError naming its step.
 */
export type CallbackQuery = URLSearchParams | Record<string, string | undefined>;

function param(q: CallbackQuery, name: string): string | undefined {
  if (q instanceof URLSearchParams) return q.get(name) ?? undefined;
  const v = q[name];
  return typeof v === 'string' ? v : undefined;
}

/**
 * GET verification (§1): returns the body to send back, or throws ('signature'). Official Accounts
 * send a plain `echostr` signed with `signature`. The WeCom variant (no `signature`, a
 * `msg_signature` over an encrypted echostr, vector V3(c)) is kept as a fallback when a key is given.
 */
export function checkUrlVerification(
  query: CallbackQuery,
  token: string,
  fallback: { aesKey?: AesKey | string; appId?: string } = {},
): string {
  const timestamp = param(query, 'timestamp') ?? '';
  const nonce = param(query, 'nonce') ?? '';
  const echostr = param(query, 'echostr') ?? '';
  const msgSignature = param(query, 'msg_signature');
  if (
    param(query, 'signature') === undefined &&
    msgSignature !== undefined &&
    fallback.aesKey !== undefined
  ) {
    if (!verifyMsgSignature(token, timestamp, nonce, echostr, msgSignature)) {
      throw new WechatProtocolError(
        'signature',
        'msg_signature does not match Token, timestamp, nonce and echostr',
      );
    }
    return decryptMessage(fallback.aesKey, echostr, fallback.appId).xml;
  }
  if (!verifySignature(token, timestamp, nonce, param(query, 'signature'))) {
    throw new WechatProtocolError('signature', 'signature does not match Token, timestamp and nonce');
  }
  return echostr;
}

export interface OpenRequestInput {
  query: CallbackQuery;
  body: string | Uint8Array;
  token: string;
  /** Needed when the request is encrypted (`encrypt_type=aes`). */
  aesKey?: AesKey | string;
  /** The AppID the plaintext trailer must carry (component AppID for third-party traffic, §11.6). */
  appId?: string;
  /**
   * Third-party platform pushes are checked with msg_signature; some carry no plain `signature`.
   * Default true: the plain `signature` must be present and valid (§1 notes).
   */
  requirePlainSignature?: boolean;
  maxBytes?: number;
}

export interface OpenedRequest {
  /** True when the body was decrypted (compatible or safe mode). */
  encrypted: boolean;
  /** The plaintext message XML. */
  xml: string;
  message: InboundMessage;
  /** Fields of the outer body (the envelope when encrypted). */
  outer: XmlFields;
}

export function openCallbackRequest(input: OpenRequestInput): OpenedRequest {
  const { query, token } = input;
  const timestamp = param(query, 'timestamp') ?? '';
  const nonce = param(query, 'nonce') ?? '';
  const signature = param(query, 'signature');
  if ((input.requirePlainSignature ?? true) || signature !== undefined) {
    if (!verifySignature(token, timestamp, nonce, signature)) {
      throw new WechatProtocolError('signature', 'signature does not match Token, timestamp and nonce');
    }
  }
  const opts = { maxBytes: input.maxBytes };
  if ((param(query, 'encrypt_type') ?? 'raw').toLowerCase() !== 'aes') {
    const outer = parseXmlDocument(input.body, opts);
    const xml = typeof input.body === 'string' ? input.body : Buffer.from(input.body).toString('utf8');
    return { encrypted: false, xml, message: inboundFromFields(outer), outer };
  }
  const outer = parseXmlDocument(input.body, opts);
  const encrypt = textOf(outer.Encrypt);
  if (encrypt === '') throw new WechatProtocolError('xml', 'encrypt_type=aes but the body has no <Encrypt>');
  if (!verifyMsgSignature(token, timestamp, nonce, encrypt, param(query, 'msg_signature'))) {
    throw new WechatProtocolError(
      'signature',
      'msg_signature does not match Token, timestamp, nonce and Encrypt',
    );
  }
  if (input.aesKey === undefined)
    throw new WechatProtocolError('key', 'the request is encrypted but no EncodingAESKey is set');
  const { xml } = decryptMessage(input.aesKey, encrypt, input.appId);
  return { encrypted: true, xml, message: inboundFromFields(parseXmlDocument(xml, opts)), outer };
}
