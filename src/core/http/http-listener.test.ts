import { afterEach, describe, expect, it, vi } from 'vitest';
import { RawHttp } from '../../../test/helpers/raw-http';
import { HttpListener, type RequestHandler } from './http-listener';

let listener: HttpListener | undefined;
afterEach(async () => {
  await listener?.stop();
  listener = undefined;
  vi.restoreAllMocks();
});

async function serve(
  handler: RequestHandler,
  failed?: ConstructorParameters<typeof HttpListener>[1]['failed'],
) {
  listener = new HttpListener(handler, { host: '127.0.0.1', port: 0, name: 'test', failed });
  const info = await listener.start();
  return new RawHttp(info.port);
}

/** A handler with a bug on some paths, the way a route with an unguarded throw would have one. */
const buggy: RequestHandler = (req, res) => {
  if (req.url === '/sync') throw new Error('sync bug');
  if (req.url === '/async') return Promise.reject(new Error('async bug'));
  if (req.url === '/late') {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.write('partial');
    throw new Error('bug after the head');
  }
  res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
};

describe('HttpListener guard', () => {
  it('answers 500 for a handler that throws or rejects, and keeps serving the same connection', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const raw = await serve(buggy);
    for (const path of ['/sync', '/async', '/sync', '/async']) {
      const r = await raw.request('GET', path);
      expect(r.status).toBe(500);
      expect(r.body.toString()).toBe('internal error\n');
    }
    expect((await raw.request('GET', '/')).body.toString()).toBe('ok');
    // Each distinct failure's stack is written once; repeats are counted.
    expect(errors).toHaveBeenCalledTimes(2);
    raw.close();
  });

  it('cuts the connection of a handler that failed after its head was sent', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const raw = await serve(buggy);
    const r = await raw.request('GET', '/late');
    // The connection is cut: what was buffered never reaches the client as a complete answer.
    expect(r.status).toBe(0);
    const next = new RawHttp(listener!.address!.port);
    expect((await next.request('GET', '/')).body.toString()).toBe('ok');
    next.close();
  });

  it('writes the owner’s own failure answer', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const raw = await serve(buggy, (res) =>
      res.writeHead(500, { 'content-type': 'application/json' }).end('{"ok":false}'),
    );
    expect((await raw.request('GET', '/async')).body.toString()).toBe('{"ok":false}');
    raw.close();
  });

  it('answers bytes that are not HTTP with 400 (431 for oversized headers) and one counted line', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const raw = await serve(buggy);
    for (let i = 0; i < 5; i++)
      expect((await raw.send('GET / HTTP/1.1\r\nHost: x\r\nBad Header')).status).toBe(400);
    expect((await raw.send(`GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}`)).status).toBe(431);
    expect((await raw.request('GET', '/')).status).toBe(200);
    const lines = warn.mock.calls.map((c) => String(c[0]));
    expect(lines.filter((l) => l.includes('refused a malformed request with 400'))).toHaveLength(1);
    raw.close();
  });
});
