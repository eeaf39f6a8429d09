import { inboundSummary, replySummary } from '../services/message-summary';
import { parseXmlDocument, textOf, type XmlFields } from '../wechat';

/**
 * A message that came with a callback keeps no payload of its own: its log row (`log_id`) holds the
 * request and the reply in full. Copying them here doubled what the listener wrote per request and
 * tripled the conversations table (measured: 45 -> 16 MB per 60,000 requests). Messages without a
 * log row of their own (late and customer-service replies) keep theirs.
 */
export const IN_LOG = '';

/** The conversation row's description of an inbound message. */
export function inboundMessageFields(fields: XmlFields) {
  return { msgType: textOf(fields.MsgType), summary: inboundSummary(fields), payload: IN_LOG };
}

/** The conversation row's description of a passive reply known only as XML (upstream, recovery). */
export function replyMessageFields(
  xml: string,
): { msgType: string; summary: string; payload: string } | null {
  let reply: Record<string, unknown>;
  try {
    reply = parseXmlDocument(xml);
  } catch {
    return null;
  }
  return {
    msgType: String(reply.MsgType ?? 'reply'),
    summary: replySummary(reply),
    payload: IN_LOG,
  };
}
