import type http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { CallbackOutcome, CallbackReason } from '../../shared/api/areas/callbacks';
import type { Runtime } from '../runtime';
import type { CallbackLogRecord } from '../store/repos/callback-log-repo';
import type { CallbackRecorder } from './callback-recorder';
import { parseRawQuery } from '../wechat';
import { maskedHeadersJson, maskedQuery } from './request-facts';
import type { RequestTarget } from './request-target';

/**
 * One log row for a request outside the message pipeline that a browser or the developer's server
 * makes on the public URL: the OAuth callback and the gateway's answers and proxied requests
 * (docs/architecture.md §3). Record, then respond, as the pipeline does (§4); request bodies are not
 * stored, and the query and headers are masked (codes, cookies, Authorization). These helpers are
 * the seam issue 22's single pipeline is to take over.
 */
export interface WebRequestFacts {
  id: number;
  at: number;
  start: number;
  method: string;
  path: string;
  query: string;
  headers: string;
}

export interface WebOutcome {
  status: number;
  outcome: CallbackOutcome;
  reason: CallbackReason;
  detail: string;
  accountId?: string | null;
  slug?: string | null;
  openid?: string | null;
  /** What the log keeps of the response body ('' for a proxied one). */
  logBody?: string;
}

/** An answer MPDesk writes itself (a page, a redirect, JSON). */
export interface WebAnswer extends WebOutcome {
  headers: http.OutgoingHttpHeaders;
  body: string;
}

export function webRequestFacts(
  recorder: CallbackRecorder,
  rt: Runtime,
  req: http.IncomingMessage,
  url: RequestTarget,
): WebRequestFacts {
  return {
    id: recorder.nextId(),
    at: rt.clock.now(),
    start: performance.now(),
    method: req.method ?? 'GET',
    path: url.pathname,
    query: JSON.stringify(maskedQuery(parseRawQuery(url.search), url.search)),
    headers: maskedHeadersJson(req.headers),
  };
}

export function webLogRecord(f: WebRequestFacts, o: WebOutcome): CallbackLogRecord {
  const totalMs = Math.round((performance.now() - f.start) * 1000) / 1000;
  return {
    id: f.id,
    exchangeId: null,
    delivery: 1,
    accountId: o.accountId ?? null,
    slug: o.slug ?? null,
    at: f.at,
    source: 'web',
    method: f.method,
    path: f.path,
    query: f.query,
    headers: f.headers,
    rawBody: Buffer.alloc(0),
    decryptedXml: null,
    parsed: null,
    msgType: null,
    event: null,
    openid: o.openid ?? null,
    dedupeKey: null,
    dedupe: 'none',
    matched: null,
    replyPlain: null,
    replyBody: o.logBody ?? '',
    status: o.status,
    outcome: o.outcome,
    reason: o.reason,
    detail: o.detail,
    upstream: null,
    timings: JSON.stringify({ handle: totalMs }),
    totalMs,
  };
}

/** Commits the row, then runs `then`; a row the log cannot take is answered 500 (never a 2xx it does not hold). */
export function recordThen(
  recorder: CallbackRecorder,
  res: http.ServerResponse,
  rec: CallbackLogRecord,
  then: () => void,
): void {
  recorder.record(rec, [], (err) => {
    if (err) {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('could not record the request\n');
      return;
    }
    then();
  });
}

/** Records the answer's row, then writes it (headers validated by Node: some values come from requests). */
export function answerLogged(
  recorder: CallbackRecorder,
  res: http.ServerResponse,
  f: WebRequestFacts,
  a: WebAnswer,
): void {
  const rec = webLogRecord(f, { ...a, logBody: a.logBody ?? a.body });
  recordThen(recorder, res, rec, () => {
    res.writeHead(a.status, {
      ...a.headers,
      'content-length': Buffer.byteLength(a.body),
      'x-mpdesk-log-id': String(f.id),
    });
    res.end(f.method === 'HEAD' ? undefined : a.body);
  });
}
