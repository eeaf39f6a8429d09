import type http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Runtime } from '../../runtime';
import { BodyTooLargeError, ClientGoneError, CountedLog, readBody } from '../../http';
import type { CallbackRecorder } from '../callback-recorder';
import type { CallbackRoute } from '../callback-routes';
import type { DedupeStore } from '../dedupe-store';
import { failureAddress, type FailureLimiter } from '../failure-limiter';
import { writeLoggedHead } from './logged-head';
import type { RequestTarget } from '../request-target';
import type { SourceKey } from '../source-key';
import { rateLimitedDetail, takeFailure } from '../unverified';
import { bodyLength, reject, TEXT_TYPE, type Handled } from './answer';
import { Inbound } from './inbound';
import { recordOf } from './log-row';
import { isHandled, type LoggedRoute } from './route';

/** §0/§2.1: WeChat messages are a few KB; 1 MiB leaves room for anything legitimate. */
export const DEFAULT_BODY_LIMIT = 1 << 20;

/** Status recorded for a request whose client left before it was read (nginx's "client closed request"). */
export const CLIENT_GONE_STATUS = 499;

export interface PipelineDeps {
  recorder: CallbackRecorder;
  dedupe: DedupeStore;
  rt: Runtime;
  /** Tells MPDesk's own requests (simulator, replays) from everyone else's. */
  sources: SourceKey;
  /** Refuses addresses that keep failing the checks (never a signed request). */
  limiter: FailureLimiter;
  bodyLimit?: number;
}

/**
 * The logged pipeline every callback route runs in (docs/architecture.md §4): read → the route's
 * stages → record → write head and body → written. Each request becomes one callback_log row,
 * committed (group-committed with its neighbours, callback-recorder.ts) before its answer is
 * written, so a 200 always means the log holds the request. No request can stop the listener: a
 * route that throws answers a logged 500.
 */
export class CallbackPipeline {
  readonly bodyLimit: number;
  private readonly log = new CountedLog('[callback]');

  constructor(private readonly d: PipelineDeps) {
    this.bodyLimit = d.bodyLimit ?? DEFAULT_BODY_LIMIT;
  }

  /** `route` as the listener's router takes it (callback-routes.ts). */
  route<S>(route: LoggedRoute<S>): CallbackRoute {
    return {
      match: (p) => route.match(p),
      handle: (req, res, url) => this.serve(route, req, res, url),
    };
  }

  private async serve<S>(
    route: LoggedRoute<S>,
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: RequestTarget,
  ): Promise<void> {
    const { recorder, rt, sources, dedupe } = this.d;
    const inbound = new Inbound(
      req,
      url,
      recorder.nextId(),
      rt.clock.now(),
      sources.sourceOf(req.headers),
      dedupe,
    );
    let handled: Handled;
    try {
      const admitted = route.admit(inbound);
      if (isHandled(admitted)) {
        req.resume();
        handled = admitted;
      } else {
        const refusal = await this.readBody(inbound, admitted.keep);
        handled = refusal
          ? { ...refusal, facts: admitted.facts }
          : await route.handle(inbound, admitted.state);
      }
    } catch (e) {
      const message = (e as Error)?.message ?? String(e);
      if (this.log.note(`a route failed (${message})`)) console.error(e);
      inbound.release();
      handled = {
        answer: {
          ...reject(500, 'internal_error', 'internal error', `internal error: ${message}`),
          outcome: 'error',
        },
      };
    }
    this.respond(res, inbound, handled);
  }

  /** Reads the body into `req`; a refusal comes back as its verdict (413, or 499 for a client gone). */
  private async readBody(req: Inbound, keep: number): Promise<Handled | undefined> {
    const raw = req.raw;
    try {
      if (raw.method === 'GET' || raw.method === 'HEAD') raw.resume();
      else req.body = await readBody(raw, this.bodyLimit, Math.min(keep, this.bodyLimit));
      return undefined;
    } catch (e) {
      if (e instanceof BodyTooLargeError) {
        return {
          answer: reject(
            413,
            'body_too_large',
            'request body too large',
            `body larger than ${this.bodyLimit} bytes`,
          ),
        };
      }
      if (e instanceof ClientGoneError) {
        this.log.note('a client went away before its request body arrived');
        return { answer: reject(CLIENT_GONE_STATUS, 'client_gone', 'client went away', e.message) };
      }
      throw e;
    } finally {
      req.t.sinceStart('read');
    }
  }

  /**
   * Records the request (its row and conversation messages in one transaction, group-committed with
   * its neighbours) and only then writes the answer.
   */
  private respond(res: http.ServerResponse, req: Inbound, verdict: Handled): void {
    const h = this.limited(res, req, verdict);
    if (!h) return;
    const rec = recordOf(req, h);
    const a = h.answer;
    const recordStart = performance.now();
    this.d.recorder.record(rec, h.conv ?? [], (err) => {
      if (err) {
        // Never answer 200 for a request the log does not hold: WeChat will retry it. The failure
        // is told once, not per request, by the recorder's LogHealth (app.status, console).
        req.release();
        if (!res.headersSent) res.writeHead(500, { 'content-type': TEXT_TYPE });
        res.end('could not record the request\n');
        return;
      }
      const writeStart = performance.now();
      writeLoggedHead(res, a, bodyLength(a.body), req.id);
      // A reply of a few KB goes to the socket inside end(); timing it here spares every response a
      // 'finish' listener and a closure.
      res.end(a.body);
      this.d.recorder.written(req.id, writeStart - recordStart, performance.now() - writeStart);
      // Retries waiting on this exchange get its reply only once the first delivery is on disk.
      if (req.exchange) this.d.dedupe.settled(req.exchange.ticket, a, h.facts?.replyPlain ?? null);
      h.after?.();
    });
  }

  /**
   * A refusal of a request not proven WeChat's takes one of its address's failures: past them the
   * first gets a 429 row that says so, the rest a bare 429 and no row (undefined: answered here).
   */
  private limited(res: http.ServerResponse, req: Inbound, h: Handled): Handled | undefined {
    const a = h.answer;
    if (h.facts?.verified || req.source === 'simulator' || req.source === 'replay') return h;
    if (a.status < 400 || a.status >= 500) return h;
    const addr = failureAddress(req.raw);
    const verdict = takeFailure(this.d.limiter, addr, res, this.log);
    if (verdict === 'record') return h;
    req.release();
    if (verdict === 'done') return undefined;
    const limitedAnswer = reject(
      429,
      'rate_limited',
      'too many failed requests',
      rateLimitedDetail(addr, a.reason, a.detail),
    );
    return {
      answer: { ...limitedAnswer, headers: { 'retry-after': String(this.d.limiter.retryAfterS(addr)) } },
      facts: h.facts,
    };
  }
}
