import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A local stand-in for a tunnel or a user's reverse proxy (frp, nginx, ngrok's edge): listens on
 * 127.0.0.1:0 and forwards to `target`, behaving as the current mode says.
 * - pass: forwards untouched (adds X-Forwarded-For/Proto and Via like real proxies).
 * - interstitial: browsers (User-Agent "Mozilla") get a warning page instead; `flavour: 'ngrok'`
 *   mimics ngrok's free-plan page (ERR_NGROK_6024), 'generic' a "checking your browser" page.
 * - rewrite: forwards, then passes the response body through `rewrite`.
 * - slow: waits `delayMs` before forwarding (the proxy's own timer; tests never sleep).
 * - down: the port refuses connections.
 * WebSocket handshakes are passed through in every mode but `down`, as ngrok and nginx do.
 */
export type ProxyMode =
  | { kind: 'pass' }
  | { kind: 'interstitial'; flavour?: 'ngrok' | 'generic' }
  | { kind: 'rewrite'; rewrite: (body: Buffer, path: string) => Buffer }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'down' };

export const NGROK_INTERSTITIAL_HTML = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>ngrok</title></head>
<body><div id="root">You are about to visit a site served by ngrok. ERR_NGROK_6024.
To remove this page, set and send an ngrok-skip-browser-warning request header with any value.
<button>Visit Site</button></div></body></html>`;

const GENERIC_INTERSTITIAL_HTML = `<!DOCTYPE html><html><head><title>Just a moment...</title></head>
<body>Checking your browser before accessing the site.</body></html>`;

export class ReverseProxy {
  /** Requests that arrived at the proxy (whatever the mode did with them). */
  requests: { method: string; path: string; userAgent: string }[] = [];
  private server?: http.Server;
  private readonly sockets = new Set<Socket>();
  private port: number;
  private readonly host: string;

  constructor(
    private readonly target: string,
    private mode: ProxyMode = { kind: 'pass' },
    listen: { host?: string; port?: number } = {},
  ) {
    this.host = listen.host ?? '127.0.0.1';
    this.port = listen.port ?? 0;
  }

  /** `http://host:port`, without the port when it is 80 (as a user would write a public URL). */
  get url(): string {
    return this.port === 80 ? `http://${this.host}` : `http://${this.host}:${this.port}`;
  }

  async start(): Promise<this> {
    const server = http.createServer((req, res) => this.handle(req, res));
    server.on('upgrade', (req, socket: Socket, head: Buffer) => this.upgrade(req, socket, head));
    server.on('connection', (s) => {
      this.sockets.add(s);
      s.once('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, this.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.port = (this.server.address() as AddressInfo).port;
    if (this.mode.kind === 'down') await this.closeServer();
    return this;
  }

  async setMode(mode: ProxyMode): Promise<void> {
    const wasDown = this.mode.kind === 'down';
    this.mode = mode;
    if (mode.kind === 'down' && !wasDown) await this.closeServer();
    if (mode.kind !== 'down' && wasDown) await this.start();
  }

  async close(): Promise<void> {
    await this.closeServer();
  }

  private async closeServer(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    if (!s) return;
    for (const sock of this.sockets) sock.destroy();
    await new Promise<void>((r) => s.close(() => r()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const ua = req.headers['user-agent'] ?? '';
    this.requests.push({ method: req.method ?? 'GET', path: req.url ?? '/', userAgent: ua });
    const mode = this.mode;
    if (mode.kind === 'interstitial' && /Mozilla/.test(ua)) {
      const ngrok = (mode.flavour ?? 'ngrok') === 'ngrok';
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        ...(ngrok ? { 'ngrok-error-code': 'ERR_NGROK_6024' } : {}),
      });
      res.end(ngrok ? NGROK_INTERSTITIAL_HTML : GENERIC_INTERSTITIAL_HTML);
      return;
    }
    if (mode.kind === 'slow') {
      setTimeout(() => this.forward(req, res, mode), mode.delayMs);
      return;
    }
    this.forward(req, res, mode);
  }

  private upgrade(req: http.IncomingMessage, socket: Socket, head: Buffer): void {
    this.requests.push({
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      userAgent: req.headers['user-agent'] ?? '',
    });
    const up = http.request(new URL(req.url ?? '/', this.target), {
      headers: {
        ...req.headers,
        'x-forwarded-for': req.socket.remoteAddress ?? '',
        'x-forwarded-proto': 'http',
      },
    });
    up.on('upgrade', (ures, usocket, uhead) => {
      let head101 = `HTTP/1.1 101 ${ures.statusMessage}\r\n`;
      for (let i = 0; i < ures.rawHeaders.length; i += 2)
        head101 += `${ures.rawHeaders[i]}: ${ures.rawHeaders[i + 1]}\r\n`;
      socket.write(`${head101}\r\n`);
      if (uhead.length) socket.write(uhead);
      if (head.length) usocket.write(head);
      usocket.on('error', () => socket.destroy());
      socket.on('error', () => usocket.destroy());
      usocket.pipe(socket).pipe(usocket);
    });
    up.on('response', (ures) => {
      let line = `HTTP/1.1 ${ures.statusCode} ${ures.statusMessage}\r\n`;
      for (let i = 0; i < ures.rawHeaders.length; i += 2)
        line += `${ures.rawHeaders[i]}: ${ures.rawHeaders[i + 1]}\r\n`;
      socket.write(`${line}\r\n`);
      ures.pipe(socket);
    });
    up.on('error', () => socket.destroy());
    up.end();
  }

  private forward(req: http.IncomingMessage, res: http.ServerResponse, mode: ProxyMode): void {
    const target = new URL(req.url ?? '/', this.target);
    const upstream = http.request(
      target,
      {
        method: req.method,
        headers: {
          ...req.headers,
          'x-forwarded-for': req.socket.remoteAddress ?? '',
          'x-forwarded-proto': 'http',
          via: '1.1 test-proxy',
        },
      },
      (up) => {
        if (mode.kind !== 'rewrite') {
          res.writeHead(up.statusCode ?? 502, { ...up.headers, via: '1.1 test-proxy' });
          up.pipe(res);
          return;
        }
        const chunks: Buffer[] = [];
        up.on('data', (c: Buffer) => chunks.push(c));
        up.on('end', () => {
          const body = mode.rewrite(Buffer.concat(chunks), req.url ?? '/');
          const headers = { ...up.headers, via: '1.1 test-proxy', 'content-length': String(body.length) };
          delete headers['transfer-encoding'];
          res.writeHead(up.statusCode ?? 502, headers).end(body);
        });
      },
    );
    upstream.on('error', (e) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`bad gateway: ${e.message}`);
    });
    req.pipe(upstream);
  }
}

