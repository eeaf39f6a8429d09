import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface UpstreamHit {
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

type Reply = { status?: number; body: string } | 'hang';

/**
 * A developer's server for forwarding tests, on 127.0.0.1:0. `reply` decides each answer; 'hang'
 * holds the response until `release()` (a slow upstream without sleeping in the test).
 */
export class FakeUpstream {
  hits: UpstreamHit[] = [];
  reply: (hit: UpstreamHit) => Reply = () => ({ body: 'success' });
  private held: http.ServerResponse[] = [];
  private hitWaiters: (() => void)[] = [];
  private server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const hit = { url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      this.hits.push(hit);
      for (const w of this.hitWaiters.splice(0)) w();
      const r = this.reply(hit);
      if (r === 'hang') {
        this.held.push(res);
        return;
      }
      res.writeHead(r.status ?? 200, { 'content-type': 'text/xml' }).end(r.body);
    });
  });
  url = '';

  async start(): Promise<this> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/wechat`;
    return this;
  }

  /** Answers every held request with `body`. */
  release(body = 'success', status = 200): void {
    for (const res of this.held.splice(0)) res.writeHead(status, { 'content-type': 'text/xml' }).end(body);
  }

  async waitForHits(n: number): Promise<void> {
    while (this.hits.length < n) await new Promise<void>((r) => this.hitWaiters.push(r));
  }

  async stop(): Promise<void> {
    for (const res of this.held.splice(0)) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}
