import type { CallbackEntryDto } from '../../../../shared/api/areas/callbacks';
import type { MessageKey } from '../../i18n/i18n';

export interface VerdictLine {
  key: MessageKey;
  params?: Record<string, string>;
}

export interface ReplyVerdict {
  kind: 'ack' | 'reply' | 'invalid' | 'rejected';
  msgType?: string;
  problems: VerdictLine[];
  notes: VerdictLine[];
}

/** Passive reply types (docs/wechat-protocol.md §3.2). */
const REPLY_TYPES = new Set([
  'text',
  'image',
  'voice',
  'video',
  'music',
  'news',
  'transfer_customer_service',
]);

/** Top-level children of an `<xml>` document, or undefined when it does not parse. */
export function xmlFields(xml: string): [string, string][] | undefined {
  const doc = new DOMParser().parseFromString(xml.trim(), 'application/xml');
  if (doc.getElementsByTagName('parsererror').length || !doc.documentElement) return undefined;
  return Array.from(doc.documentElement.children).map((el) => [
    el.tagName,
    el.children.length
      ? Array.from(el.childNodes, (n) => new XMLSerializer().serializeToString(n)).join('')
      : (el.textContent ?? ''),
  ]);
}

/**
 * The reply as WeChat would take it. A first-pass check in the UI (root, addressing, MsgType,
 * encryption envelope) until the callback log carries core's full reply lint (`lintReply`).
 */
export function checkReply(e: CallbackEntryDto): ReplyVerdict | undefined {
  if (!e.msgType) return undefined; // URL verification and non-message requests: no reply to judge.
  if (e.status >= 400) return { kind: 'rejected', problems: [], notes: [] };
  const plain = e.replyPlain ?? e.replyBody;
  if (plain === '' || plain === 'success') return { kind: 'ack', problems: [], notes: [] };
  const problems: VerdictLine[] = [];
  const notes: VerdictLine[] = [];
  const fields = xmlFields(plain);
  if (!fields) return { kind: 'invalid', problems: [{ key: 'cb.lint.notXml' }], notes };
  const get = (name: string) => fields.find(([k]) => k === name)?.[1];
  const msgType = get('MsgType');
  if (!msgType) problems.push({ key: 'cb.lint.noMsgType' });
  else if (!REPLY_TYPES.has(msgType))
    problems.push({ key: 'cb.lint.unknownMsgType', params: { type: msgType } });
  const inbound = xmlFields(e.decryptedXml ?? e.rawBody);
  const inGet = (name: string) => inbound?.find(([k]) => k === name)?.[1];
  const sender = inGet('FromUserName');
  const account = inGet('ToUserName');
  if (sender !== undefined && get('ToUserName') !== sender)
    problems.push({ key: 'cb.lint.toUser', params: { expected: sender } });
  if (account !== undefined && get('FromUserName') !== account)
    problems.push({ key: 'cb.lint.fromUser', params: { expected: account } });
  if (!/^\d+$/.test(get('CreateTime') ?? '')) problems.push({ key: 'cb.lint.createTime' });
  if (msgType === 'text' && !get('Content')) problems.push({ key: 'cb.lint.emptyContent' });

  if (e.query.encrypt_type === 'aes') {
    const sent = xmlFields(e.replyBody);
    const missing = ['Encrypt', 'MsgSignature', 'TimeStamp', 'Nonce'].filter(
      (f) => !sent?.some(([k]) => k === f),
    );
    if (missing.length === 4) problems.push({ key: 'cb.lint.notEncrypted' });
    else if (missing.length)
      problems.push({ key: 'cb.lint.encryptedMissing', params: { field: missing.join(', ') } });
    else notes.push({ key: 'cb.lint.encryptedOk' });
  }
  return { kind: problems.length ? 'invalid' : 'reply', msgType, problems, notes };
}
