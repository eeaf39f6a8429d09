import {
  computeMsgSignature,
  computeSignature,
  parseXmlDocument,
  textOf,
  verifyMsgSignature,
  verifySignature,
} from '../wechat';

/**
 * A logged request's query signed again with a fresh `timestamp` and `nonce`, so MPDesk's own replay
 * passes the listener's timestamp window however old the entry is (docs/wechat-protocol.md §2.1,
 * §4.2: `signature` over token, timestamp, nonce; `msg_signature` also over the body's Encrypt). Only
 * a request whose signatures held under `token` is re-signed: the replay of a refused request is sent
 * as it was, and is refused again. Undefined when it is not re-signed.
 */
export function resignedQuery(
  query: Record<string, string>,
  body: Buffer,
  token: string | undefined,
  fresh: { timestamp: string; nonce: string },
): Record<string, string> | undefined {
  if (!token) return undefined;
  const { timestamp = '', nonce = '', signature, msg_signature: msgSignature } = query;
  let encrypt = '';
  if (msgSignature !== undefined) {
    try {
      encrypt = textOf(parseXmlDocument(body).Encrypt);
    } catch {
      return undefined;
    }
    if (!verifyMsgSignature(token, timestamp, nonce, encrypt, msgSignature)) return undefined;
  } else if (signature === undefined) {
    return undefined;
  }
  if (signature !== undefined && !verifySignature(token, timestamp, nonce, signature)) return undefined;
  const out: Record<string, string> = { ...query, timestamp: fresh.timestamp, nonce: fresh.nonce };
  if (signature !== undefined) out.signature = computeSignature(token, fresh.timestamp, fresh.nonce);
  if (msgSignature !== undefined)
    out.msg_signature = computeMsgSignature(token, fresh.timestamp, fresh.nonce, encrypt);
  return out;
}
