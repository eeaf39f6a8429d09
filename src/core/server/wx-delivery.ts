import type { UpstreamLegDto } from '../../shared/api/areas/callbacks';
import type { RuleReply } from '../../shared/api/areas/rules';
import type { Runtime } from '../runtime';
import { PARSED_ON_READ } from '../store/repos/callback-log-repo';
import { callbackMessage, type CallbackMessage } from '../store/repos/conversation-messages';
import { inboundSummary, textOf, type AccountCredentials, type XmlFields } from '../wechat';
import { withDeadline } from './deadline';
import { dedupeKeyOf, type DedupeClaim } from './dedupe-store';
import type { LateReplyQueue } from './late-reply-queue';
import { SUCCESS, textAnswer, type Facts, type Handled, type InboundRequest } from './pipeline';
import { judgeUpstreamReply, xmlToRuleReply, type AccountCrypto } from './reply-adapter';
import { lateUpstreamFailureDetail, upstreamFailed, upstreamFailureDetail } from './upstream-failure';
import type { Decoded } from './wx-decode';
import { runHandlers, type HandlerDeps, type HandleResult } from './wx-handlers';
import { ReplyWriter } from './wx-reply';

export interface DeliveryDeps extends HandlerDeps {
  late: LateReplyQueue;
  rt: Runtime;
  /** The passive-reply budget (settings.replyDeadlineMs; WeChat gives up at 5 s, §3.1). */
  deadlineMs: () => number;
  /** Called after a late result was handled (the log row gains what happened). */
  onLate?: (
    logId: number,
    matched: string | null,
    upstream: UpstreamLegDto | null,
    failure: string | null,
  ) => void;
}

/**
 * A decoded message's way through the stages after the checks (docs/architecture.md §4): dedupe,
 * handle (rules and forwarding, within the reply budget), build. A retry never runs the handlers
 * again (§3.1); a replay of MPDesk's is a new delivery unless it is sent as a retry.
 */
export class WxDelivery {
  private readonly replies: ReplyWriter;

  constructor(
    private readonly d: DeliveryDeps,
    private readonly crypto: AccountCrypto,
  ) {
    this.replies = new ReplyWriter(crypto, d.rt);
  }

  deliver(
    req: InboundRequest,
    account: AccountCredentials,
    m: Decoded,
    known: Facts,
  ): Handled | Promise<Handled> {
    const key = dedupeKeyOf(dedupeFields(m.fields));
    const facts: Delivered = { known, m, key, first: false };
    // A replay re-runs the app (as ngrok's does) unless it is sent as WeChat's retry.
    if (key && (!req.replay || req.replay.asRetry)) {
      const claim = req.claim(account.id, key);
      if (claim.kind === 'retry') return this.retry(req, facts, claim);
      facts.first = true;
    }
    const openid = textOf(m.fields.FromUserName);
    const inbound: CallbackMessage | null = openid
      ? callbackMessage(
          account.id,
          openid,
          'in',
          textOf(m.fields.MsgType),
          inboundSummary(m.fields),
          req.at,
          req.id,
        )
      : null;
    const work = req.t.time('handle', () =>
      runHandlers(this.d, {
        accountId: account.id,
        probe: {
          msgType: textOf(m.fields.MsgType),
          content: textOf(m.fields.Content),
          event: textOf(m.fields.Event),
          eventKey: textOf(m.fields.EventKey),
        },
        search: req.search,
        body: req.body,
        contentType: req.raw.headers['content-type'],
        judgeUpstream: (body) =>
          judgeUpstreamReply(body, {
            account,
            aes: m.aes,
            inbound: m.fields,
            crypto: this.crypto,
            rt: this.d.rt,
          }),
      }),
    );
    if (!(work instanceof Promise)) return this.answered(req, account, m, facts, inbound, work);
    return req.t
      .timed('handle', withDeadline(work, this.d.deadlineMs() - req.t.elapsed()))
      .then((r) =>
        r.inTime
          ? this.answered(req, account, m, facts, inbound, r.value)
          : this.late(req, account.id, openid, facts, inbound, work),
      );
  }

  /** §3.1: a retry gets the first delivery's bytes, or `success` if that is still running at the deadline. */
  private async retry(
    req: InboundRequest,
    d: Delivered,
    claim: Extract<DedupeClaim, { kind: 'retry' }>,
  ): Promise<Handled> {
    const r = await req.t.timed('handle', withDeadline(claim.reply, this.d.deadlineMs() - req.t.elapsed()));
    const facts = factsOf(req, d, r.inTime ? r.value.replyPlain : SUCCESS, null, null, claim);
    if (!r.inTime) {
      const detail = `delivery ${claim.delivery}: the first delivery is still running; answered success`;
      return { answer: textAnswer(SUCCESS, 'duplicate', 'retry_replayed', detail), facts };
    }
    const v = r.value;
    return {
      answer: {
        status: v.status,
        body: v.body,
        type: v.type,
        outcome: 'duplicate',
        reason: 'retry_replayed',
        detail: `delivery ${claim.delivery} of exchange #${claim.firstLogId}: replayed the first reply`,
      },
      facts,
    };
  }

