/**
 * A passive reply as data (docs/wechat-protocol.md §3.2), JSON-safe so rules can store it. `success`
 * is the plain acknowledgement (§3.1): WeChat does nothing and does not retry.
 */
export interface NewsArticle {
  title: string;
  description?: string;
  picUrl?: string;
  url?: string;
}

export type ReplySpec =
  | { type: 'text'; content: string }
  | { type: 'image'; mediaId: string }
  | { type: 'voice'; mediaId: string }
  | { type: 'video'; mediaId: string; title?: string; description?: string }
  | {
      type: 'music';
      /** Required by wechatpy; the others are optional (§3.2). */
      thumbMediaId: string;
      title?: string;
      description?: string;
      musicUrl?: string;
      hqMusicUrl?: string;
    }
  | { type: 'news'; articles: NewsArticle[] }
  /** Hand the conversation to the customer-service system; kfAccount targets one agent (§3.2, unconfirmed). */
  | { type: 'transfer_customer_service'; kfAccount?: string }
  | { type: 'success' };

export type ReplyType = ReplySpec['type'];

/** The MsgType values WeChat accepts in a passive reply. */
export const REPLY_MSG_TYPES = [
  'text',
  'image',
  'voice',
  'video',
  'music',
  'news',
  'transfer_customer_service',
] as const;

/** The ids of the message being answered; the reply swaps them (§3.2). */
export interface ReplyAddress {
  toUserName: string;
  fromUserName: string;
}
