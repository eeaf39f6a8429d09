import type http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { CallbackOutcome, CallbackReason, UpstreamLegDto } from '../../shared/api/areas/callbacks';
import type { RuleReply } from '../../shared/api/areas/rules';
import type { Runtime } from '../runtime';
import { messagePreview, textOf, type AccountCredentials, type XmlFields } from '../wechat';
import type { LateReplyQueue } from './late-reply-queue';
import { PARSED_ON_READ, type CallbackLogRecord } from '../store/repos/callback-log-repo';
import type { CallbackRecorder } from './callback-recorder';
import type { CallbackRoute } from './callback-routes';
import { inboundMessageFields, type CallbackMessage } from '../store/repos/conversation-messages';
import { withDeadline } from './deadline';
import { dedupeKeyOf, type DedupeStore, type DedupeTicket } from './dedupe-store';
import { BodyTooLargeError, readBody } from '../http';
import { AccountCrypto, judgeUpstreamReply, xmlToRuleReply } from './reply-adapter';
import { maskedHeaders, maskedQuery, parseRawQuery } from './request-facts';
import { round, StageTimer } from './stage-timer';
import type { RequestTarget } from './request-target';
import { decodeRequest } from './wx-decode';
import {
  bodyLength,
  reject,
  REPLAY_OF_HEADER,
  SUCCESS,
  textAnswer,
  TEXT_TYPE,
  type Answer,
  type Draft,
} from './wx-draft';
import { runHandlers, type HandlerDeps, type HandleResult } from './wx-handlers';
import { ReplyWriter } from './wx-reply';
import { writeLoggedHead } from './logged-head';

/** §0/§2.1: WeChat messages are a few KB; 1 MiB leaves room for anything legitimate. */
export const DEFAULT_BODY_LIMIT = 1 << 20;
const EMPTY = Buffer.alloc(0);

export interface WxRouteDeps extends HandlerDeps {
  accounts: { credentialsBySlug(slug: string): AccountCredentials | undefined };
  recorder: CallbackRecorder;
  dedupe: DedupeStore;
  late: LateReplyQueue;
  rt: Runtime;
  /** The passive-reply budget (settings.replyDeadlineMs; WeChat gives up at 5 s, §3.1). */
  deadlineMs: () => number;
  bodyLimit?: number;
  /** Called after a late result was handled (the log row gains what happened). */
  onLate?: (logId: number, matched: string | null, upstream: UpstreamLegDto | null) => void;
}

interface Processed {
  answer: Answer;
  conv?: CallbackMessage[];
  /** Runs once the request is committed (late work, follow-ups). */
  after?: () => void;
  /** The exchange this first delivery claimed: its reply goes to retries once it is on disk. */
  ticket?: DedupeTicket;
}

/**
 * `GET|POST /wx/<slug>`: the message pipeline of docs/architecture.md §4. Every request, accepted or
 * not, becomes one callback_log row committed before the response is written; no request can stop
 * the listener (each failure is an answer with a typed reason).
 */
export class WxRoute implements CallbackRoute {
  private readonly crypto = new AccountCrypto();
  private readonly replies: ReplyWriter;
  private readonly limit: number;

  constructor(private readonly d: WxRouteDeps) {
    this.limit = d.bodyLimit ?? DEFAULT_BODY_LIMIT;
    this.replies = new ReplyWriter(this.crypto, d.rt);
  }

  match(pathname: string): boolean {
    return pathname.startsWith('/wx/');
  }

  handle = async (req: http.IncomingMessage, res: http.ServerResponse, url: RequestTarget): Promise<void> => {
    const draft = this.draft(req, url);
    let answer: Answer;
    let conv: CallbackMessage[] = [];
    let after: (() => void) | undefined;
    let ticket: DedupeTicket | undefined;
    try {
      const r = await this.process(req, url, draft);
      answer = r.answer;
      conv = r.conv ?? [];
      after = r.after;
      ticket = r.ticket;
    } catch (e) {
      console.error('[callback] pipeline failed', e);
      draft.detail = `internal error: ${(e as Error)?.message ?? String(e)}`;
      answer = { ...reject(500, 'internal_error', 'internal error'), outcome: 'error' };
      this.releaseClaim(draft);
    }
    this.respond(res, draft, answer, conv, () => {
      // Retries waiting on this exchange get its reply only once the first delivery is on disk.
      if (ticket) this.d.dedupe.settled(ticket, answer);
      after?.();
    });
  };

