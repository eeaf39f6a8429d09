import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import { downstreamResponseHeaders } from './identity-headers';

/**
 * The gateway's reverse proxy to the developer's app (node:http, streaming both ways): the request
 * body goes to the app as it arrives and the app's body to the browser as it comes, so uploads,
 * long polls and server-sent events work; a WebSocket handshake is passed through and the two
 * sockets piped. Keep-alive connections to the app are pooled. Failures are told apart for the
 * 502/504 page: the app refused the connection (it is not running), did not answer in time, or hung
 * up. Nothing here decides who may pass: the gateway route does, before calling it.
 */

export type ProxyFailure = 'refused' | 'timeout' | 'reset';

export interface ProxyTimeouts {
  /** To open the TCP connection to the app. */
  connectMs: number;
  /** From the request to the app's response head. */
  headMs: number;
  /** Of silence on an open connection, once the response streams. */
  idleMs: number;
}

export const DEFAULT_PROXY_TIMEOUTS: ProxyTimeouts = { connectMs: 5_000, headMs: 30_000, idleMs: 120_000 };

export interface ForwardRequest {
  /** The app's base URL (a path prefix is kept). */
  upstream: string;
  /** The request's path and query as received. */
  target: string;
  headers: http.OutgoingHttpHeaders;
}

class Failure extends Error {
  constructor(readonly kind: ProxyFailure) {
    super(kind);
  }
}

const kindOf = (e: unknown): ProxyFailure => {
  if (e instanceof Failure) return e.kind;
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH' || code === 'EAI_AGAIN')
    return 'refused';
  if (code === 'ETIMEDOUT') return 'timeout';
  return 'reset';
};

export class ReverseProxy {
  private readonly agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }),
  };

  constructor(private readonly timeouts: ProxyTimeouts = DEFAULT_PROXY_TIMEOUTS) {}

  /**
   * Sends the request to the app. `onHead` gets the app's status and headers (it may add to them,
   * e.g. a re-issued cookie) and must call `send` to start the body (the caller records the log row
   * first); `onFail` runs when no head came.
   */
  forward(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    f: ForwardRequest,
    onHead: (status: number, headers: http.OutgoingHttpHeaders, send: () => void) => void,
    onFail: (kind: ProxyFailure, message: string) => void,
  ): void {
    const up = this.request(f, req.method ?? 'GET');
    let answered = false;
    const headTimer = setTimeout(() => up.destroy(new Failure('timeout')), this.timeouts.headMs);
    up.on('response', (ur) => {
      clearTimeout(headTimer);
      answered = true;
      ur.on('error', () => res.destroy());
      const headers = downstreamResponseHeaders(ur.headers);
      onHead(ur.statusCode ?? 502, headers, () => {
        res.writeHead(ur.statusCode ?? 502, ur.statusMessage, headers);
        ur.pipe(res);
      });
    });
    up.on('error', (e) => {
      clearTimeout(headTimer);
      if (answered) res.destroy();
      else onFail(kindOf(e), (e as Error).message);
    });
    // The browser went away: so does the request to the app.
    res.on('close', () => {
      if (!res.writableFinished) up.destroy();
    });
    req.on('error', () => up.destroy());
    req.pipe(up);
  }

  /**
   * Passes a WebSocket handshake to the app; on its 101 the two sockets are piped. `onOpen` tells
   * the app's status (101, or the refusal it answered), `onFail` that it could not be reached.
   */
  upgrade(
    req: http.IncomingMessage,
    socket: Duplex,
    head: Buffer,
    f: ForwardRequest,
    onOpen: (status: number) => void,
    onFail: (kind: ProxyFailure, message: string) => void,
  ): void {
    const up = this.request(f, req.method ?? 'GET', false);
    const headTimer = setTimeout(() => up.destroy(new Failure('timeout')), this.timeouts.headMs);
    up.on('upgrade', (ures, usocket, uhead) => {
      clearTimeout(headTimer);
      socket.write(statusHead(101, ures.statusMessage ?? 'Switching Protocols', ures.rawHeaders));
      if (uhead.length) socket.write(uhead);
      if (head.length) usocket.write(head);
      usocket.on('error', () => socket.destroy());
      socket.on('error', () => usocket.destroy());
      usocket.on('close', () => socket.destroy());
      socket.on('close', () => usocket.destroy());
      usocket.pipe(socket).pipe(usocket);
      onOpen(101);
    });
    up.on('response', (ures) => {
      // The app answered the handshake without upgrading: relay its answer and close.
      clearTimeout(headTimer);
      socket.write(statusHead(ures.statusCode ?? 502, ures.statusMessage ?? '', ures.rawHeaders));
      ures.pipe(socket);
      onOpen(ures.statusCode ?? 502);
    });
    up.on('error', (e) => {
      clearTimeout(headTimer);
      onFail(kindOf(e), (e as Error).message);
    });
    up.end();
  }

  close(): void {
    this.agents['http:'].destroy();
    this.agents['https:'].destroy();
  }

  private request(f: ForwardRequest, method: string, pooled = true): http.ClientRequest {
    const base = new URL(f.upstream);
    const prefix = base.pathname.replace(/\/+$/, '');
    const lib = base.protocol === 'https:' ? https : http;
    const up = lib.request({
      protocol: base.protocol,
      hostname: base.hostname.replace(/^\[|\]$/g, ''),
      port: base.port || undefined,
      method,
      path: `${prefix}${f.target}`,
      // The app sees its own host (dev servers check it); the browser's is in X-Forwarded-Host.
      headers: { ...f.headers, host: base.host },
      agent: pooled ? this.agents[base.protocol as 'http:' | 'https:'] : false,
      timeout: this.timeouts.idleMs,
    });
    up.on('timeout', () => up.destroy(new Failure('timeout')));
    up.on('socket', (s) => {
      if (!s.connecting) return;
      const t = setTimeout(() => up.destroy(new Failure('timeout')), this.timeouts.connectMs);
      s.once('connect', () => clearTimeout(t));
      s.once('close', () => clearTimeout(t));
    });
    return up;
  }
}

function statusHead(status: number, message: string, raw: string[]): string {
  let head = `HTTP/1.1 ${status} ${message}\r\n`;
  for (let i = 0; i < raw.length; i += 2) head += `${raw[i]}: ${raw[i + 1]}\r\n`;
  return `${head}\r\n`;
}
