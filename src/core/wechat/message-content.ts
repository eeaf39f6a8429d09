import type { MessageContentDto } from '../../shared/api/areas/conversations';

/**
 * What a message holds, by kind, for the message centre's thread: from a fan's message or event
 * (§2.3-§2.4), from a passive reply's fields (§3.2), or from a customer-service body (§10.1).
 */
const text = (f: Record<string, unknown>, k: string): string =>
  f[k] === undefined || f[k] === null ? '' : String(f[k]);
const opt = (v: string) => (v ? v : undefined);

/** A fan's message or event, from its XML fields. */
export function inboundContent(f: Record<string, unknown>): MessageContentDto {
  const s = (k: string) => text(f, k);
  const type = s('MsgType').toLowerCase();
  switch (type) {
    case 'text':
      return { kind: 'text', text: s('Content') };
    case 'image':
      return { kind: 'image', picUrl: opt(s('PicUrl')), mediaId: opt(s('MediaId')) };
    case 'voice':
      return {
        kind: 'voice',
        mediaId: opt(s('MediaId')),
        format: opt(s('Format')),
        recognition: opt(s('Recognition')),
      };
    case 'video':
    case 'shortvideo':
      return { kind: 'video', mediaId: opt(s('MediaId')) };
    case 'location':
      return {
        kind: 'location',
        x: s('Location_X'),
        y: s('Location_Y'),
        scale: opt(s('Scale')),
        label: opt(s('Label')),
      };
    case 'link':
      return { kind: 'link', title: s('Title'), description: opt(s('Description')), url: opt(s('Url')) };
    case 'event':
      return { kind: 'event', event: s('Event'), eventKey: opt(s('EventKey')) };
    default:
      return { kind: 'other', type: type || 'unknown' };
  }
}

/** A passive reply, from the reply XML's fields (§3.2: Articles/item, Image/MediaId, …). */
export function replyContent(f: Record<string, unknown>): MessageContentDto {
  const type = text(f, 'MsgType').toLowerCase();
  const inner = (k: string) => (f[k] && typeof f[k] === 'object' ? (f[k] as Record<string, unknown>) : {});
  if (type === 'text') return { kind: 'text', text: text(f, 'Content') };
  if (type === 'image') return { kind: 'image', mediaId: opt(text(inner('Image'), 'MediaId')) };
  if (type === 'voice') return { kind: 'voice', mediaId: opt(text(inner('Voice'), 'MediaId')) };
  if (type === 'video') {
    const v = inner('Video');
    return { kind: 'video', mediaId: opt(text(v, 'MediaId')), title: opt(text(v, 'Title')) };
  }
  if (type === 'news') {
    const item = inner('Articles').item;
    const items = (Array.isArray(item) ? item : item ? [item] : []) as Record<string, unknown>[];
    return newsContent(items, { title: 'Title', description: 'Description', url: 'Url', picUrl: 'PicUrl' });
  }
  return { kind: 'other', type: type || 'reply' };
}

/** A customer-service message as sent (§10.1: `{touser, msgtype, <msgtype>: {…}}`). */
export function customContent(body: Record<string, unknown>): MessageContentDto {
  const type = text(body, 'msgtype').toLowerCase();
  const p = (body[type] && typeof body[type] === 'object' ? body[type] : {}) as Record<string, unknown>;
  switch (type) {
    case 'text':
      return { kind: 'text', text: text(p, 'content') };
    case 'image':
      return { kind: 'image', mediaId: opt(text(p, 'media_id')) };
    case 'voice':
      return { kind: 'voice', mediaId: opt(text(p, 'media_id')) };
    case 'video':
      return { kind: 'video', mediaId: opt(text(p, 'media_id')), title: opt(text(p, 'title')) };
    case 'mpnews':
      return { kind: 'mpnews', mediaId: text(p, 'media_id') };
    case 'news': {
      const list = (Array.isArray(p.articles) ? p.articles : []) as Record<string, unknown>[];
      return newsContent(list, { title: 'title', description: 'description', url: 'url', picUrl: 'picurl' });
    }
    default:
      return { kind: 'other', type: type || 'unknown' };
  }
}

/** A news message as its first article, read with the field names of its format, and how many follow. */
function newsContent(
  articles: readonly Record<string, unknown>[],
  names: { title: string; description: string; url: string; picUrl: string },
): MessageContentDto {
  const [first = {}] = articles;
  return {
    kind: 'news',
    title: text(first, names.title),
    description: opt(text(first, names.description)),
    url: opt(text(first, names.url)),
    picUrl: opt(text(first, names.picUrl)),
    more: Math.max(0, articles.length - 1),
  };
}
