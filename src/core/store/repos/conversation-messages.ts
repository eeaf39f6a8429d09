import type { ConversationMessageDto } from '../../../shared/api/areas/conversations';
import {
  inboundContent,
  inboundSummary,
  parseXmlDocument,
  replyContent,
  replySummary,
  textOf,
  type XmlFields,
} from '../../wechat';
import { messageId, type LogConversationRow } from './conversations-repo';

/**
 * The messages that came with a callback are read from its log row (store/migrations/010): the
 * fan's message, and our passive reply when it was a message (XML, not `success`). The pipeline
 * builds the same messages from what it already has, for the UI's live event, with the same ids.
 */
export type CallbackMessage = ConversationMessageDto & { logId: number };

/**
 * A message of a request's log row as the live event carries it, with the id it has when read back
 * from it (logRowMessages). Every one is made here, in one shape: the pipeline makes two per request.
 */
export function callbackMessage(
  accountId: string,
  openid: string,
  direction: 'in' | 'out',
  msgType: string,
  summary: string,
  at: number,
  logId: number,
): CallbackMessage {
  return {
    id: messageId(logId, direction === 'out'),
    accountId,
    openid,
    direction,
    msgType,
    summary,
    via: direction === 'in' ? 'callback' : 'passive',
    at,
    logId,
  };
}

/** A conversation message's description of an inbound message. */
export function inboundMessageFields(fields: XmlFields) {
  return { msgType: textOf(fields.MsgType), summary: inboundSummary(fields) };
}

/** Whether a passive reply is a message the fan sees (the rest, `success` or empty, is not). */
export const isReplyMessage = (replyPlain: string | null): replyPlain is string =>
  !!replyPlain && replyPlain.startsWith('<');

/** A conversation message's description of a passive reply known only as XML (upstream, the log). */
export function replyMessageFields(xml: string): { msgType: string; summary: string } {
  const { msgType, summary } = readReply(xml);
  return { msgType, summary };
}

function readReply(xml: string): Pick<ConversationMessageDto, 'msgType' | 'summary' | 'content'> {
  let reply: Record<string, unknown>;
  try {
    reply = parseXmlDocument(xml);
  } catch {
    return { msgType: 'reply', summary: '[reply]' };
  }
  return {
    msgType: String(reply.MsgType ?? 'reply'),
    summary: replySummary(reply),
    content: replyContent(reply),
  };
}

/** A log row's messages, oldest first. */
export function logRowMessages(r: LogConversationRow): ConversationMessageDto[] {
  const base = { accountId: r.accountId, openid: r.openid, at: r.at, logId: r.id };
  let inbound: Pick<ConversationMessageDto, 'msgType' | 'summary' | 'content'>;
  try {
    const fields = parseXmlDocument(r.decryptedXml ?? r.rawBody);
    inbound = { ...inboundMessageFields(fields), content: inboundContent(fields) };
  } catch {
    // Only parsed requests have messages; a row that no longer parses is shown, not dropped.
    inbound = { msgType: 'unknown', summary: '[unreadable message]' };
  }
  const out: ConversationMessageDto[] = [
    { ...base, id: messageId(r.id), direction: 'in', via: 'callback', ...inbound },
  ];
  if (isReplyMessage(r.replyPlain)) {
    out.push({
      ...base,
      id: messageId(r.id, true),
      direction: 'out',
      via: 'passive',
      ...readReply(r.replyPlain),
    });
  }
  return out;
}