  /**
   * A logged answer for requests outside the message pipeline (verification files, unknown paths):
   * the body is still read (size-limited) so the log holds what arrived.
   */
  async answerLogged(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: RequestTarget,
    decide: () => {
      status: number;
      body: string;
      outcome: CallbackOutcome;
      reason: CallbackReason;
      detail: string;
      accountId?: string;
    },
  ): Promise<void> {
    const draft = this.draft(req, url);
    let tooLarge = false;
    try {
      draft.rawBody = await readBody(req, this.limit);
    } catch (e) {
      if (!(e instanceof BodyTooLargeError)) throw e;
      tooLarge = true;
    }
    draft.t.end('read');
    const a = tooLarge
      ? {
          status: 413,
          body: 'request body too large',
          outcome: 'rejected' as const,
          reason: 'body_too_large' as const,
          detail: `body larger than ${this.limit} bytes`,
        }
      : decide();
    draft.detail = a.detail;
    if ('accountId' in a && a.accountId) draft.account = { id: a.accountId, appId: '', mode: 'plain' };
    draft.replyPlain = a.status === 200 ? a.body : null;
    this.respond(res, draft, {
      status: a.status,
      body: a.body,
      headers: { 'content-type': TEXT_TYPE },
      outcome: a.outcome,
      reason: a.reason,
    });
  }

  private draft(req: http.IncomingMessage, url: RequestTarget): Draft {
    const t = new StageTimer();
    const src = req.headers['x-mpdesk-source'];
    const q = parseRawQuery(url.search);
    const replayOf = src === 'replay' ? Number(req.headers[REPLAY_OF_HEADER]) : NaN;
    return {
      id: this.d.recorder.nextId(),
      t,
      at: this.d.rt.clock.now(),
      source: src === 'simulator' || src === 'replay' || src === 'doctor' ? src : 'wechat',
      replayOf: Number.isSafeInteger(replayOf) && replayOf > 0 ? replayOf : undefined,
      slug: null,
      account: null,
      method: req.method ?? 'GET',
      path: url.pathname,
      q,
      query: JSON.stringify(maskedQuery(q, url.search)),
      headers: JSON.stringify(maskedHeaders(req.headers)),
      rawBody: EMPTY,
      decryptedXml: null,
      fields: null,
      parsed: null,
      dedupeKey: null,
      dedupe: 'none',
      exchangeId: null,
      delivery: 1,
      matched: null,
      replyPlain: null,
      upstream: null,
      detail: null,
    };
  }

  private async process(req: http.IncomingMessage, url: RequestTarget, draft: Draft): Promise<Processed> {
    const { t } = draft;
    const slug = url.pathname.slice('/wx/'.length);
    draft.slug = slug;
    try {
      draft.rawBody =
        req.method === 'GET' || req.method === 'HEAD'
          ? (req.resume(), EMPTY)
          : await readBody(req, this.limit);
    } catch (e) {
      t.end('read');
      if (e instanceof BodyTooLargeError) {
        draft.detail = `body larger than ${this.limit} bytes`;
        return { answer: reject(413, 'body_too_large', 'request body too large') };
      }
      throw e;
    }
    t.end('read');
    const account = this.d.accounts.credentialsBySlug(slug);
    if (!account) {
      draft.detail = `no account uses the callback path /wx/${slug}`;
      return { answer: reject(404, 'unknown_account', 'unknown account') };
    }
    draft.account = account;
    if (req.method !== 'GET' && req.method !== 'POST') {
      draft.detail = `${req.method} is not used by WeChat (GET verifies, POST delivers)`;
      return {
        answer: {
          ...reject(405, 'method_not_allowed', 'method not allowed'),
          headers: { 'content-type': TEXT_TYPE, allow: 'GET, POST' },
        },
      };
    }
    const q = draft.q;
    if (!q) {
      draft.detail = 'malformed percent-encoding in the query';
      return { answer: reject(400, 'bad_request', 'bad query') };
    }
    const decoded = decodeRequest(draft, account, req.method, q, this.crypto);
    if (!('fields' in decoded)) return { answer: decoded };
    const { fields, aes } = decoded;
    draft.fields = fields;
    draft.parsed = PARSED_ON_READ;
    t.end('parse');
    return this.deliver(draft, account, fields, aes, url, req.headers['content-type']);
  }

