/** A passive reply (docs/wechat-protocol.md §3.2) reduced to what the chat draws. */
export interface Article {
  title: string;
  description: string;
  picUrl: string;
  url: string;
}

export type ReplyView =
  | { kind: 'text'; content: string }
  | { kind: 'news'; articles: Article[] }
  | { kind: 'image'; mediaId: string }
  | { kind: 'voice'; mediaId: string }
  | { kind: 'video'; title: string; description: string }
  | { kind: 'music'; title: string; description: string }
  | { kind: 'transfer' }
  | { kind: 'other'; type: string };

type Fields = Record<string, unknown>;

const str = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) ? str(v[0]) : '');
const obj = (v: unknown): Fields =>
  Array.isArray(v) ? obj(v[0]) : v && typeof v === 'object' ? (v as Fields) : {};

/** From reply fields as core parses them (`item` always a list) or as {@link xmlToFields} gives them. */
export function replyFromFields(f: Fields): ReplyView {
  const type = str(f.MsgType).toLowerCase();
  switch (type) {
    case 'text':
      return { kind: 'text', content: str(f.Content) };
    case 'news': {
      const items = obj(f.Articles).item;
      const list = Array.isArray(items) ? items : items ? [items] : [];
      return {
        kind: 'news',
        articles: list.map((i) => {
          const a = obj(i);
          return {
            title: str(a.Title),
            description: str(a.Description),
            picUrl: str(a.PicUrl),
            url: str(a.Url),
          };
        }),
      };
    }
    case 'image':
      return { kind: 'image', mediaId: str(obj(f.Image).MediaId) };
    case 'voice':
      return { kind: 'voice', mediaId: str(obj(f.Voice).MediaId) };
    case 'video':
      return { kind: 'video', title: str(obj(f.Video).Title), description: str(obj(f.Video).Description) };
    case 'music':
      return { kind: 'music', title: str(obj(f.Music).Title), description: str(obj(f.Music).Description) };
    case 'transfer_customer_service':
      return { kind: 'transfer' };
    default:
      return { kind: 'other', type: type || '?' };
  }
}

/** A customer-service message body (§10.1) as the chat draws it. */
export function replyFromCustomerService(body: Fields): ReplyView {
  const type = str(body.msgtype).toLowerCase();
  if (type === 'text') return { kind: 'text', content: str(obj(body.text).content) };
  if (type === 'news') {
    const list = (obj(body.news).articles as Fields[] | undefined) ?? [];
    return {
      kind: 'news',
      articles: list.map((a) => ({
        title: str(a.title),
        description: str(a.description),
        picUrl: str(a.picurl),
        url: str(a.url),
      })),
    };
  }
  if (type === 'image') return { kind: 'image', mediaId: str(obj(body.image).media_id) };
  return { kind: 'other', type: type || '?' };
}

/** The renderer's own reading of a reply XML (from a log entry), shaped like core's parse. */
export function xmlToFields(xml: string): Fields | null {
  if (!xml.trim().startsWith('<')) return null;
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  if (doc.getElementsByTagName('parsererror').length > 0) return null;
  const walk = (el: Element): unknown => {
    if (el.children.length === 0) return el.textContent ?? '';
    const out: Fields = {};
    for (const c of Array.from(el.children)) {
      const v = walk(c);
      if (c.tagName === 'item') ((out.item as unknown[] | undefined) ??= []).push(v);
      else out[c.tagName] = v;
    }
    return out;
  };
  const root = doc.documentElement;
  return root.tagName === 'xml' ? (walk(root) as Fields) : null;
}
