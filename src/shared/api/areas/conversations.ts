import { z } from 'zod';
import { defineMethod } from '../define';
import { idSchema, pageInput, type Page } from './common';

/** One chat per fan (openid): what they sent and what we answered, passively or later. */
export interface ConversationDto {
  accountId: string;
  openid: string;
  lastAt: number;
  lastSummary: string;
  messageCount: number;
}

export interface ConversationMessageDto {
  id: number;
  accountId: string;
  openid: string;
  direction: 'in' | 'out';
  msgType: string;
  /** Text content, or a one-line description of media/events. */
  summary: string;
  /** passive = in the HTTP reply; customer-service = sent later through §10.1. */
  via: 'callback' | 'passive' | 'customer-service';
  at: number;
  logId: number | null;
}

export const conversationsMethods = {
  'conversations.list': defineMethod<Page<ConversationDto>>()(
    z.strictObject({ ...pageInput, accountId: idSchema }),
  ),
  'conversations.messages': defineMethod<Page<ConversationMessageDto>>()(
    z.strictObject({ ...pageInput, accountId: idSchema, openid: z.string().min(1).max(128) }),
  ),
};

export interface ConversationsEvents {
  'conversations.appended': { messages: ConversationMessageDto[] };
}

export type { Page };
