import { performance } from 'node:perf_hooks';
import type { Runtime } from '../runtime';
import { refuse, type ComponentAnswer } from './component-answer';
import { messagePreview, textOf } from '../wechat';
import type { CallbackLogRecord } from '../store/repos/callback-log-repo';
import type { CallbackRecorder } from './callback-recorder';
import type { CallbackRoute } from './callback-routes';
import { BodyTooLargeError, ClientGoneError, CountedLog, readBody } from '../http';
import { mask, maskedHeaders, maskedQuery, parseRawQuery } from './request-facts';
import { bodyLength } from './wx-draft';
import { DEFAULT_BODY_LIMIT } from './wx-route';
import { writeLoggedHead } from './logged-head';
import { CLIENT_GONE_STATUS } from './wx-record';
import type { SourceKey } from './source-key';
import { failureAddress, type FailureLimiter } from './failure-limiter';
import { keptOfUnverified, rateLimitedDetail, takeFailure } from './unverified';

const EVENTS = /^\/component\/([A-Za-z0-9_-]{1,64})\/events$/;
const AUTHORIZED = /^\/component\/([A-Za-z0-9_-]{1,64})\/authorized$/;
const MESSAGES = /^\/component\/([A-Za-z0-9_-]{1,64})\/([A-Za-z0-9_$-]{1,64})\/messages$/;

type Query = Map<string, string> | undefined;

/** What answers component requests: the third-party platform feature (services/component), behind a port. */
export interface ComponentInboundPort {
  /** `/component/<platform>/events`: ticket pushes and authorization changes (§11.2-§11.3). */
  events(platformId: string, method: string, q: Query, raw: Buffer): ComponentAnswer;
  /** `/component/<platform>/<appid>/messages`: an authorizer's messages and events (§11.6). */
  messages(platformId: string, appid: string, method: string, q: Query, raw: Buffer): ComponentAnswer;
  /** `/component/<platform>/authorized`: MPDesk's own redirect_uri after authorization. */
  authorized(platformId: string, method: string, q: Query): Promise<ComponentAnswer>;
}

/**
 * `POST /component/<platform>/events` and `POST /component/<platform>/<appid>/messages`
 * (docs/architecture.md §3, docs/wechat-protocol.md §11). Every request becomes one callback_log row through
 * the pipeline's recorder, committed before the response is written, like `/wx/<slug>`. Secrets
 * never reach the row: the query is masked, and the decrypted XML of a ticket push has its ticket
 * replaced.
 */
