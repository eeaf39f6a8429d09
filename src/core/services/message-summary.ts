import type { RuleReply } from '../../shared/api/areas/rules';

/**
 * One-line descriptions of messages for the conversation list: the text itself, or a bracketed
 * description of media and events (field names from wechat-reference.md §2.3-§2.4, §10.1).
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
