import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { ListenerInfo } from '../../shared/api/areas/app';

/**
 * A node:http server with the lifecycle every adapter has (docs/architecture.md §6): `start()` binds
 * (port 0 picks a free port), `stop()` is idempotent and closes keep-alive sockets so shutdown is
 * never held up by an idle browser or WeChat connection.
 */
export class HttpListener {
  private server?: http.Server;
  private readonly sockets = new Set<Socket>();
  private info: ListenerInfo | null = null;
  private stopping?: Promise<void>;

  constructor(
    private readonly handler: http.RequestListener,
    private readonly opts: {
      host: string;
      port: number;
      name: string;
      /** HTTP upgrades (WebSocket); without one Node closes such requests. */
      upgrade?: (req: http.IncomingMessage, socket: Duplex, head: Buffer) => void;
    },
  ) {}

  async start(): Promise<ListenerInfo> {
    if (this.info) return this.info;
    const server = http.createServer({ keepAliveTimeout: 5_000, requestTimeout: 30_000 }, this.handler);
    if (this.opts.upgrade) server.on('upgrade', this.opts.upgrade);
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
