import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';

/**
 * A small web app as a developer runs behind MPDesk (node:http on 127.0.0.1:0):
 * - `GET /whoami` and anything under `/api/`: the request as the app saw it, in JSON (headers,
 *   method, path, body);
 * - `GET /grades`, `/`, `/page/…`: an HTML page that shows the fan's openid from the headers and
 *   then fetches `/api/me` (the cookie alone identifies that call) and opens a WebSocket;
 * - WebSocket on `/ws`: echoes text frames, prefixed with the openid of the handshake;
 * - `/slow`: never answers (for timeouts).
 */
export interface SeenRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export class WebApp {
  readonly seen: SeenRequest[] = [];
  private server?: http.Server;
  private readonly sockets = new Set<Socket | Duplex>();
  port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(port = 0): Promise<this> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.once('close', () => this.sockets.delete(s));
    });
    this.server.on('upgrade', (req, socket) => this.upgrade(req, socket));
    await new Promise<void>((r) => this.server!.listen(port, '127.0.0.1', r));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** Stops listening (the port then refuses connections: "the app is down"). */
  async stop(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    if (!s) return;
    for (const sock of this.sockets) sock.destroy();
    await new Promise<void>((r) => s.close(() => r()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      const seen = {
        method: req.method ?? 'GET',
        path,
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      };
      this.seen.push(seen);
      if (path.startsWith('/slow')) return;
      if (path.startsWith('/whoami') || path.startsWith('/api/')) {
        res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': 'app_cookie=1; Path=/' });
        res.end(JSON.stringify(seen));
        return;
      }
      if (path.startsWith('/stream')) {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('first\n');
        setImmediate(() => res.end('second\n'));
        return;
      }
      const openid = String(req.headers['x-mpdesk-openid'] ?? '');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>App</title></head>
<body><h1>Grades</h1><p>header openid: <b id="header-openid">${openid}</b></p>
<p>scope: <b id="scope">${String(req.headers['x-mpdesk-scope'] ?? '')}</b></p>
<p>fetch openid: <b id="fetch-openid"></b></p><p>ws: <b id="ws"></b></p>
<script>
fetch('/api/me', { headers: { accept: 'application/json' } }).then(r => r.json()).then(j => {
  document.getElementById('fetch-openid').textContent = j.headers['x-mpdesk-openid'] || '(none)';
});
const ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws');
ws.onopen = () => ws.send('hello');
ws.onmessage = (e) => { document.getElementById('ws').textContent = e.data; };
</script></body></html>`);
    });
  }

  private upgrade(req: http.IncomingMessage, socket: Duplex): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    this.seen.push({ method: 'GET', path: req.url ?? '/', headers: req.headers, body: '' });
    const key = String(req.headers['sec-websocket-key'] ?? '');
    const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    const who = String(req.headers['x-mpdesk-openid'] ?? 'anonymous');
    let buf = Buffer.alloc(0);
    socket.on('data', (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      for (;;) {
        const frame = readFrame(buf);
        if (!frame) return;
        buf = buf.subarray(frame.size);
        if (frame.opcode === 8) {
          socket.end();
          return;
        }
        if (frame.opcode === 1) socket.write(textFrame(`${who}: ${frame.text}`));
      }
    });
    socket.on('error', () => socket.destroy());
  }
}

/** One RFC 6455 frame from a client (masked), if the buffer holds a whole one. */
function readFrame(b: Buffer): { opcode: number; text: string; size: number } | null {
  if (b.length < 2) return null;
  const opcode = b.readUInt8(0) & 0x0f;
  let len = b.readUInt8(1) & 0x7f;
  let off = 2;
  if (len === 126) {
    if (b.length < 4) return null;
    len = b.readUInt16BE(2);
    off = 4;
  }
  const masked = (b.readUInt8(1) & 0x80) !== 0;
  const maskAt = off;
  if (masked) off += 4;
  if (b.length < off + len) return null;
  const payload = Buffer.from(b.subarray(off, off + len));
  if (masked) for (const [i, byte] of payload.entries()) payload[i] = byte ^ b.readUInt8(maskAt + (i % 4));
  return { opcode, text: payload.toString('utf8'), size: off + len };
}

/** A server's text frame (unmasked). */
export function textFrame(text: string, mask = false): Buffer {
  const payload = Buffer.from(text);
  const head =
    payload.length < 126 ? Buffer.from([0x81, payload.length | (mask ? 0x80 : 0)]) : Buffer.alloc(4);
  if (payload.length >= 126) {
    head[0] = 0x81;
    head[1] = 126 | (mask ? 0x80 : 0);
    head.writeUInt16BE(payload.length, 2);
  }
  if (!mask) return Buffer.concat([head, payload]);
  const key = Buffer.from([1, 2, 3, 4]);
  const body = Buffer.from(payload.map((c, i) => c ^ key.readUInt8(i % 4)));
  return Buffer.concat([head, key, body]);
}

export function startWebApp(): Promise<WebApp> {
  return new WebApp().start();
}
