import {
  isWechatProtocolError,
  parseXmlDocument,
  textOf,
  verifyMsgSignature,
  verifySignature,
  type AccountCredentials,
  type XmlFields,
} from '../wechat';
import { reject, textAnswer, type Answer, type InboundRequest } from './pipeline';
import type { AccountCrypto } from './reply-adapter';
import { timestampProblem } from './timestamp-window';

/** A POST that passed every check: its message and how it arrived. */
export interface Decoded {
  fields: XmlFields;
  aes: boolean;
  decryptedXml: string | null;
}

/** A request the checks stopped (or a verification GET, answered with its echo). */
export interface Refusal {
  answer: Answer;
  /** The signature (and timestamp) held before the refusal: the request is WeChat's. */
  verified: boolean;
  decryptedXml?: string;
  replyPlain?: string;
}

/** This machine's time and how far from it a signed POST's timestamp may lie (settings). */
export interface TimestampWindow {
  nowMs: number;
  windowS: number;
}

/**
 * The checks of docs/architecture.md §4 between the body and the handlers, as timed stages:
 * `verify` (signature §2.1, the timestamp window, msg_signature §4.2), `decrypt` and `parse`, and for
 * GET the URL verification (§1). Each refusal says why in its answer's detail. A verification GET
 * only echoes and changes nothing, so its timestamp is not held to the window.
 */
export function decodeRequest(
  req: InboundRequest,
  account: AccountCredentials,
  q: Map<string, string>,
  crypto: AccountCrypto,
  window: TimestampWindow,
): Decoded | Refusal {
  const sig = {
    token: account.token ?? '',
    timestamp: q.get('timestamp') ?? '',
    nonce: q.get('nonce') ?? '',
  };
  if (req.method === 'GET') return req.t.time('verify', () => verifyUrl(sig, q));
  return q.get('encrypt_type') === 'aes'
    ? decodeEncrypted(req, account, sig, q, crypto, window)
    : decodePlain(req, account, sig, q, window);
}

type Signed = { token: string; timestamp: string; nonce: string };

/** §2.1: plain mode signs the query only; the body is the message. */
function decodePlain(
  req: InboundRequest,
  account: AccountCredentials,
  s: Signed,
  q: Map<string, string>,
  window: TimestampWindow,
): Decoded | Refusal {
  const refusal = req.t.time('verify', () =>
    verifySignature(s.token, s.timestamp, s.nonce, q.get('signature'))
      ? staleRefusal(s.timestamp, window)
      : unsigned(q, 'signature'),
  );
  if (refusal) return refusal;
  if (req.body.length === 0)
    return signedRefusal(reject(400, 'empty_body', 'empty body', 'empty body (§2.1)'));
  const parsed = req.t.time('parse', () => parse(req.body, ''));
  if (!('fields' in parsed)) return parsed;
  if (account.mode === 'safe') {
    return signedRefusal(
      reject(
        400,
        'mode_mismatch',
        'encryption mode mismatch',
        'the account is in safe mode but the request is not encrypted',
      ),
    );
  }
  return message(parsed.fields, false, null);
}

