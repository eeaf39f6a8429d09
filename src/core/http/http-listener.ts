import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { ListenerInfo } from '../../shared/api/areas/app';
import { CountedLog } from './counted-log';

/** A request handler; a rejection counts like a throw. */
export type RequestHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void | Promise<void>;

export interface HttpListenerOptions {
  host: string;
  port: number;
  name: string;
  /**
   * Writes the answer for a request whose handler threw or rejected (headers not sent yet). Default:
   * a plain-text 500. The console answers its own error envelope.
   */
  failed?: (res: http.ServerResponse) => void;
  /** HTTP upgrades (WebSocket); without one Node closes such requests. */
  upgrade?: (req: http.IncomingMessage, socket: Duplex, head: Buffer) => void | Promise<void>;
}

/** Parser errors Node reports through 'clientError', and the status each gets. */
const CLIENT_ERROR_STATUS: Record<string, number> = {
  HPE_HEADER_OVERFLOW: 431,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
  HPE_CHUNK_EXTENSIONS_OVERFLOW: 413,
};

/**
 * A node:http server with the lifecycle every adapter has (docs/architecture.md §6): `start()` binds
 * (port 0 picks a free port), `stop()` is idempotent and closes keep-alive sockets so shutdown is
 * never held up by an idle browser or WeChat connection.
 *
 * No request can end the process: every handler runs inside a guard that turns a throw or a
 * rejection into a 500 for that request only, and bytes that are not HTTP ('clientError') get a
 * 400 (431, 408) and a closed connection. Both are written to the console as counted lines
 * (counted-log.ts), so a flood of them costs a line a minute.
 */
export class HttpListener {
  private server?: http.Server;
  private readonly sockets = new Set<Socket>();
  private info: ListenerInfo | null = null;
  private stopping?: Promise<void>;
  private readonly log: CountedLog;

  constructor(
    private readonly handler: RequestHandler,
    private readonly opts: HttpListenerOptions,
  ) {
    this.log = new CountedLog(`[${opts.name}]`);
  }

  async start(): Promise<ListenerInfo> {
    if (this.info) return this.info;
    const server = http.createServer({ keepAliveTimeout: 5_000, requestTimeout: 30_000 }, (req, res) =>
      this.guarded(req, res),
    );
    server.on('clientError', (err, socket) => this.clientError(err, socket));
    const upgrade = this.opts.upgrade;
    if (upgrade) server.on('upgrade', (req, socket, head) => this.guardedUpgrade(upgrade, req, socket, head));
    server.on('connection', (s) => {
      this.sockets.add(s);
      s.once('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.opts.port, this.opts.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.stopping = undefined;
    const addr = server.address() as AddressInfo;
    const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
    this.info = { host: addr.address, port: addr.port, url: `http://${host}:${addr.port}` };
    return this.info;
  }

  private guarded(req: http.IncomingMessage, res: http.ServerResponse): void {
    let work: void | Promise<void>;
    try {
      work = this.handler(req, res);
    } catch (e) {
      this.handlerFailed(req, res, e);
      return;
    }
    // Not `instanceof Promise`: a thenable from another realm counts too.
    if (work && typeof work.then === 'function') work.then(undefined, (e) => this.handlerFailed(req, res, e));
  }

  /** A bug in one handler: that request gets a 500, the listener keeps serving. */
  private handlerFailed(req: http.IncomingMessage, res: http.ServerResponse, e: unknown): void {
    const what = `a handler failed on ${req.method} (${(e as Error)?.message ?? String(e)})`;
    if (this.log.note(what)) console.error(e);
    try {
      if (res.headersSent) {
        res.destroy();
      } else if (this.opts.failed) {
        this.opts.failed(res);
      } else {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('internal error\n');
      }
    } catch {
      res.destroy();
    }
  }

  /** Bytes Node's parser refused (a bad request line, oversized headers, a slow client timed out). */
  /** An upgrade handler's throw or rejection closes that socket only, like `guarded` for requests. */
  private guardedUpgrade(
    upgrade: NonNullable<HttpListenerOptions['upgrade']>,
    req: http.IncomingMessage,
    socket: Duplex,
    head: Buffer,
  ): void {
    const fail = (e: unknown) => {
      if (this.log.note(`an upgrade handler failed (${(e as Error)?.message ?? String(e)})`))
        console.error(e);
      socket.destroy();
    };
    try {
      const r = upgrade(req, socket, head);
      if (r) r.catch(fail);
    } catch (e) {
      fail(e);
    }
  }

  private clientError(err: NodeJS.ErrnoException, socket: Duplex): void {
    // The peer closed mid-request (a reset, or EOF inside a body): nobody is left to answer.
    if (err.code === 'ECONNRESET' || err.code === 'HPE_INVALID_EOF_STATE' || !socket.writable) {
      this.log.note('a client went away mid-request');
      socket.destroy();
      return;
    }
    const status = CLIENT_ERROR_STATUS[err.code ?? ''] ?? 400;
    this.log.note(`refused a malformed request with ${status} (${err.code ?? err.message})`);
    const body = `${http.STATUS_CODES[status]}\n`;
    socket.end(
      `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\ncontent-type: text/plain; charset=utf-8\r\n` +
        `content-length: ${body.length}\r\nconnection: close\r\n\r\n${body}`,
    );
  }

  get address(): ListenerInfo | null {
    return this.info;
  }

  get httpServer(): http.Server | undefined {
    return this.server;
  }

  stop(): Promise<void> {
    if (this.stopping) return this.stopping;
    const server = this.server;
    this.info = null;
    this.server = undefined;
    this.log.flush();
    this.log.stop();
    if (!server) return Promise.resolve();
    this.stopping = new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
      // Give in-flight requests a moment to finish, then cut what is left.
      setTimeout(() => {
        for (const s of this.sockets) s.destroy();
      }, 1_000).unref();
    });
    return this.stopping;
  }
}
