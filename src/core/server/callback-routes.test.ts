import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCallbackRouter, type CallbackRoute } from './callback-routes';
import { HttpListener } from '../http';

const listeners: HttpListener[] = [];
afterEach(async () => {
  await Promise.all(listeners.splice(0).map((l) => l.stop()));
  vi.restoreAllMocks();
});

async function serve(routes: CallbackRoute[]): Promise<string> {
  const l = new HttpListener(createCallbackRouter(routes), { host: '127.0.0.1', port: 0, name: 'test' });
  listeners.push(l);
  return (await l.start()).url;
}

const route = (prefix: string, handle: CallbackRoute['handle']): CallbackRoute => ({
  match: (p) => p.startsWith(prefix),
  handle,
});

describe('callback router', () => {
  it('answers 500 for a route that throws or rejects, and keeps serving', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const url = await serve([
      route('/throws', () => {
        throw new Error('sync bug');
      }),
      route('/rejects', async () => {
        await Promise.resolve();
        throw new Error('async bug');
      }),
      route('/ok', (_req, res, target) => {
        res.end(`${target.pathname}|${target.search}|${target.searchParams.get('a')}`);
      }),
    ]);
    for (const p of ['/throws', '/rejects']) {
      const r = await fetch(url + p);
      expect([p, r.status, await r.text()]).toEqual([p, 500, 'internal error\n']);
    }
    const ok = await fetch(`${url}/ok/x?a=1%202`);
    expect(await ok.text()).toBe('/ok/x|?a=1%202|1 2');
    expect(console.error).toHaveBeenCalledTimes(2);
  });

  it('answers 404 for a path no route takes, and 200 on /health', async () => {
    const url = await serve([]);
    expect((await fetch(`${url}/nowhere`)).status).toBe(404);
    expect((await fetch(`${url}/health`)).status).toBe(200);
  });
});
