import { z } from 'zod';
import { defineMethod } from '../define';
import { idSchema, pageInput, type Page } from './common';

/** One chat per fan (openid): what they sent and what we answered, passively or later. */
export interface ConversationDto {
  accountId: string;
  openid: string;
  lastAt: number;
  lastSummary: string;
  /** What the last message holds, when it could be read. */
  lastContent?: MessageContentDto;
  messageCount: number;
  /** Their messages since the operator last read the thread. */
  unread: number;
  /** From the fans store, when known. */
  remark?: string;
  nickname?: string;
}

/**
 * What a message says, by kind, for the thread to show as WeChat does (field names of
 * docs/wechat-protocol.md §2.3-§2.4 for what fans send, §3.2 and §10.1 for our answers).
 */
export type MessageContentDto =
  | { kind: 'text'; text: string }
  | { kind: 'image'; picUrl?: string; mediaId?: string }
  | { kind: 'voice'; mediaId?: string; format?: string; recognition?: string }
  | { kind: 'video'; mediaId?: string; title?: string }
  | { kind: 'location'; x: string; y: string; scale?: string; label?: string }
  | { kind: 'link'; title: string; description?: string; url?: string }
  | { kind: 'event'; event: string; eventKey?: string }
  | { kind: 'news'; title: string; description?: string; url?: string; picUrl?: string; more: number }
  | { kind: 'mpnews'; mediaId: string }
  | { kind: 'other'; type: string };

export interface ConversationMessageDto {
  id: number;
  accountId: string;
  openid: string;
  direction: 'in' | 'out';
  msgType: string;
  /** Text content, or a one-line description of media/events. */
  summary: string;
  /** What the message holds, when it could be read (absent on live events). */
  content?: MessageContentDto;
  /**
   * passive = in the HTTP reply; customer-service = sent later through §10.1: by the operator
   * (`logId` null) or for a request (`logId` set: a late or follow-up reply).
   */
  via: 'callback' | 'passive' | 'customer-service';
  at: number;
  logId: number | null;
}

/** One grant of the customer-service window (docs/wechat-protocol.md §10.1). */
export interface WindowGrantDto {
  /** message: the fan sent one (48 h, 5); action: a click, follow or scan (1 min, 3). */
  kind: 'message' | 'action';
  opensAt: number;
  closesAt: number;
  quota: number;
  used: number;
}

/**
 * The window as MPDesk reckons it from what it saw (the callback log and what it sent): WeChat
 * decides, and a send it refuses comes back as 45015 or 45047 whatever this says.
 */
export interface ServiceWindowDto {
  open: boolean;
  closesAt: number | null;
  /** Messages that may still be sent now. */
  remaining: number;
  grants: WindowGrantDto[];
  /** What WeChat would answer a send now: 0, 45015 (closed) or 45047 (quota used up). */
  verdict: 0 | 45015 | 45047;
}

/** Unread fan messages: overall and per account. */
export interface UnreadDto {
  total: number;
  accounts: Record<string, number>;
}

const openidSchema = z.string().min(1).max(128);
const httpUrl = z
  .string()
  .regex(/^https?:\/\/[^\s]+$/, { error: 'validation.url' })
  .max(2048);
const mediaId = z
  .string({ error: 'validation.required' })
  .trim()
  .min(1, { error: 'validation.required' })
  .max(256);

/** What the composer sends (§10.1): text, an image by media_id, one link card, or an mpnews by media_id. */
export const outgoingMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('text'),
    content: z
      .string()
      .max(20_000)
      .refine((s) => s.trim().length > 0, { error: 'validation.content' }),
  }),
  z.strictObject({ type: z.literal('image'), mediaId }),
  z.strictObject({
    type: z.literal('news'),
    title: z.string().trim().min(1, { error: 'validation.required' }).max(256),
    description: z.string().max(1024).optional(),
    url: httpUrl,
    picUrl: httpUrl.optional(),
  }),
  z.strictObject({ type: z.literal('mpnews'), mediaId }),
]);
export type OutgoingMessage = z.output<typeof outgoingMessageSchema>;

const thread = { accountId: idSchema, openid: openidSchema };

export const conversationsMethods = {
  /** Fans newest first by their last message, with unread counts. */
  'conversations.list': defineMethod<Page<ConversationDto>>()(
    z.strictObject({ ...pageInput, accountId: idSchema }),
  ),
  'conversations.messages': defineMethod<Page<ConversationMessageDto>>()(
    z.strictObject({ ...pageInput, ...thread }),
  ),
  /**
   * A customer-service message (message/custom/send, §10.1). WeChat's refusal comes back as the
   * error (wechat_error with `details.errcode` 45015, 45047, …, and its explanation); nothing is stored then.
   */
  'conversations.send': defineMethod<{ message: ConversationMessageDto; window: ServiceWindowDto }>()(
    z.strictObject({ ...thread, message: outgoingMessageSchema }),
  ),
  /** message/custom/typing (§10.2): the fan sees “对方正在输入”. */
  'conversations.typing': defineMethod<{ typing: boolean }>()(
    z.strictObject({ ...thread, typing: z.boolean() }),
  ),
  'conversations.window': defineMethod<ServiceWindowDto>()(z.strictObject(thread)),
  /** The thread read up to message `upTo` (its newest when absent). */
  'conversations.markRead': defineMethod<UnreadDto>()(
    z.strictObject({ ...thread, upTo: z.number().int().min(0).optional() }),
  ),
  'conversations.unread': defineMethod<UnreadDto>()(z.strictObject({}).optional()),
};

export interface ConversationsEvents {
  'conversations.appended': { messages: ConversationMessageDto[] };
  /** The unread count changed (a fan wrote, a thread was read). */
  'conversations.unreadChanged': UnreadDto;
}

export type { Page };
