import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConsoleServer } from '../../src/headless/console-server';
import type { ComponentPlatformDto } from '../../src/shared/api/areas/component';
import {
  consoleCall,
  malformedTarget,
  signedCallback,
  type FuzzCase,
  type FuzzTargets,
} from '../helpers/fuzz-requests';
import { RawHttp, type RawResponse } from '../helpers/raw-http';
import { tempDir } from '../helpers/temp-dir';
import { accountInput, createTestCore, type TestCore } from '../helpers/test-core';
import { itemAt } from '../helpers/indexed';

/**
 * Issue 18, "Also": the listeners under generated input, over real sockets and keep-alive
 * connections. Each run is a batch of cases sent over a few connections at once; after each batch
 * both listeners must still answer. No answer may be a 5xx without a type: the callback listener
 * answers none at all, the console only as its error envelope with a code other than `internal`
 * (a bug). A crash would end this worker and fail the file.
 */
const RUNS = 100;
const BATCH = 110;
const CONNECTIONS = 6;
const TOKEN = 'fuzz-console-token-0123456789';
const AES = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

let core: TestCore;
let consoleServer: ConsoleServer;
let targets: FuzzTargets;
let callbackPort: number;
let consolePort: number;
const clients: { callback: RawHttp[]; console: RawHttp[] } = { callback: [], console: [] };
let sent = 0;
const statuses = new Map<string, number>();

beforeAll(async () => {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  const dataDir = tempDir();
  core = createTestCore({ dataDir, overrides: { wechat: { sandbox: false, timeoutMs: 200 } } });
  const accounts = (['plain', 'compatible', 'safe'] as const).map((mode, i) => {
    const input = accountInput({
      mode,
      appId: `wx00000000000000a${i}`,
      callbackSlug: `f${i}`,
      encodingAESKey: AES,
    });
    core.services.accounts.create(input);
    return { mode, slug: `f${i}`, token: input.token, appId: input.appId, aesKey: AES };
  });
  await core.start();
  const platform = (await core.handlers['component.configure'](
    {
      name: 'fuzz',
      componentAppId: 'wxc0ffee0123456789',
      appSecret: 'C'.repeat(32),
      token: 'componentToken42',
      encodingAESKey: AES,
    },
    { transport: 'internal' },
  )) as ComponentPlatformDto;
  const renderer = tempDir();
  fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>MPDesk</title>');
  consoleServer = new ConsoleServer({ core, token: TOKEN, rendererDir: renderer, port: 0 });
  consolePort = (await consoleServer.start()).port;
  callbackPort = core.status().callbackListener!.port;
  targets = {
    accounts,
    component: { id: platform.id, appId: 'wxc0ffee0123456789', token: 'componentToken42', aesKey: AES },
    consoleHost: `127.0.0.1:${consolePort}`,
    callbackHost: `127.0.0.1:${callbackPort}`,
    consoleToken: TOKEN,
  };
  for (let i = 0; i < CONNECTIONS; i++) {
    clients.callback.push(new RawHttp(callbackPort));
    clients.console.push(new RawHttp(consolePort));
  }
}, 60_000);

afterAll(async () => {
  for (const c of [...clients.callback, ...clients.console]) c.close();
  await consoleServer?.stop();
  await core?.stop();
  vi.restoreAllMocks();
});

/** Why this answer breaks a promise, or null. */
function problem(c: FuzzCase, r: RawResponse): string | null {
  if (r.status === 0) return 'no answer (connection closed without a response)';
  if (r.status === -1) return 'no answer within 10 s';
  if (r.status < 500) return null;
  if (c.listener === 'callback') return `callback listener answered ${r.status}`;
  try {
    const body = JSON.parse(r.body.toString()) as { ok?: boolean; error?: { code?: string } };
    if (body.ok === false && body.error?.code && body.error.code !== 'internal') return null;
  } catch {
    // not the envelope
  }
  return `console answered ${r.status} without a typed error: ${r.body.toString().slice(0, 200)}`;
}

async function runBatch(cases: FuzzCase[]): Promise<string[]> {
  const failures: string[] = [];
  const lanes = Array.from({ length: CONNECTIONS }, (_, i) => cases.filter((_, j) => j % CONNECTIONS === i));
  await Promise.all(
    lanes.map(async (lane, i) => {
      for (const c of lane) {
        const r = await itemAt(clients[c.listener], i).send(c.head, c.body);
        sent++;
        const k = `${c.listener} ${r.status}`;
        statuses.set(k, (statuses.get(k) ?? 0) + 1);
        const p = problem(c, r);
        if (p) failures.push(`${c.label}: ${p}\n${c.head.slice(0, 300)}`);
      }
    }),
  );
  return failures;
}

async function alive(): Promise<boolean> {
  const probe = new RawHttp(callbackPort);
  const health = await probe.request('GET', '/health');
  probe.close();
  const status = await new RawHttp(consolePort).request('POST', '/api/call/app.status', {
    headers: { Authorization: `Bearer ${TOKEN}` },
    body: '',
  });
  return health.status === 200 && status.status === 200;
}

describe('listeners under generated input', () => {
  it(`answers ${RUNS * BATCH} generated requests without a crash or an untyped 5xx`, async () => {
    const oneCase = fc.oneof(
      { weight: 5, arbitrary: signedCallback(targets) },
      { weight: 2, arbitrary: malformedTarget(targets) },
      { weight: 3, arbitrary: consoleCall(targets) },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(oneCase, { minLength: BATCH, maxLength: BATCH }), async (cases) => {
        const failures = await runBatch(cases);
        expect(failures).toEqual([]);
        expect(await alive()).toBe(true);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    expect(sent).toBeGreaterThanOrEqual(10_000);
    // Both listeners did real work, not only refusals.
    expect(statuses.get('callback 200') ?? 0).toBeGreaterThan(RUNS * 5);
    expect(statuses.get('console 200') ?? 0).toBeGreaterThan(RUNS);
    // The pipeline was reached: signed cases were answered and logged, not all refused up front.
    const reasons = core.db
      .prepare('SELECT reason, count(*) AS n FROM callback_log GROUP BY reason')
      .all() as { reason: string; n: number }[];
    const seen = new Set(reasons.map((r) => r.reason));
    for (const r of ['acknowledged', 'bad_signature', 'stale_timestamp', 'decrypt_failed', 'not_found'])
      expect([r, seen.has(r)]).toEqual([r, true]);
  }, 120_000);
});