  private async deliver(
    draft: Draft,
    account: AccountCredentials,
    fields: XmlFields,
    aes: boolean,
    url: RequestTarget,
    contentType: string | undefined,
  ): Promise<Processed> {
    const { t } = draft;
    const key = dedupeKeyOf(dedupeFields(fields));
    const openid = textOf(fields.FromUserName);
    const inbound: CallbackMessage | null = openid
      ? {
          accountId: account.id,
          openid,
          direction: 'in',
          ...inboundMessageFields(fields),
          via: 'callback',
          at: draft.at,
          logId: draft.id,
        }
      : null;
    let ticket: DedupeTicket | undefined;
    if (key) {
      draft.dedupeKey = key;
      // Replays may resend an entry of any age; WeChat's own retries come within seconds.
      const claim = this.d.dedupe.claim(account.id, key, draft.id, draft.replayOf);
      if (claim.kind === 'retry') {
        // §3.1: a retry never runs the handlers again; it gets the first delivery's bytes.
        draft.dedupe = 'retry';
        draft.exchangeId = claim.firstLogId;
        draft.delivery = claim.delivery;
        t.skip();
        const r = await withDeadline(claim.reply, this.d.deadlineMs() - t.elapsed());
        t.end('handle');
        const reply = r.inTime
          ? r.value
          : { status: 200, body: SUCCESS, headers: { 'content-type': TEXT_TYPE } };
        draft.detail = r.inTime
          ? `delivery ${claim.delivery} of exchange #${claim.firstLogId}: replayed the first reply`
          : `delivery ${claim.delivery}: the first delivery is still running; answered success`;
        return {
          answer: { ...reply, outcome: 'duplicate', reason: 'retry_replayed' },
        };
      }
      draft.dedupe = 'first';
      draft.exchangeId = draft.id;
      ticket = claim.ticket;
    }
    const work = runHandlers(this.d, {
      accountId: account.id,
      probe: {
        msgType: textOf(fields.MsgType),
        content: textOf(fields.Content),
        event: textOf(fields.Event),
        eventKey: textOf(fields.EventKey),
      },
      search: url.search,
      body: draft.rawBody,
      contentType,
      judgeUpstream: (body) =>
        judgeUpstreamReply(body, { account, aes, inbound: fields, crypto: this.crypto, rt: this.d.rt }),
    });
    const r =
      work instanceof Promise
        ? await withDeadline(work, this.d.deadlineMs() - t.elapsed())
        : ({ inTime: true, value: work } as const);
    t.end('handle');
    let answer: Answer;
    let after: (() => void) | undefined;
    const conv: CallbackMessage[] = inbound && draft.dedupe !== 'retry' ? [inbound] : [];
    if (!r.inTime) {
      draft.detail = `handlers still running at the ${this.d.deadlineMs()} ms deadline: answered success; their reply follows through the customer-service API`;
      answer = textAnswer(SUCCESS, 'late', 'deadline_passed');
      draft.replyPlain = 'success';
      after = () =>
        void Promise.resolve(work)
          .then((h) => this.lateResult(draft.id, account.id, openid, h))
          .catch((e: unknown) => console.error('[callback] late handler failed', e));
    } else {
      const h = r.value;
      draft.matched = h.matched;
      draft.upstream = h.upstream;
      answer = this.replies.buildAnswer(draft, account, fields, aes, h);
      const replyConv = this.replies.outboundConv(draft, account.id, openid, h);
      if (replyConv) conv.push(replyConv);
      if (h.followUps.length && openid) {
        after = () => void this.d.late.enqueue(account.id, draft.id, openid, h.followUps, 'follow-up');
      }
    }
    return { answer, conv, after, ticket };
  }