export function startReverseProxy(
  target: string,
  mode?: ProxyMode,
  listen?: { host?: string; port?: number },
): Promise<ReverseProxy> {
  return new ReverseProxy(target, mode, listen).start();
}

/**
 * A stand-in for a public URL on port 80, the only plain-http port WeChat calls (docs/wechat-protocol.md
 * §0): it listens on 80 of a loopback address of its own (127.x.y.z, so parallel runs do not
 * collide). Binding port 80 needs root or CAP_NET_BIND_SERVICE; without it the stand-in listens on a
 * free port instead and says so (`onPort80: false`), and a test must expect the port check to fail.
 */
export async function startPublicStandIn(
  target: string,
  random: () => number = Math.random,
): Promise<{ proxy: ReverseProxy; onPort80: boolean }> {
  for (let i = 0; i < 8; i++) {
    const host = `127.${1 + Math.floor(random() * 250)}.${Math.floor(random() * 250)}.${1 + Math.floor(random() * 250)}`;
    try {
      return { proxy: await startReverseProxy(target, { kind: 'pass' }, { host, port: 80 }), onPort80: true };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EACCES') break;
      if (code !== 'EADDRINUSE' && code !== 'EADDRNOTAVAIL') throw e;
    }
  }
  return { proxy: await startReverseProxy(target), onPort80: false };
}
