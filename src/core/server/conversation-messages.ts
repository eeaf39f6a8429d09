import { inboundSummary, replySummary } from '../services/message-summary';
import { parseXmlDocument, textOf, type XmlFields } from '../wechat';

/** The conversation row's description of an inbound message (its log row holds the rest). */
export function inboundMessageFields(fields: XmlFields, parsedJson: string) {
  return { msgType: textOf(fields.MsgType), summary: inboundSummary(fields), payload: parsedJson };
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
    payload: JSON.stringify(reply),
  };
}
