import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ReverseProxy, type ProxyFailure } from './reverse-proxy';

/** The proxy between two real sockets on port 0: an app that misbehaves, and a front listener. */
const servers: http.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

async function listen(handler: http.RequestListener): Promise<string> {
  const s = http.createServer(handler);
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

async function front(upstream: string, proxy: ReverseProxy) {
  const failures: ProxyFailure[] = [];
  const url = await listen((req, res) =>
    proxy.forward(
      req,
      res,
      { upstream, target: req.url ?? '/', headers: { ...req.headers } },
      (status, headers, send) => {
        headers['x-seen-by-proxy'] = String(status);
        send();
      },
      (kind) => {
        failures.push(kind);
        res.writeHead(kind === 'timeout' ? 504 : 502).end(kind);
      },
    ),
  );
  return { url, failures };
}

describe('the reverse proxy', () => {
  it('streams both ways, keeps the path prefix, and lets the caller add headers', async () => {
    const app = await listen((req, res) => {
      res.writeHead(201, { 'content-type': 'text/plain', connection: 'close' });
      req.on('data', (c: Buffer) => res.write(c.toString().toUpperCase()));
      req.on('end', () => res.end(`|${req.url}`));
    });
    const proxy = new ReverseProxy();
    const f = await front(`${app}/h5`, proxy);
    const res = await fetch(`${f.url}/x?y=1`, { method: 'POST', body: 'abc' });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-seen-by-proxy')).toBe('201');
    expect(await res.text()).toBe('ABC|/h5/x?y=1');
    proxy.close();
  });

  it('tells a refused connection, a silent app and a hang-up apart', async () => {
    const proxy = new ReverseProxy({ connectMs: 1000, headMs: 200, idleMs: 1000 });
    const dead = await listen(() => {});
    servers.pop()!.close();
    const refused = await front(dead, proxy);
    expect((await fetch(refused.url)).status).toBe(502);
    expect(refused.failures).toEqual(['refused']);
    const silent = await front(await listen(() => {}), proxy);
    expect((await fetch(silent.url)).status).toBe(504);
    expect(silent.failures).toEqual(['timeout']);
    const rude = await front(await listen((req) => req.socket.destroy()), proxy);
    expect((await fetch(rude.url)).status).toBe(502);
    expect(rude.failures).toEqual(['reset']);
    proxy.close();
  });
});
