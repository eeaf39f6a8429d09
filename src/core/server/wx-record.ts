import type http from 'node:http';
import type { CallbackSource } from '../../shared/api/areas/callbacks';
import { messagePreview } from '../wechat';
import type { CallbackLogRecord } from '../store/repos/callback-log-repo';
import { textOf } from '../wechat';
import { BodyTooLargeError, ClientGoneError, readBody } from '../http';
import { maskedHeaders, maskedQuery, parseRawQuery } from './request-facts';
import type { RequestTarget } from './request-target';
import { StageTimer } from './stage-timer';
import { keptOfUnverified } from './unverified';
import { reject, REPLAY_OF_HEADER, type Answer, type Draft } from './wx-draft';

const EMPTY = Buffer.alloc(0);

/**
 * A request's draft as it arrives: everything the log row needs before the pipeline runs. `source`
 * is what the request may claim (source-key.ts); only a replay of ours names the delivery it repeats.
 */
export function newDraft(
  req: http.IncomingMessage,
  url: RequestTarget,
  id: number,
  at: number,
  source: CallbackSource,
): Draft {
  const t = new StageTimer();
  const q = parseRawQuery(url.search);
  const replayOf = source === 'replay' ? Number(req.headers[REPLAY_OF_HEADER]) : NaN;
  return {
    id,
    t,
    at,
    source,
    verified: false,
    declaredLength: req.headers['content-length'],
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

/**
 * The callback_log row of a request and its answer (timings filled in by the caller). A request not
 * proven WeChat's keeps only a prefix of its body (unverified.ts).
 */
export function recordOf(draft: Draft, a: Answer): CallbackLogRecord {
  const f = draft.fields;
  const kept = draft.verified
    ? { body: draft.rawBody, detail: draft.detail }
    : keptOfUnverified(draft.rawBody, draft.detail, draft.declaredLength);
  return {
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
    rawBody: kept.body,
    decryptedXml: draft.decryptedXml,
    parsed: draft.parsed,
    msgType: f ? textOf(f.MsgType) || null : null,
    event: f ? textOf(f.Event) || null : null,
    openid: f ? textOf(f.FromUserName) || null : null,
    preview: f ? messagePreview(f) : null,
    dedupeKey: draft.dedupeKey,
    dedupe: draft.dedupe,
    matched: draft.matched,
    replyPlain: draft.replyPlain,
    replyBody: a.body,
    status: a.status,
    outcome: a.outcome,
    reason: a.reason,
    detail: kept.detail,
    upstream: draft.upstream ? JSON.stringify(draft.upstream) : null,
    timings: '',
    totalMs: 0,
  };
}

/** Status recorded for a request whose client left before it was read (nginx's "client closed request"). */
export const CLIENT_GONE_STATUS = 499;

/**
 * Reads the body into the draft (GET and HEAD carry none). A refusal comes back as its Answer: 413
 * past `limit`, and for a client that went away a 499 row that says so. Either way the draft's
 * detail says why and the read stage is timed.
 */
export async function readDraftBody(
  req: http.IncomingMessage,
  draft: Draft,
  limit: number,
  keep = limit,
): Promise<Answer | undefined> {
  try {
    if (req.method === 'GET' || req.method === 'HEAD') req.resume();
    else draft.rawBody = await readBody(req, limit, keep);
    return undefined;
  } catch (e) {
    if (e instanceof BodyTooLargeError) {
      draft.detail = `body larger than ${limit} bytes`;
      return reject(413, 'body_too_large', 'request body too large');
    }
    if (e instanceof ClientGoneError) {
      draft.detail = e.message;
      return reject(CLIENT_GONE_STATUS, 'client_gone', 'client went away');
    }
    throw e;
  } finally {
    draft.t.end('read');
  }
}
