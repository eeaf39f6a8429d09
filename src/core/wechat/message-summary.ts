import { PREVIEW_CHARS } from '../../shared/api/areas/callbacks';
import type { RuleReply } from '../../shared/api/areas/rules';

/**
 * One-line descriptions of messages for the conversation list: the text itself, or a bracketed
 * description of media and events (field names from docs/wechat-protocol.md §2.3-§2.4, §10.1).
 */
export function inboundSummary(f: Record<string, unknown>): string {
  const t = String(f.MsgType ?? '').toLowerCase();
  const s = (k: string) => (f[k] === undefined ? '' : String(f[k]));
  switch (t) {
    case 'text':
      return s('Content');
    case 'event':
      return `[event ${s('Event')}${s('EventKey') ? ` ${s('EventKey')}` : ''}]`;
    case 'location':
      return `[location ${s('Label') || `${s('Location_X')},${s('Location_Y')}`}]`;
    case 'link':
      return `[link ${s('Title')}]`;
    case 'voice':
      return s('Recognition') ? `[voice] ${s('Recognition')}` : '[voice]';
    default:
      return `[${t || 'unknown'}]`;
  }
}

/** For a reply, either the reply XML's fields or a §10.1 customer-service body. */
export function replySummary(r: Record<string, unknown>): string {
  const t = String(r.MsgType ?? r.msgtype ?? '').toLowerCase();
  if (t === 'text') {
    const c = r.Content ?? (r.text as { content?: unknown } | undefined)?.content;
    return String(c ?? '');
  }
  if (t === 'news') return '[news]';
  if (t === 'transfer_customer_service') return '[transfer to customer service]';
  return `[${t || 'reply'}]`;
}

export function ruleReplySummary(r: RuleReply): string {
  if (r.type === 'text') return r.content;
  if (r.type === 'transfer') return '[transfer to customer service]';
  return `[${r.type}]`;
}

/**
 * The callback log's one-line preview of an inbound message (CallbackSummaryDto.preview): what the
 * fan wrote or chose, shown beside the row's type, so unlike `inboundSummary` it does not name the
 * type again. Null for media and anything without such a field (ticket pushes have no MsgType).
 */
export function messagePreview(f: Record<string, unknown>): string | null {
  const s = (k: string) => (f[k] === undefined || f[k] === null ? '' : String(f[k]));
  let text: string;
  switch (s('MsgType').toLowerCase()) {
    case 'text':
      text = s('Content');
      break;
    case 'event':
      text = s('EventKey');
      break;
    case 'location':
      text = s('Label') || (s('Location_X') && `${s('Location_X')},${s('Location_Y')}`);
      break;
    case 'link':
      text = s('Title');
      break;
    case 'voice':
      text = s('Recognition');
      break;
    default:
      return null;
  }
  if (!text) return null;
  if (text.length <= PREVIEW_CHARS) return text;
  const end = /[\ud800-\udbff]/.test(text.charAt(PREVIEW_CHARS - 1)) ? PREVIEW_CHARS - 1 : PREVIEW_CHARS;
  return `${text.slice(0, end)}…`;
}
