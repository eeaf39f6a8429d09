import {
  isWechatProtocolError,
  parseXmlDocument,
  textOf,
  verifyMsgSignature,
  verifySignature,
  type AccountCredentials,
  type XmlFields,
} from '../wechat';
import type { AccountCrypto } from './reply-adapter';
import { timestampProblem } from './timestamp-window';
import { reject, textAnswer, type Answer, type Draft } from './wx-draft';

/** A POST that passed every check: its message fields and how it arrived. */
export interface Decoded {
  fields: XmlFields;
  aes: boolean;
}

/** This machine's time and how far from it a signed POST's timestamp may lie (settings). */
export interface TimestampWindow {
  nowMs: number;
  windowS: number;
}

/**
 * The checks of docs/architecture.md §4 between the body and the handlers: signature (§2.1), the
 * timestamp window, the account's encryption mode, msg_signature and decryption (§4.2), XML
 * parsing, and for GET the URL verification (§1). Each refusal is an Answer whose `draft.detail`
 * says why; the stage timer gets verify / decrypt / parse. A verification GET only echoes and
 * changes nothing, so its timestamp is not held to the window.
 */
export function decodeRequest(
  draft: Draft,
  account: AccountCredentials,
  method: 'GET' | 'POST',
  q: Map<string, string>,
  crypto: AccountCrypto,
  window: TimestampWindow,
): Answer | Decoded {
  const { t } = draft;
  const token = account.token ?? '';
  const timestamp = q.get('timestamp') ?? '';
  const nonce = q.get('nonce') ?? '';
  if (method === 'GET') return verifyUrl(draft, token, timestamp, nonce, q);

  // POST: §2.1 signature on every request; §4.2 msg_signature over <Encrypt> in aes mode.
  const aes = q.get('encrypt_type') === 'aes';
  if (!aes && !verifySignature(token, timestamp, nonce, q.get('signature'))) {
    t.end('verify');
    draft.detail = q.has('signature') ? 'signature does not match the Token' : 'signature missing';
    return reject(401, 'bad_signature', 'invalid signature');
  }
  if (!aes) {
    const stale = staleAnswer(draft, timestamp, window);
    if (stale) return stale;
    draft.verified = true;
  }
  if (draft.rawBody.length === 0) {
    t.end('verify');
    draft.detail = 'empty body (§2.1)';
    return reject(400, 'empty_body', 'empty body');
  }
  const modeProblem =
    account.mode === 'plain' && aes
      ? 'the account is in plain mode but the request is encrypted (encrypt_type=aes)'
      : account.mode === 'safe' && !aes
        ? 'the account is in safe mode but the request is not encrypted'
        : null;
  let outer: XmlFields;
  try {
    outer = parseXmlDocument(draft.rawBody);
  } catch (e) {
    t.end('verify');
    draft.detail = protocolDetail(e);
    return reject(400, 'bad_request', 'malformed XML');
  }
  let fields = outer;
  if (aes) {
    const encrypt = textOf(outer.Encrypt);
    const sigOk =
      verifyMsgSignature(token, timestamp, nonce, encrypt, q.get('msg_signature')) &&
      (!q.has('signature') || verifySignature(token, timestamp, nonce, q.get('signature')));
    t.end('verify');
    if (!sigOk) {
      draft.detail = !encrypt
        ? 'no <Encrypt> element'
        : q.has('msg_signature')
          ? 'msg_signature does not match'
          : 'msg_signature missing';
      return reject(
        encrypt ? 401 : 400,
        encrypt ? 'bad_signature' : 'bad_request',
        encrypt ? 'invalid signature' : 'no Encrypt',
      );
    }
    const stale = staleAnswer(draft, timestamp, window);
    if (stale) return stale;
    draft.verified = true;
    if (modeProblem) {
      draft.detail = modeProblem;
      return reject(400, 'mode_mismatch', 'encryption mode mismatch');
    }
    try {
      draft.decryptedXml = crypto.decrypt(account, encrypt);
    } catch (e) {
      t.end('decrypt');
      draft.detail = protocolDetail(e);
      return reject(400, 'decrypt_failed', 'cannot decrypt');
    }
    t.end('decrypt');
    try {
      fields = parseXmlDocument(draft.decryptedXml);
    } catch (e) {
      t.end('parse');
      draft.detail = `decrypted message: ${protocolDetail(e)}`;
      return reject(400, 'bad_request', 'malformed XML');
    }
  } else {
    t.end('verify');
    if (modeProblem) {
      draft.detail = modeProblem;
      return reject(400, 'mode_mismatch', 'encryption mode mismatch');
    }
  }
  if (!textOf(fields.MsgType) || !textOf(fields.FromUserName)) {
    t.end('parse');
    draft.detail = 'not a WeChat message: MsgType or FromUserName missing (§2.2)';
    return reject(400, 'bad_request', 'not a WeChat message');
  }
  return { fields, aes };
}

/** A signed request whose timestamp lies outside the window: refused, with how far off it is. */
function staleAnswer(draft: Draft, timestamp: string, w: TimestampWindow): Answer | undefined {
  const problem = timestampProblem(timestamp, w.nowMs, w.windowS);
  if (!problem) return undefined;
  draft.t.end('verify');
  draft.detail = problem;
  return reject(403, 'stale_timestamp', 'timestamp outside the accepted window');
}

/** §1: echo `echostr` byte-exact when the signature holds. */
function verifyUrl(
  draft: Draft,
  token: string,
  timestamp: string,
  nonce: string,
  q: Map<string, string>,
): Answer {
  const ok = verifySignature(token, timestamp, nonce, q.get('signature'));
  draft.t.end('verify');
  if (!ok) {
    draft.detail = q.has('signature') ? 'signature does not match the Token' : 'signature missing';
    return reject(401, 'bad_signature', 'invalid signature');
  }
  draft.verified = true;
  if (!q.has('echostr')) {
    draft.detail = 'no echostr to echo';
    return reject(400, 'bad_request', 'echostr missing');
  }
  const echo = Buffer.from(q.get('echostr')!, 'utf8');
  draft.replyPlain = q.get('echostr')!;
  return textAnswer(echo, 'ok', 'verified');
}

function protocolDetail(e: unknown): string {
  if (isWechatProtocolError(e)) return `${e.message} (${e.code})`;
  throw e;
}