export function componentRoute(deps: {
  inbound: ComponentInboundPort;
  recorder: CallbackRecorder;
  rt: Runtime;
  sources: SourceKey;
  limiter: FailureLimiter;
  bodyLimit?: number;
}): CallbackRoute {
  const limit = deps.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const log = new CountedLog('[component]');
  return {
    match: (p) => p.startsWith('/component/'),
    handle: async (req, res, url) => {
      const start = performance.now();
      const at = deps.rt.clock.now();
      const id = deps.recorder.nextId();
      const q = parseRawQuery(url.search);
      let raw: Buffer = Buffer.alloc(0);
      let a: ComponentAnswer;
      const ev = EVENTS.exec(url.pathname);
      const msg = ev ? null : MESSAGES.exec(url.pathname);
      const landing = ev || msg ? null : AUTHORIZED.exec(url.pathname);
      try {
        raw = req.method === 'POST' ? await readBody(req, limit) : (req.resume(), Buffer.alloc(0));
        const method = req.method ?? 'GET';
        if (ev) a = deps.inbound.events(ev[1], method, q, raw);
        else if (msg) a = deps.inbound.messages(msg[1], msg[2], method, q, raw);
        else if (landing) a = await deps.inbound.authorized(landing[1], method, q);
        else a = refuse(404, 'not_found', 'no route', `no component route for ${url.pathname}`);
      } catch (e) {
        if (e instanceof BodyTooLargeError) {
          a = refuse(413, 'body_too_large', 'request body too large', `body larger than ${limit} bytes`);
        } else if (e instanceof ClientGoneError) {
          log.note('a client went away before its request body arrived');
          a = refuse(CLIENT_GONE_STATUS, 'client_gone', 'client went away', e.message);
        } else {
          if (log.note(`the route failed (${(e as Error)?.message ?? String(e)})`)) console.error(e);
          a = {
            ...refuse(500, 'internal_error', 'internal error', `internal error: ${(e as Error)?.message}`),
            outcome: 'error',
          };
        }
      }
      const source = deps.sources.sourceOf(req.headers);
      // What is not the platform's is kept as a prefix, and its failures are rate-limited (unverified.ts).
      const verified = a.signed === true || a.decryptedXml !== null || a.status < 400;
      if (!verified && source === 'wechat' && a.status >= 400 && a.status < 500) {
        const addr = failureAddress(req);
        const verdict = takeFailure(deps.limiter, addr, res, log);
        if (verdict === 'done') return;
        if (verdict === 'limit') {
          const detail = rateLimitedDetail(addr, a.reason, a.detail);
          a = refuse(429, 'rate_limited', 'too many failed requests', detail);
        }
      }
      const kept = verified
        ? { body: raw, detail: a.detail }
        : keptOfUnverified(raw, a.detail, req.headers['content-length']);
      const f = a.fields;
      const rec: CallbackLogRecord = {
        id,
        exchangeId: null,
        delivery: 1,
        accountId: a.accountId ?? null,
        slug: `component:${ev?.[1] ?? msg?.[1] ?? landing?.[1] ?? '?'}`,
        at,
        source,
        method: req.method ?? 'GET',
        path: url.pathname,
        query: JSON.stringify(maskAuthCode(maskedQuery(q, url.search))),
        headers: JSON.stringify(maskedHeaders(req.headers)),
        rawBody: kept.body,
        decryptedXml: a.decryptedXml ? hideTicket(a.decryptedXml) : null,
        parsed: f ? JSON.stringify(hideTicketFields(f)) : null,
        msgType: f ? textOf(f.MsgType) || textOf(f.InfoType) || null : null,
        event: f ? textOf(f.Event) || null : null,
        openid: f ? textOf(f.FromUserName) || null : null,
        preview: f ? messagePreview(f) : null,
        dedupeKey: null,
        dedupe: 'none',
        matched: a.matched ?? null,
        replyPlain: a.replyPlain,
        replyBody: a.body,
        status: a.status,
        outcome: a.outcome,
        reason: a.reason,
        detail: kept.detail,
        upstream: null,
        timings: JSON.stringify({ handle: Math.round((performance.now() - start) * 1000) / 1000 }),
        totalMs: Math.round((performance.now() - start) * 1000) / 1000,
      };
      deps.recorder.record(rec, [], (err) => {
        if (err) {
          // Told once by the recorder's LogHealth, not per request.
          if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
          res.end('could not record the request\n');
          return;
        }
        writeLoggedHead(res, a.status, { 'content-type': a.contentType }, bodyLength(a.body), id);
        res.end(a.body);
        if (a.after) void a.after().catch((e: unknown) => console.error('[component] follow-up failed', e));
      });
    },
  };
}

/** §11.5: the redirect's auth_code is a credential until exchanged. */
function maskAuthCode(q: Record<string, string>): Record<string, string> {
  return 'auth_code' in q ? { ...q, auth_code: mask(q.auth_code) } : q;
}

/** §11.2/§11.3: the ticket and authorization codes are credentials; the log keeps that they came. */
const HIDDEN = ['ComponentVerifyTicket', 'AuthorizationCode', 'PreAuthCode'] as const;
function hideTicket(xml: string): string {
  let out = xml;
  for (const tag of HIDDEN) {
    out = out.replace(
      new RegExp(`(<${tag}>)([\\s\\S]*?)(</${tag}>)`),
      (_m, a: string, _v: string, b: string) => `${a}****${b}`,
    );
  }
  return out;
}
function hideTicketFields<T extends Record<string, unknown>>(f: T): T {
  const out: Record<string, unknown> = { ...f };
  for (const tag of HIDDEN) if (tag in out) out[tag] = '****';
  return out as T;
}
