import { request, type Dispatcher } from 'undici';
import type { ApiLogEntryDto } from '../../shared/api/areas/apilog';
import { AppError, netFailureOf, type NetFailure, type WechatUnreachableDetails } from '../../shared/errors';
import { maskBodyText, maskQuery } from './mask';

export type ApiOrigin = ApiLogEntryDto['origin'];

/** One HTTP call, before a host is chosen. */
export interface ApiCall {
  accountId: string | null;
  /** Origins tried in order: the first, then the backup on network errors and 5xx only (§12, §14.10). */
  hosts: readonly string[];
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, string | undefined>;
  /** JSON body (POST). */
  body?: unknown;
  origin: ApiOrigin;
  timeoutMs?: number;
}

export interface ApiAnswer {
  status: number;
  text: string;
  /** Parsed JSON, or undefined when the body is not JSON. */
  json: unknown;
  host: string;
  latencyMs: number;
  logId: string | null;
}

/** Where every attempt is recorded (the API log); already masked when it gets here. */
export interface ApiLogSink {
  append(entry: Omit<ApiLogEntryDto, 'id'>): string | null;
}

export interface TransportOptions {
  dispatcher: Dispatcher;
  now: () => number;
  log?: ApiLogSink;
  /** Per attempt, headers and body included. */
  timeoutMs?: number;
}

class AttemptFailed extends Error {
  constructor(
    readonly kind: 'network' | 'timeout',
    readonly net: NetFailure,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The facts the UI words as "cannot reach WeChat's server" (not "cannot reach MPDesk", which the
 * same `unavailable` code also means for the console's own transport): `unreachable: 'wechat'`,
 * the hosts tried and what went wrong with the last one.
 */
function unreachable(call: ApiCall, net: NetFailure): WechatUnreachableDetails {
  return {
    unreachable: 'wechat',
    hosts: call.hosts.map((h) => {
      try {
        return new URL(h).host;
      } catch {
        return h;
      }
    }),
    net,
  };
}

/**
 * The HTTP layer of the WeChat client: undici with an injected Dispatcher, a timeout on every call,
 * backup-host fallback on network errors and 5xx (never on an errcode, which is a definite answer),
 * and one API-log entry per attempt with secrets masked.
 */
export class WechatTransport {
  constructor(private readonly opts: TransportOptions) {}

  async send(call: ApiCall): Promise<ApiAnswer> {
    if (call.hosts.length === 0) throw new AppError('unavailable', 'No API host configured for this account');
    const failures: string[] = [];
    for (const [i, rawHost] of call.hosts.entries()) {
      const host = rawHost.replace(/\/+$/, '');
      const last = i === call.hosts.length - 1;
      try {
        const answer = await this.attempt(host, call);
        if (answer.status >= 500 && !last) {
          failures.push(`${host}: HTTP ${answer.status}`);
          continue;
        }
        if (answer.status >= 500) {
          failures.push(`${host}: HTTP ${answer.status}`);
          throw new AppError('unavailable', `WeChat API unavailable (${failures.join('; ')})`, {
            details: { status: answer.status, path: call.path, ...unreachable(call, 'http_error') },
          });
        }
        return answer;
      } catch (e) {
        if (!(e instanceof AttemptFailed)) throw e;
        failures.push(`${host}: ${e.message}`);
        // A POST that timed out may have been carried out (a customer-service message sent): trying it
        // again on the backup host could do it twice, so only requests that never got an answer
        // because of the connection, or GETs, move on.
        const mayHaveRun = e.kind === 'timeout' && call.method === 'POST';
        if (!last && !mayHaveRun) continue;
        const code = e.kind === 'timeout' ? 'timeout' : 'unavailable';
        throw new AppError(code, `Cannot reach the WeChat API (${failures.join('; ')})`, {
          details: { path: call.path, ...unreachable(call, e.net) },
        });
      }
    }
    throw new AppError('internal', 'unreachable');
  }

  private async attempt(host: string, call: ApiCall): Promise<ApiAnswer> {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(call.query ?? {})) if (v !== undefined) query.append(k, v);
    const qs = query.toString();
    const url = `${host}${call.path}${qs ? `?${qs}` : ''}`;
    const bodyText = call.body === undefined ? undefined : JSON.stringify(call.body);
    const timeoutMs = call.timeoutMs ?? this.opts.timeoutMs ?? 10_000;
    const ac = new AbortController();
    const timer = setTimeout(() => ac.abort(), timeoutMs);
    const started = performance.now();
    const at = this.opts.now();
    const record = (r: {
      status: number | null;
      text: string | null;
      error: string | null;
      json?: unknown;
    }) => {
      const json = r.json as { errcode?: unknown; errmsg?: unknown } | undefined;
      const errcode = json && typeof json.errcode === 'number' ? json.errcode : null;
      return (
        this.opts.log?.append({
          accountId: call.accountId,
          at,
          method: call.method,
          host,
          path: call.path,
          query: maskQuery(query),
          requestBody: bodyText === undefined ? null : maskBodyText(bodyText),
          status: r.status,
          responseBody: r.text === null ? null : maskBodyText(r.text),
          latencyMs: Math.round(performance.now() - started),
          errcode,
          errmsg: json && typeof json.errmsg === 'string' ? json.errmsg : null,
          error: r.error,
          origin: call.origin,
        }) ?? null
      );
    };
    try {
      const res = await request(url, {
        method: call.method,
        dispatcher: this.opts.dispatcher,
        signal: ac.signal,
        headers: bodyText === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' },
        body: bodyText,
      });
      const text = await res.body.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      const latencyMs = Math.round(performance.now() - started);
      const logId = record({ status: res.statusCode, text, error: null, json });
      return { status: res.statusCode, text, json, host, latencyMs, logId };
    } catch (e) {
      const timedOut = ac.signal.aborted;
      const msg = timedOut ? `timed out after ${timeoutMs} ms` : networkMessage(e);
      record({ status: null, text: null, error: msg });
      throw new AttemptFailed(timedOut ? 'timeout' : 'network', timedOut ? 'timeout' : netFailureOf(e), msg);
    } finally {
      clearTimeout(timer);
    }
  }
}

function networkMessage(e: unknown): string {
  const err = e as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = err.cause?.code ?? err.code;
  const message = err.cause?.message ?? err.message ?? String(e);
  return code ? `${code}: ${message}` : message;
}
