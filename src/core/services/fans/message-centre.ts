import type { Page } from '../../../shared/api/areas/common';
import type {
  ConversationDto,
  ConversationMessageDto,
  OutgoingMessage,
  ServiceWindowDto,
  UnreadDto,
} from '../../../shared/api/areas/conversations';
import { AppError } from '../../../shared/errors';
import type { WechatClient } from '../../api/wechat-client';
import type { EventBus } from '../../event-bus';
import type { Clock } from '../../runtime';
import type { CallbackRecorder } from '../../server/callback-recorder';
import { toCustomMessage } from '../../server/late-reply-queue';
import type { ConversationsRepo } from '../../store/repos/conversations-repo';
import type { FanActivityRepo } from '../../store/repos/fan-activity-repo';
import type { FansRepo } from '../../store/repos/fans-repo';
import { customContent, replySummary, serviceWindow, type CustomMessageBody } from '../../wechat';
import type { FanActivity } from './fan-activity';

export type MessageClient = Pick<WechatClient, 'customSend' | 'customTyping'>;

export interface MessageCentreDeps {
  conversations: ConversationsRepo;
  fans: FansRepo;
  activity: FanActivity;
  activityRepo: FanActivityRepo;
  /** Stores what the operator sent in the fan's thread, in the log's order. */
  recorder: Pick<CallbackRecorder, 'appendConversation'>;
  client: () => MessageClient;
  events: EventBus;
  clock: Clock;
}

/** The composer's message as a §10.1 body (news: one article, or WeChat answers 45008). */
export function toCustomBody(openid: string, m: OutgoingMessage): CustomMessageBody {
  switch (m.type) {
    case 'text':
      return toCustomMessage(openid, { type: 'text', content: m.content })!;
    case 'image':
      return toCustomMessage(openid, { type: 'image', mediaId: m.mediaId })!;
    case 'news':
      return toCustomMessage(openid, {
        type: 'news',
        articles: [{ title: m.title, description: m.description, url: m.url, picUrl: m.picUrl }],
      })!;
    case 'mpnews':
      return { touser: openid, msgtype: 'mpnews', mpnews: { media_id: m.mediaId } };
  }
}

/**
 * 消息管理: threads with unread counts, the customer-service window as WeChat keeps it (§10.1,
 * wechat/service-window.ts), and the operator's answers through message/custom/send and typing.
 */
export class MessageCentre {
  constructor(private readonly d: MessageCentreDeps) {}

  async threads(accountId: string, limit: number, cursor?: string): Promise<Page<ConversationDto>> {
    await this.d.conversations.ready(accountId);
    this.d.activity.flush();
    const page = this.d.conversations.threads(accountId, limit, cursor);
    return {
      ...page,
      items: page.items.map((t) => {
        const fan = this.d.fans.get(accountId, t.openid);
        const out: ConversationDto = { ...t, unread: fan?.unread ?? 0 };
        if (fan?.remark) out.remark = fan.remark;
        if (fan?.nickname) out.nickname = fan.nickname;
        return out;
      }),
    };
  }

  async messages(accountId: string, openid: string, limit: number, cursor?: string) {
    await this.d.conversations.ready(accountId);
    return this.d.conversations.messages(accountId, openid, limit, cursor);
  }

  window(accountId: string, openid: string): ServiceWindowDto {
    this.d.activity.flush();
    const facts = this.d.activityRepo.windowFacts(accountId, openid);
    const w = serviceWindow(facts.openers, facts.sends, this.d.clock.now());
    return {
      open: w.open,
      closesAt: w.closesAt,
      remaining: w.remaining,
      verdict: w.verdict,
      grants: w.grants.map(({ kind, opensAt, closesAt, quota, used }) => ({
        kind,
        opensAt,
        closesAt,
        quota,
        used,
      })),
    };
  }

  /**
   * Sends through message/custom/send. WeChat decides (its 45015 or 45047 comes back as the error,
   * with its explanation, and nothing is stored); what it took joins the fan's thread.
   */
  async send(
    accountId: string,
    openid: string,
    message: OutgoingMessage,
  ): Promise<{ message: ConversationMessageDto; window: ServiceWindowDto }> {
    const body = toCustomBody(openid, message);
    await this.d.client().customSend(accountId, body);
    const at = this.d.clock.now();
    const stored = {
      accountId,
      openid,
      direction: 'out' as const,
      msgType: body.msgtype,
      summary: replySummary(body),
      via: 'customer-service' as const,
      at,
      logId: null,
    };
    const id = this.d.recorder.appendConversation({ ...stored, payload: JSON.stringify(body) });
    if (id === null) {
      throw new AppError('storage', 'WeChat took the message, but it could not be stored in the thread', {
        details: { sent: true },
      });
    }
    return {
      message: { ...stored, id, content: customContent(body) },
      window: this.window(accountId, openid),
    };
  }

  /** §10.2: Typing, or CancelTyping. */
  async typing(accountId: string, openid: string, typing: boolean): Promise<{ typing: boolean }> {
    await this.d.client().customTyping(accountId, openid, typing ? 'Typing' : 'CancelTyping');
    return { typing };
  }

  /** The thread is read up to message `upTo` (message ids follow the log's positions, ×2). */
  markRead(accountId: string, openid: string, upTo?: number): UnreadDto {
    this.d.activity.flush();
    const pos = upTo === undefined ? Number.MAX_SAFE_INTEGER : Math.floor(upTo / 2);
    if (this.d.activityRepo.markRead(accountId, openid, pos)) {
      const unread = this.d.activityRepo.unread();
      this.d.events.emit('conversations.unreadChanged', unread);
      return unread;
    }
    return this.d.activityRepo.unread();
  }

  unread(): UnreadDto {
    this.d.activity.flush();
    return this.d.activityRepo.unread();
  }
}