  /** The handlers answered in time: build the reply. */
  private answered(
    req: InboundRequest,
    account: AccountCredentials,
    m: Decoded,
    d: Delivered,
    inbound: CallbackMessage | null,
    h: HandleResult,
  ): Handled {
    const built = this.replies.build(req.t, account, m.fields, m.aes, h);
    const answer = upstreamFailed(h)
      ? {
          ...built.answer,
          outcome: 'error' as const,
          reason: 'upstream_failed' as const,
          detail: upstreamFailureDetail(h),
        }
      : built.answer;
    if (req.replay && !req.replay.asRetry) answer.detail = replayDetail(req.replay.logId, answer.detail);
    const conv = inbound ? [inbound] : [];
    const reply = this.replies.outboundConv(
      req.id,
      req.at,
      account.id,
      inbound?.openid ?? '',
      built.replyPlain,
      h,
    );
    if (reply) conv.push(reply);
    const openid = inbound?.openid;
    return {
      answer,
      facts: factsOf(req, d, built.replyPlain, h.matched, h.upstream),
      conv,
      after:
        h.followUps.length && openid
          ? () => void this.d.late.enqueue(account.id, req.id, openid, h.followUps, 'follow-up')
          : undefined,
    };
  }

  /** Past the budget: `success` now, and the handlers' result through customer service later. */
  private late(
    req: InboundRequest,
    accountId: string,
    openid: string,
    d: Delivered,
    inbound: CallbackMessage | null,
    work: Promise<HandleResult>,
  ): Handled {
    const detail = `handlers still running at the ${this.d.deadlineMs()} ms deadline: answered success; their reply follows through the customer-service API`;
    return {
      answer: textAnswer(SUCCESS, 'late', 'deadline_passed', detail),
      facts: factsOf(req, d, SUCCESS, null, null),
      conv: inbound ? [inbound] : [],
      after: () =>
        void work
          .then((h) => this.lateResult(req.id, accountId, openid, h))
          .catch((e: unknown) => console.error('[callback] late handler failed', e)),
    };
  }

  /** The handlers finished after the deadline: their replies go through customer service. */
  private lateResult(logId: number, accountId: string, openid: string, h: HandleResult): Promise<void> {
    this.d.onLate?.(logId, h.matched, h.upstream, upstreamFailed(h) ? lateUpstreamFailureDetail(h) : null);
    const replies: RuleReply[] = [];
    if (h.relay) {
      const r = xmlToRuleReply(h.relay.plainXml);
      if (r) replies.push(r);
    } else if (h.passive) replies.push(h.passive);
    replies.push(...h.followUps);
    if (!replies.length || !openid) return Promise.resolve();
    return this.d.late.enqueue(accountId, logId, openid, replies, 'deadline passed');
  }
}

/** What the delivery stages know of a message on its way to its facts. */
interface Delivered {
  known: Facts;
  m: Decoded;
  key: string | null;
  /** It claimed its exchange (a first delivery). */
  first: boolean;
}

/**
 * A delivered message's row facts, always in this one shape: facts copied and extended property by
 * property took V8 through a map transition (and often a migration) per request.
 */
function factsOf(
  req: InboundRequest,
  d: Delivered,
  replyPlain: string | null,
  matched: string | null,
  upstream: UpstreamLegDto | null,
  retry?: Extract<DedupeClaim, { kind: 'retry' }>,
): Facts {
  return {
    accountId: d.known.accountId ?? null,
    slug: d.known.slug ?? null,
    verified: true,
    notWechat: d.known.notWechat ?? false,
    decryptedXml: d.m.decryptedXml,
    fields: d.m.fields,
    parsed: PARSED_ON_READ,
    dedupeKey: d.key,
    dedupe: retry ? 'retry' : d.first ? 'first' : 'none',
    exchangeId: retry ? retry.firstLogId : d.first ? req.id : null,
    delivery: retry ? retry.delivery : 1,
    matched,
    replyPlain,
    upstream,
  };
}

const replayDetail = (of: number, detail: string | null) =>
  `a replay of #${of}, sent as a new delivery: the rules and forwarding ran again${detail ? `; ${detail}` : ''}`;

/** The fields dedupeKeyOf reads, as text; absent ones stay absent (undefined). */
function dedupeFields(f: XmlFields): Record<string, string | undefined> {
  const t = (k: string) => (Object.hasOwn(f, k) ? textOf(f[k]) : undefined);
  return {
    MsgId: t('MsgId'),
    MsgID: t('MsgID'),
    FromUserName: t('FromUserName'),
    CreateTime: t('CreateTime'),
    Event: t('Event'),
    EventKey: t('EventKey'),
  };
}
