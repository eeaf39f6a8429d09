import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { ConsoleServer } from '../../src/headless/console-server';
import { tempDir } from '../helpers/temp-dir';
import { accountInput, createTestCore, type TestCore } from '../helpers/test-core';
import { firstOf } from '../helpers/indexed';

const TOKEN = 'test-token-0123456789abcdef';
let stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const s of stops.reverse()) await s();
  stops = [];
});

async function serve(): Promise<{ core: TestCore; base: string }> {
  const core = createTestCore();
  const server = new ConsoleServer({ core, token: TOKEN, rendererDir: tempDir(), port: 0 });
  const info = await server.start();
  stops.push(
    () => core.stop(),
    () => server.stop(),
  );
  return { core, base: info.url };
}

const post = (base: string, method: string, body: string | undefined, headers: Record<string, string> = {}) =>
  fetch(`${base}/api/call/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers },
    body,
  });

/** Reads SSE frames from /api/events until `count` data frames arrived. */
function readEvents(
  base: string,
  headers: Record<string, string>,
  count: number,
  onFirst?: () => void,
): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const u = new URL(`${base}/api/events`);
    const req = http.get(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname,
        headers: { authorization: `Bearer ${TOKEN}`, ...headers },
      },
      (res) => {
        let buf = '';
        const frames: string[] = [];
        res.on('data', (c: Buffer) => {
          buf += c.toString();
          let i: number;
          while ((i = buf.indexOf('\n\n')) >= 0) {
            frames.push(buf.slice(0, i));
            buf = buf.slice(i + 2);
            if (frames.length === 1) onFirst?.();
            if (frames.length >= count) {
              req.destroy();
              resolve(frames);
            }
          }
        });
      },
    );
    req.on('error', (e) => (e.message.includes('socket hang up') ? undefined : reject(e)));
  });
}

describe('headless console transport', () => {
  it('answers with the {ok, value} envelope and maps errors to HTTP statuses', async () => {
    const { base } = await serve();
    const ok = await post(base, 'accounts.create', JSON.stringify(accountInput()));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      ok: true,
      value: { callbackPath: expect.stringMatching(/^\/wx\//) },
    });

    const bad = await post(base, 'accounts.create', JSON.stringify({ ...accountInput(), token: 'x' }));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', issues: [{ path: 'token' }] },
    });

    expect((await post(base, 'no.such', '{}')).status).toBe(404);
    const notJson = await post(base, 'app.status', '{not json');
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ error: { message: 'Request body is not valid JSON' } });
  });

  it('refuses bodies over 5 MiB with 413 and keeps serving', async () => {
    const { base } = await serve();
    const big = await post(base, 'app.status', 'x'.repeat(5 * 1024 * 1024 + 1));
    expect(big.status).toBe(413);
    expect((await post(base, 'app.status', '')).status).toBe(200);
  });

  it('streams events with sequence ids and resumes after Last-Event-ID', async () => {
    const { core, base } = await serve();
    // The server subscribes the stream before it writes the hello frame, so emit once hello arrives.
    const frames = await readEvents(base, {}, 3, () => {
      void post(base, 'settings.update', JSON.stringify({ theme: 'dark' })).then(() =>
        post(base, 'settings.update', JSON.stringify({ theme: 'light' })),
      );
    });
    expect(frames[0]).toMatch(/^event: hello/);
    const ids = frames.slice(1).map((f) => Number(/^id: (\d+)/.exec(f)![1]));
    expect(ids[1]).toBe(firstOf(ids) + 1);

    // Reconnect from the first id: the second event is replayed.
    const replay = await readEvents(base, { 'last-event-id': String(ids[0]) }, 1);
    expect(replay[0]).toContain(`id: ${ids[1]}`);
    expect(replay[0]).toContain('"theme":"light"');

    // Resuming from before what the ring kept says so with a gap event.
    for (let i = 0; i < 2100; i++) core.events.emit('settings.changed', core.services.settings.get());
    const gap = await readEvents(base, { 'last-event-id': '1' }, 1);
    expect(gap[0]).toMatch(/^event: gap/);
  });
});
