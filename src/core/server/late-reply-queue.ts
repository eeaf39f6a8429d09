import type { LateReplyDto } from '../../shared/api/areas/callbacks';
import type { RuleReply } from '../../shared/api/areas/rules';
import { AppError, isAppError } from '../../shared/errors';
import type { EventBus } from '../event-bus';
import type { Clock } from '../runtime';
import type { CallbackRecorder } from './callback-recorder';
import { toLateReplyDto, type LateRepliesRepo } from '../store/repos/late-replies-repo';
import { replySummary, type CustomerServiceSender, type CustomMessageBody } from '../wechat';

export const WAITING_FOR_API = 'waiting for the API client';

/** §10.1 body for a rule reply; null for what the customer-service API cannot carry (a transfer). */
export function toCustomMessage(openid: string, r: RuleReply): CustomMessageBody | null {
  switch (r.type) {
    case 'text':
      return { touser: openid, msgtype: 'text', text: { content: r.content } };
    case 'image':
      return { touser: openid, msgtype: 'image', image: { media_id: r.mediaId } };
    case 'news': {
      // §10.1: one article at most, or WeChat answers 45008.
      const [a] = r.articles;
      if (!a) throw new AppError('invalid_input', 'a news reply needs at least one article');
      return {
        touser: openid,
        msgtype: 'news',
        news: {
          articles: [
            { title: a.title, description: a.description ?? '', url: a.url ?? '', picurl: a.picUrl ?? '' },
          ],
        },
      };
    }
    case 'transfer':
      return null;
  }
}

/**
 * Replies that cannot go in the HTTP response (the handlers missed the deadline, or extra replies
 * of "reply with all") go out through the customer-service API (docs/wechat-protocol.md §3.1, §10.1).
 * Without an API client they wait in SQLite and the log says so; `attachSender` sends them.
 * Sends are serialised so a fan receives follow-ups in order.
 */
export class LateReplyQueue {
  private chain: Promise<void> = Promise.resolve();
  private readonly repo: LateRepliesRepo;
  private readonly recorder: CallbackRecorder;
  private readonly events: EventBus;
  private readonly clock: Clock;
  private sender?: CustomerServiceSender;

  constructor(o: {
    repo: LateRepliesRepo;
    /** Writes each sent reply into the fan's conversation, after the request's own messages. */
    recorder: CallbackRecorder;
    events: EventBus;
    clock: Clock;
    /** The API client's sender; without it replies wait in SQLite until `attachSender`. */
    sender?: CustomerServiceSender;
  }) {
    this.repo = o.repo;
    this.recorder = o.recorder;
    this.events = o.events;
    this.clock = o.clock;
    this.sender = o.sender;
  }

  attachSender(sender: CustomerServiceSender): Promise<void> {
    this.sender = sender;
    return this.sendWaiting();
  }

  /** Queues the replies for one request; resolves when each was sent, failed or left waiting. */
  enqueue(
    accountId: string,
    logId: number | null,
    openid: string,
    replies: readonly RuleReply[],
    why: string,
  ): Promise<void> {
    const now = this.clock.now();
    const ids: number[] = [];
    for (const r of replies) {
      const body = toCustomMessage(openid, r);
      const json = JSON.stringify(body ?? r);
      if (!body) {
        ids.push(
          this.repo.insert(
            {
              accountId,
              logId,
              openid,
              body: json,
              state: 'dropped',
              detail: `${why}: a transfer to customer service can only be a passive reply`,
            },
            now,
          ),
        );
        continue;
      }
      const detail = this.sender ? `${why}: sending` : `${why}: ${WAITING_FOR_API}`;
      ids.push(this.repo.insert({ accountId, logId, openid, body: json, state: 'waiting', detail }, now));
    }
    this.notify(logId);
    if (!this.sender) return Promise.resolve();
    return this.run(() => this.sendIds(ids, why));
  }

  /** Sends everything still waiting (after the API client appears, or at start-up). */
  sendWaiting(): Promise<void> {
    if (!this.sender) return Promise.resolve();
    return this.run(async () => {
      for (;;) {
        const batch = this.repo.waiting(100);
        if (!batch.length) return;
        await this.sendIds(
          batch.map((b) => b.id),
          'queued',
        );
      }
    });
  }

  byLog(logId: number): LateReplyDto[] {
    return this.repo.byLog(logId).map(toLateReplyDto);
  }

  /** Resolves when every queued send so far has settled (tests, shutdown). */
  idle(): Promise<void> {
    return this.chain;
  }

  private run(fn: () => Promise<void>): Promise<void> {
    const next = this.chain.then(fn).catch((e: unknown) => console.error('[late-replies] failed', e));
    this.chain = next;
    return next;
  }

  private async sendIds(ids: number[], why: string): Promise<void> {
    for (const id of ids) {
      const row = this.repo.get(id);
      if (!row || row.state !== 'waiting' || !this.sender) continue;
      const body = JSON.parse(row.body) as CustomMessageBody;
      try {
        await this.sender.sendCustomMessage(row.accountId, body);
        this.repo.update(id, 'sent', `${why}: sent through the customer-service API`, true, this.clock.now());
        const at = this.clock.now();
        const msg = {
          accountId: row.accountId,
          openid: row.openid,
          direction: 'out' as const,
          msgType: body.msgtype,
          summary: replySummary(body),
          via: 'customer-service' as const,
          at,
          logId: row.logId,
        };
        // Written with the request's own messages, after them (the recorder keeps the order).
        this.recorder.appendConversation({ ...msg, payload: row.body });
      } catch (e) {
        // The API client cannot send right now (offline, no token yet): keep it queued for the next try.
        const transient = isAppError(e) && (e.code === 'unavailable' || e.code === 'timeout');
        const errcode = isAppError(e) ? e.details?.errcode : undefined;
        const code = errcode !== undefined ? ` (errcode ${String(errcode)})` : '';
        const detail = `${why}: ${transient ? 'waiting, the API client could not send yet' : 'failed'}${code}: ${(e as Error).message}`;
        this.repo.update(id, transient ? 'waiting' : 'failed', detail, true, this.clock.now());
      }
      this.notify(row.logId);
    }
  }

  private notify(logId: number | null): void {
    if (logId !== null) this.events.emit('callbacks.updated', { id: logId, lateReplies: this.byLog(logId) });
  }
}