/** §4.2: msg_signature over the `<Encrypt>` (and `signature` when present), then decryption. */
function decodeEncrypted(
  req: InboundRequest,
  account: AccountCredentials,
  s: Signed,
  q: Map<string, string>,
  crypto: AccountCrypto,
  window: TimestampWindow,
): Decoded | Refusal {
  if (req.body.length === 0) {
    return { answer: reject(400, 'empty_body', 'empty body', 'empty body (§2.1)'), verified: false };
  }
  const checked = req.t.time('verify', (): { encrypt: string } | Refusal => {
    let outer: XmlFields;
    try {
      outer = parseXmlDocument(req.body);
    } catch (e) {
      return { answer: reject(400, 'bad_request', 'malformed XML', protocolDetail(e)), verified: false };
    }
    const encrypt = textOf(outer.Encrypt);
    if (!encrypt) {
      return { answer: reject(400, 'bad_request', 'no Encrypt', 'no <Encrypt> element'), verified: false };
    }
    const ok =
      verifyMsgSignature(s.token, s.timestamp, s.nonce, encrypt, q.get('msg_signature')) &&
      (!q.has('signature') || verifySignature(s.token, s.timestamp, s.nonce, q.get('signature')));
    if (!ok) return unsigned(q, 'msg_signature');
    return staleRefusal(s.timestamp, window) ?? { encrypt };
  });
  if ('answer' in checked) return checked;
  if (account.mode === 'plain') {
    return signedRefusal(
      reject(
        400,
        'mode_mismatch',
        'encryption mode mismatch',
        'the account is in plain mode but the request is encrypted (encrypt_type=aes)',
      ),
    );
  }
  let xml: string;
  try {
    xml = req.t.time('decrypt', () => crypto.decrypt(account, checked.encrypt));
  } catch (e) {
    return signedRefusal(reject(400, 'decrypt_failed', 'cannot decrypt', protocolDetail(e)));
  }
  const parsed = req.t.time('parse', () => parse(xml, 'decrypted message: '));
  if (!('fields' in parsed)) return { ...parsed, decryptedXml: xml };
  return message(parsed.fields, true, xml);
}

/** §2.2: a message names its type and its sender. */
function message(fields: XmlFields, aes: boolean, decryptedXml: string | null): Decoded | Refusal {
  if (!textOf(fields.MsgType) || !textOf(fields.FromUserName)) {
    return {
      ...signedRefusal(
        reject(
          400,
          'bad_request',
          'not a WeChat message',
          'not a WeChat message: MsgType or FromUserName missing (§2.2)',
        ),
      ),
      decryptedXml: decryptedXml ?? undefined,
    };
  }
  return { fields, aes, decryptedXml };
}

/** The XML's fields, or the refusal of a document that does not parse. */
function parse(xml: Buffer | string, what: string): { fields: XmlFields } | Refusal {
  try {
    return { fields: parseXmlDocument(xml) };
  } catch (e) {
    return signedRefusal(reject(400, 'bad_request', 'malformed XML', `${what}${protocolDetail(e)}`));
  }
}

const signedRefusal = (answer: Answer): Refusal => ({ answer, verified: true });

function unsigned(q: Map<string, string>, param: 'signature' | 'msg_signature'): Refusal {
  const detail = !q.has(param)
    ? `${param} missing`
    : param === 'signature'
      ? 'signature does not match the Token'
      : 'msg_signature does not match';
  return { answer: reject(401, 'bad_signature', 'invalid signature', detail), verified: false };
}

/** A signed request whose timestamp lies outside the window: refused, with how far off it is. */
function staleRefusal(timestamp: string, w: TimestampWindow): Refusal | undefined {
  const problem = timestampProblem(timestamp, w.nowMs, w.windowS);
  if (!problem) return undefined;
  return {
    answer: reject(403, 'stale_timestamp', 'timestamp outside the accepted window', problem),
    verified: false,
  };
}

/** §1: echo `echostr` byte-exact when the signature holds. */
function verifyUrl(s: Signed, q: Map<string, string>): Refusal {
  if (!verifySignature(s.token, s.timestamp, s.nonce, q.get('signature'))) return unsigned(q, 'signature');
  const echo = q.get('echostr');
  if (echo === undefined)
    return signedRefusal(reject(400, 'bad_request', 'echostr missing', 'no echostr to echo'));
  return {
    answer: textAnswer(Buffer.from(echo, 'utf8'), 'ok', 'verified'),
    verified: true,
    replyPlain: echo,
  };
}

function protocolDetail(e: unknown): string {
  if (isWechatProtocolError(e)) return `${e.message} (${e.code})`;
  throw e;
}
