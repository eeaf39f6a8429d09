import crypto from 'node:crypto';
import type http from 'node:http';
import { BodyTooLargeError, dispatch, HttpListener, readBody, type Core } from '../core';
import type { EventEnvelope } from '../shared/api/contract';
import type { ErrorCode } from '../shared/errors';
import { serveStatic } from './static-files';

const MAX_BODY = 5 * 1024 * 1024;

const STATUS: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  timeout: 504,
  unavailable: 503,
  wechat_error: 502,
  storage: 507,
  secret_store: 500,
  tunnel: 502,
  internal: 500,
};

export interface ConsoleServerOptions {
  core: Core;
  token: string;
  rendererDir: string;
  host?: string;
  port: number;
}

/**
 * The headless transport of the contract (docs/architecture.md §2): `POST /api/call/<method>` and
 * `GET /api/events` (SSE, resumable by sequence id) plus the built renderer. Bound to 127.0.0.1;
 * every API request needs the bearer token, and Host/Origin must be ours, which defeats DNS
 * rebinding and cross-site requests from pages the user happens to have open.
 */
export class ConsoleServer {
  private readonly listener: HttpListener;
  private readonly sseClients = new Set<http.ServerResponse>();
  private heartbeat?: NodeJS.Timeout;
  private unsubscribe?: () => void;

  constructor(private readonly opts: ConsoleServerOptions) {
    this.listener = new HttpListener((req, res) => this.handle(req, res), {
      host: opts.host ?? '127.0.0.1',
      port: opts.port,
      name: 'console',
      failed: (res) => this.fail(res, 500, 'internal', 'Internal error; see the MPDesk log.'),
    });
  }

  async start() {
    const info = await this.listener.start();
    this.unsubscribe = this.opts.core.events.subscribe((e) => this.broadcast(e));
    this.heartbeat = setInterval(() => {
      for (const c of this.sseClients) c.write(': ping\n\n');
    }, 15_000);
    this.heartbeat.unref();
    return info;
  }

  async stop() {
    this.unsubscribe?.();
    clearInterval(this.heartbeat);
    for (const c of this.sseClients) c.end();
    this.sseClients.clear();
    await this.listener.stop();
  }

  private allowedHosts(): Set<string> {
    const port = this.listener.address?.port;
    return new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void | Promise<void> {
    const hosts = this.allowedHosts();
    if (!req.headers.host || !hosts.has(req.headers.host.toLowerCase())) {
      return this.fail(
        res,
        403,
        'forbidden',
        'Host not allowed: open the console at the URL MPDesk printed.',
      );
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !hosts.has(origin.replace(/^http:\/\//, '').toLowerCase())) {
      return this.fail(res, 403, 'forbidden', `Origin ${origin} is not allowed.`);
    }
    const url = parseTarget(req.url ?? '/');
    if (!url) return this.fail(res, 400, 'invalid_input', 'Malformed request target');
    if (!url.pathname.startsWith('/api/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD')
        return this.fail(res, 405, 'invalid_input', 'Method not allowed');
      return serveStatic(this.opts.rendererDir, url.pathname, res);
    }
    if (!this.authorized(req)) {
      return this.fail(
        res,
        401,
        'unauthorized',
        'Missing or wrong console token. Open the URL MPDesk printed (it ends with #token=...).',
      );
    }
    if (url.pathname === '/api/events' && req.method === 'GET') return this.openStream(req, res, url);
    const [, method] = /^\/api\/call\/([A-Za-z0-9_.]+)$/.exec(url.pathname) ?? [];
    // Returned, not voided: a rejection reaches the listener's guard (one 500, never the process).
    if (method && req.method === 'POST') return this.call(method, req, res);
    this.fail(res, 404, 'not_found', `No API route ${req.method} ${url.pathname}`);
  }

  private authorized(req: http.IncomingMessage): boolean {
    const h = req.headers.authorization ?? '';
    const given = Buffer.from(h.startsWith('Bearer ') ? h.slice(7) : '');
    const want = Buffer.from(this.opts.token);
    return given.length === want.length && crypto.timingSafeEqual(given, want);
  }

  private async call(method: string, req: http.IncomingMessage, res: http.ServerResponse) {
    let raw: unknown;
    try {
      const body = await readBody(req, MAX_BODY);
      raw = body.length === 0 ? undefined : JSON.parse(body.toString('utf8'));
    } catch (e) {
      const tooBig = e instanceof BodyTooLargeError;
      return this.fail(
        res,
        tooBig ? 413 : 400,
        'invalid_input',
        tooBig ? 'Request body too large' : 'Request body is not valid JSON',
      );
    }
    const result = await dispatch(this.opts.core.handlers, method, raw, { transport: 'http' });
    const status = result.ok ? 200 : STATUS[result.error.code];
    this.json(res, status, result);
  }

  private openStream(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    this.sseClients.add(res);
    req.on('close', () => this.sseClients.delete(res));
    const lastId = Number(req.headers['last-event-id'] ?? url.searchParams.get('since') ?? NaN);
    if (Number.isFinite(lastId)) {
      const { events, complete } = this.opts.core.events.since(lastId);
      // The client missed more than we kept: tell it to reload its state rather than show a hole.
      if (!complete) res.write(`event: gap\ndata: {"since":${lastId}}\n\n`);
      for (const e of events) res.write(sseFrame(e));
    } else {
      res.write(`event: hello\ndata: {"seq":${this.opts.core.events.lastSeq}}\n\n`);
    }
  }

  private broadcast(e: EventEnvelope) {
    const frame = sseFrame(e);
    for (const c of this.sseClients) c.write(frame);
  }

  private json(res: http.ServerResponse, status: number, body: unknown) {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(text);
  }

  private fail(res: http.ServerResponse, status: number, code: ErrorCode, message: string) {
    this.json(res, status, { ok: false, error: { code, message } });
  }
}

/** The request target as a URL; undefined when it is not one (`//`, `//:80`). */
function parseTarget(target: string): URL | undefined {
  try {
    return new URL(target, 'http://console.local');
  } catch {
    return undefined;
  }
}

function sseFrame(e: EventEnvelope): string {
  return `id: ${e.seq}\ndata: ${JSON.stringify(e)}\n\n`;
}