  /** A first delivery that failed (or was not logged): its retry must run the handlers again. */
  private releaseClaim(draft: Draft): void {
    if (draft.account && draft.dedupeKey && draft.dedupe === 'first')
      this.d.dedupe.forget(draft.account.id, draft.dedupeKey);
  }

  /** The handlers finished after the deadline: their replies go through customer service. */
  private lateResult(logId: number, accountId: string, openid: string, h: HandleResult): Promise<void> {
    this.d.onLate?.(logId, h.matched, h.upstream);
    const replies: RuleReply[] = [];
    if (h.relay) {
      const r = xmlToRuleReply(h.relay.plainXml);
      if (r) replies.push(r);
    } else if (h.passive) replies.push(h.passive);
    replies.push(...h.followUps);
    if (!replies.length || !openid) return Promise.resolve();
    return this.d.late.enqueue(accountId, logId, openid, replies, 'deadline passed');
  }

  /**
   * Records the request (all its rows in one transaction, group-committed with its neighbours) and
   * only then writes the response: a 200 always means the log holds the request.
   */
  private respond(
    res: http.ServerResponse,
    draft: Draft,
    a: Answer,
    conv: CallbackMessage[] = [],
    committed?: () => void,
  ): void {
    const { t } = draft;
    const rec: CallbackLogRecord = {
      id: draft.id,
      exchangeId: draft.exchangeId,
      delivery: draft.delivery,
      accountId: draft.account?.id ?? null,
      slug: draft.slug,
      at: draft.at,
      source: draft.source,
      method: draft.method,
      path: draft.path,
      query: draft.query,
      headers: draft.headers,
      rawBody: draft.rawBody,
      decryptedXml: draft.decryptedXml,
      parsed: draft.parsed,
      msgType: draft.fields ? textOf(draft.fields.MsgType) || null : null,
      event: draft.fields ? textOf(draft.fields.Event) || null : null,
      openid: draft.fields ? textOf(draft.fields.FromUserName) || null : null,
      preview: draft.fields ? messagePreview(draft.fields) : null,
      dedupeKey: draft.dedupeKey,
      dedupe: draft.dedupe,
      matched: draft.matched,
      replyPlain: draft.replyPlain,
      replyBody: a.body,
      status: a.status,
      outcome: a.outcome,
      reason: a.reason,
      detail: draft.detail,
      upstream: draft.upstream ? JSON.stringify(draft.upstream) : null,
      timings: '',
      totalMs: 0,
    };
    const recordStart = performance.now();
    rec.totalMs = round(recordStart - t.start);
    rec.timings = JSON.stringify(t.timings);
    this.d.recorder.record(rec, conv, (err) => {
      if (err) {
        // Never answer 200 for a request the log does not hold: WeChat will retry it. The failure
        // is told once, not per request, by the recorder's LogHealth (app.status, console).
        this.releaseClaim(draft);
        if (!res.headersSent) res.writeHead(500, { 'content-type': TEXT_TYPE });
        res.end('could not record the request\n');
        return;
      }
      const writeStart = performance.now();
      writeLoggedHead(res, a.status, a.headers, bodyLength(a.body), draft.id);
      // A reply of a few KB goes to the socket inside end(); timing it here spares every response a
      // 'finish' listener and a closure.
      res.end(a.body);
      this.d.recorder.written(draft.id, writeStart - recordStart, performance.now() - writeStart);
      committed?.();
    });
  }
}

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
