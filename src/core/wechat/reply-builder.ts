import { WechatProtocolError } from './errors';
import type { NewsArticle, ReplyAddress, ReplySpec } from './reply-types';
import { cdata } from './xml-codec';

/** The plain acknowledgement body (§3.1). */
export const SUCCESS_BODY = 'success';
/** §3.2: WeChat shows one article today (more are dropped or refused with 45008). */
export const DEFAULT_MAX_ARTICLES = 1;
/** §3.2: the most WeChat ever accepted (events). */
export const MAX_ARTICLES = 8;
/** Unix seconds this large are really milliseconds (node-webot's mistake, §14.4). */
export const MAX_SECONDS = 99_999_999_999;

export interface BuildReplyOptions {
  /** How many news articles to keep (1..8); default 1. */
  maxArticles?: number;
}

/**
 * Builds the reply XML WeChat expects (docs/wechat-protocol.md §3.2): To/From swapped from the inbound
 * message, CreateTime = `nowSeconds`, text in CDATA with `]]>` split. `success` gives the plain
 * acknowledgement. One line, no declaration: the same shape as vector V4's plaintext.
 */
export function buildReply(
  inbound: ReplyAddress,
  spec: ReplySpec,
  nowSeconds: number,
  options: BuildReplyOptions = {},
): string {
  // Specs come from stored rules (JSON) and upstream code: check shapes instead of trusting types.
  if (typeof spec !== 'object' || spec === null)
    throw new WechatProtocolError('build', 'the reply spec is not an object');
  if (spec.type === 'success') return SUCCESS_BODY;
  if (!Number.isInteger(nowSeconds) || nowSeconds < 0 || nowSeconds > MAX_SECONDS) {
    throw new WechatProtocolError('build', `CreateTime must be whole Unix seconds, got ${nowSeconds}`);
  }
  const head =
    `<xml>${el('ToUserName', inbound?.fromUserName)}${el('FromUserName', inbound?.toUserName)}` +
    `<CreateTime>${nowSeconds}</CreateTime>${el('MsgType', spec.type)}`;
  return `${head}${replyBody(spec, options)}</xml>`;
}

function replyBody(spec: Exclude<ReplySpec, { type: 'success' }>, options: BuildReplyOptions): string {
  switch (spec.type) {
    case 'text':
      return el('Content', spec.content);
    case 'image':
      return `<Image>${el('MediaId', spec.mediaId)}</Image>`;
    case 'voice':
      return `<Voice>${el('MediaId', spec.mediaId)}</Voice>`;
    case 'video':
      return `<Video>${el('MediaId', spec.mediaId)}${opt('Title', spec.title)}${opt('Description', spec.description)}</Video>`;
    case 'music':
      return (
        `<Music>${opt('Title', spec.title)}${opt('Description', spec.description)}` +
        `${opt('MusicUrl', spec.musicUrl)}${opt('HQMusicUrl', spec.hqMusicUrl)}${el('ThumbMediaId', spec.thumbMediaId)}</Music>`
      );
    case 'news':
      return news(spec.articles, options.maxArticles ?? DEFAULT_MAX_ARTICLES);
    case 'transfer_customer_service':
      return spec.kfAccount ? `<TransInfo>${el('KfAccount', spec.kfAccount)}</TransInfo>` : '';
    default:
      throw new WechatProtocolError(
        'build',
        `unknown reply type ${JSON.stringify((spec as { type: unknown }).type)}`,
      );
  }
}

function news(articles: readonly NewsArticle[], max: number): string {
  if (!Array.isArray(articles)) throw new WechatProtocolError('build', 'news articles must be a list');
  const limit = Number.isFinite(max)
    ? Math.max(1, Math.min(MAX_ARTICLES, Math.floor(max)))
    : DEFAULT_MAX_ARTICLES;
  const keep = articles.slice(0, limit);
  if (keep.length === 0) throw new WechatProtocolError('build', 'a news reply needs at least one article');
  const items = keep.map((a: NewsArticle) => {
    if (typeof a !== 'object' || a === null)
      throw new WechatProtocolError('build', 'each news article must be an object');
    return (
      `<item>${el('Title', a.title)}${el('Description', a.description ?? '')}` +
      `${el('PicUrl', a.picUrl ?? '')}${el('Url', a.url ?? '')}</item>`
    );
  });
  return `<ArticleCount>${keep.length}</ArticleCount><Articles>${items.join('')}</Articles>`;
}

function el(name: string, value: unknown): string {
  if (typeof value !== 'string') throw new WechatProtocolError('build', `${name} must be text`);
  return `<${name}>${cdata(value)}</${name}>`;
}
const opt = (name: string, value: string | undefined) => (value === undefined ? '' : el(name, value));
