import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, startHeadless, type HeadlessProcess } from '../helpers/headless-process';
import { RawHttp } from '../helpers/raw-http';

/**
 * One request used to end the whole process: `decodeURIComponent` threw out of the console's static
 * handler (issue 18, item 1). A real headless process on real sockets, with request lines sent as
 * raw bytes (fetch would normalise them): each malformed URL gets a 400 and the process, with both
 * listeners, keeps serving.
 */
const BAD_TARGETS = [
  '/%ff',
  '/%',
  '/%c0%af',
  '/assets/%zz',
  '/%E0%A4%A',
  '/a%00b',
  '/..%2f..%2fetc%2fpasswd',
];

let h: HeadlessProcess;
let consolePort: number;
let callbackPort: number;
const dirs: string[] = [];

beforeAll(async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpdesk-urls-'));
  const renderer = fs.mkdtempSync(path.join(os.tmpdir(), 'mpdesk-ui-'));
  dirs.push(dataDir, renderer);
  fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>MPDesk</title>');
  h = await startHeadless({
    dataDir,
    mode: 'source',
    timeoutMs: 60_000,
    env: { MPDESK_RENDERER_DIR: renderer },
  });
  consolePort = Number(new URL(h.apiBase).port);
  callbackPort = Number(new URL(h.callbackUrl).port);
}, 90_000);

afterAll(async () => {
  await h?.stop('SIGKILL');
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('malformed request targets', () => {
  it.each(BAD_TARGETS)('the console answers %s without dying', async (target) => {
    const raw = new RawHttp(consolePort);
    const r = await raw.request('GET', target);
    raw.close();
    expect([400, 200, 403]).toContain(r.status);
    if (target !== '/..%2f..%2fetc%2fpasswd' && target !== '/a%00b') expect(r.status).toBe(400);
    expect((await callApi(h, 'app.status')).status).toBe(200);
  });

  it.each(BAD_TARGETS)('the callback listener answers %s without dying', async (target) => {
    const raw = new RawHttp(callbackPort);
    const r = await raw.request('POST', target, { body: '<xml/>' });
    raw.close();
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    expect((await callApi(h, 'app.status')).status).toBe(200);
  });

  it('answers a request line that is not HTTP with 400 on both listeners', async () => {
    for (const port of [consolePort, callbackPort]) {
      const raw = new RawHttp(port);
      const r = await raw.send('GET /\x01 HTTP/1.1\r\nHost: x');
      raw.close();
      expect(r.status).toBe(400);
    }
    expect((await callApi(h, 'app.status')).status).toBe(200);
    expect(h.proc.exitCode).toBeNull();
  });
});
