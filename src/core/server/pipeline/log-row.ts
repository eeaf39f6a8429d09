import type { CallbackLogRecord } from '../../store/repos/callback-log-repo';
import { messagePreview, textOf } from '../../wechat';
import { maskedHeadersJson, storedQuery } from '../request-facts';
import { keptOfUnverified } from '../unverified';
import type { Facts, Handled } from './answer';
import type { Inbound } from './inbound';
import { round } from './stage-timer';

const NO_FACTS: Facts = {};

/**
 * The callback_log row of a request and its verdict (docs/architecture.md §5), made in one place
 * for every route. Secrets never reach it: the query and headers are masked (request-facts.ts). A
 * request not proven WeChat's keeps only a prefix of its body (unverified.ts).
 */
export function recordOf(req: Inbound, h: Handled): CallbackLogRecord {
  const f = h.facts ?? NO_FACTS;
  const a = h.answer;
  const fields = f.fields ?? null;
  const kept = f.verified
    ? { body: req.body, detail: a.detail }
    : keptOfUnverified(req.body, a.detail, req.raw.headers['content-length']);
  return {
    id: req.id,
    exchangeId: f.exchangeId ?? null,
    delivery: f.delivery ?? 1,
    accountId: f.accountId ?? null,
    slug: f.slug ?? null,
    at: req.at,
    source: req.source === 'wechat' && f.notWechat ? 'other' : req.source,
    method: req.method,
    path: req.pathname,
    query: storedQuery(req.q, req.search),
    headers: maskedHeadersJson(req.raw.headers),
    rawBody: kept.body,
    decryptedXml: f.decryptedXml ?? null,
    parsed: f.parsed ?? null,
    // A third-party platform's pushes name their kind in InfoType (§11.2).
    msgType: fields ? textOf(fields.MsgType) || textOf(fields.InfoType) || null : null,
    event: fields ? textOf(fields.Event) || null : null,
    openid: fields ? textOf(fields.FromUserName) || null : null,
    preview: fields ? messagePreview(fields) : null,
    dedupeKey: f.dedupeKey ?? null,
    dedupe: f.dedupe ?? 'none',
    matched: f.matched ?? null,
    replyPlain: f.replyPlain ?? null,
    replyBody: a.body,
    status: a.status,
    outcome: a.outcome,
    reason: a.reason,
    detail: kept.detail,
    upstream: f.upstream ? JSON.stringify(f.upstream) : null,
    timings: req.t.json(),
    totalMs: round(req.t.elapsed()),
  };
}
