/**
 * The WeChat API side: (1) token-manager overhead per API call, measured as the same getcallbackip
 * call through the client (TokenManager.withToken: cached-token lookup, retry wrapper) beside the same
 * transport call with the token passed in by hand; (2) a cached TokenManager.get() beside a Map
 * lookup; (3) sandbox platform throughput for a token-checked API (getcallbackip) and a 10 000-openid
 * user/get page, beside a bare node:http server answering the same JSON; (4) generating 100 000 fans.
 * All in one process and one run, so the ratios compare like with like.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'undici';
import { composeHeadlessCore } from '../test/helpers/headless-core';
import { itemAt } from '../test/helpers/indexed';

const CALLS = 1_000;
const CONCURRENCY = 16;
const THROUGHPUT_MS = 2_000;

/** µs per call of `a` and of `b`, interleaved in rounds (so load spikes hit both), median of rounds. */
async function timePair(
  n: number,
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
): Promise<[number, number]> {
  const ROUNDS = 30;
  const per = Math.ceil(n / ROUNDS);
  const run = async (fn: () => Promise<unknown>) => {
    const t0 = performance.now();
    for (let i = 0; i < per; i++) await fn();
    return ((performance.now() - t0) * 1000) / per;
  };
  // Warm-up.
  for (let i = 0; i < 100; i++) {
    await a();
    await b();
  }
  const as: number[] = [];
  const bs: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    // Alternate the order so neither side always runs right after the other's garbage.
    if (r % 2) {
      bs.push(await run(b));
      as.push(await run(a));
    } else {
      as.push(await run(a));
      bs.push(await run(b));
    }
  }
  const median = (xs: number[]) =>
    itemAt(
      xs.sort((x, y) => x - y),
      Math.floor(xs.length / 2),
    );
  return [median(as), median(bs)];
}

/** Requests per second for `ms` with CONCURRENCY callers in flight. */
async function throughput(base: string, p: string, ms: number): Promise<{ rps: number; errors: number }> {
  const pool = new Pool(base, { connections: CONCURRENCY });
  let done = 0;
  let errors = 0;
  const until = performance.now() + ms;
  const worker = async () => {
    while (performance.now() < until) {
      const r = await pool.request({ method: 'GET', path: p });
      const body = await r.body.text();
      if (r.statusCode !== 200 || body.includes('"errcode"')) errors++;
      done++;
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const rps = (done * 1000) / (performance.now() - t0);
  await pool.close();
  return { rps, errors };
}

async function bareJson(bodies: Record<string, string>) {
  const server = http.createServer({ keepAliveTimeout: 5000 }, (req, res) => {
    const body = bodies[new URL(req.url ?? '/', 'http://x').pathname] ?? '{}';
    res
      .writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) })
      .end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpdesk-bench-api-'));
  const { core, internals } = composeHeadlessCore(dataDir, { version: '0.0.0-bench' });
  await core.start();
  const { api, platform } = internals.services.wechat;
  const account = internals.services.accounts.list().find((a) => a.isSandbox)!;
  const url = platform!.url!;
  try {
    // (1) token-manager overhead per call.
    const token = await api.tokens.get(account.id);
    const [viaManager, direct] = await timePair(
      CALLS,
      () => api.client.callbackIps(account.id),
      () =>
        api.transport.send({
          accountId: account.id,
          hosts: [url],
          method: 'GET',
          path: '/cgi-bin/getcallbackip',
          query: { access_token: token },
          origin: 'client',
        }),
    );
    // (2) the token manager's own cost, without the network: withToken around a no-op, and a cached
    // get(), beside calling the no-op directly / a Map lookup.
    const N = 50_000;
    const map = new Map([[account.id, token]]);
    const noop = (t: string) => Promise.resolve(t);
    const [withUs, bareUs] = await timePair(
      N,
      () => api.tokens.withToken(account.id, noop),
      () => noop(token),
    );
    const [getUs, mapUs] = await timePair(
      N,
      () => api.tokens.get(account.id),
      () => Promise.resolve(map.get(account.id)),
    );
    const getNs = getUs * 1000;
    const mapNs = mapUs * 1000;

    // (3) sandbox throughput beside a bare server answering the same bytes.
    platform!.generateFans(account.appId, 9_000); // 10 000 with the first-run fans
    const ipPath = `/cgi-bin/getcallbackip?access_token=${encodeURIComponent(token)}`;
    const pagePath = `/cgi-bin/user/get?access_token=${encodeURIComponent(token)}`;
    const ipBody = JSON.stringify({ ip_list: ['127.0.0.1'] });
    const pageBody = await (await fetch(`${url}${pagePath}`)).text();
    const bare = await bareJson({ '/cgi-bin/getcallbackip': ipBody, '/cgi-bin/user/get': pageBody });
    // A-B-B-A, so drift in the host's load hits both sides alike.
    const abba = async (p: string) => {
      const half = THROUGHPUT_MS / 2;
      const s1 = await throughput(url, p, half);
      const b1 = await throughput(bare.url, p, half);
      const b2 = await throughput(bare.url, p, half);
      const s2 = await throughput(url, p, half);
      const mean = (x: { rps: number; errors: number }, y: { rps: number; errors: number }) => ({
        rps: (x.rps + y.rps) / 2,
        errors: x.errors + y.errors,
      });
      return [mean(s1, s2), mean(b1, b2)] as const;
    };
    const [sIp, bIp] = await abba(ipPath);
    const [sPage, bPage] = await abba(pagePath);
    await bare.close();

    // (4) fan generation in volume.
    const t0 = performance.now();
    const gen = platform!.generateFans('wx00000000000000aa', 100_000);
    const genMs = performance.now() - t0;

    const rows = [
      { what: 'API call via client (token manager)', value: `${viaManager.toFixed(0)} µs/call` },
      { what: 'same call, token passed by hand (baseline)', value: `${direct.toFixed(0)} µs/call` },
      {
        what: 'difference (within noise on a loaded host)',
        value: `${(viaManager - direct).toFixed(1)} µs (${(((viaManager - direct) / direct) * 100).toFixed(1)}%)`,
      },
      { what: 'withToken(no-op), in process', value: `${(withUs * 1000).toFixed(0)} ns` },
      { what: 'no-op called directly (baseline)', value: `${(bareUs * 1000).toFixed(0)} ns` },
      { what: 'cached tokens.get()', value: `${getNs.toFixed(0)} ns` },
      { what: 'Map lookup + await (baseline)', value: `${mapNs.toFixed(0)} ns` },
      {
        what: `sandbox getcallbackip, ${CONCURRENCY} in flight`,
        value: `${Math.round(sIp.rps)} req/s (errors ${sIp.errors})`,
      },
      {
        what: 'bare node:http, same bytes (baseline)',
        value: `${Math.round(bIp.rps)} req/s (sandbox = ${((sIp.rps / bIp.rps) * 100).toFixed(0)}%)`,
      },
      {
        what: 'sandbox user/get, 10 000 openids/page',
        value: `${Math.round(sPage.rps)} pages/s (errors ${sPage.errors})`,
      },
      {
        what: 'bare node:http, same page (baseline)',
        value: `${Math.round(bPage.rps)} pages/s (sandbox = ${((sPage.rps / bPage.rps) * 100).toFixed(0)}%)`,
      },
      {
        what: 'generate 100 000 fans (CJK/emoji nicknames)',
        value: `${genMs.toFixed(0)} ms (${gen.added} rows)`,
      },
    ];
    console.table(rows);
    fs.mkdirSync('reports/bench', { recursive: true });
    fs.writeFileSync(
      'reports/bench/api.json',
      JSON.stringify(
        {
          at: new Date().toISOString(),
          tokenManager: {
            viaManagerUs: viaManager,
            directUs: direct,
            endToEndDiffUs: viaManager - direct,
            withTokenNoopNs: withUs * 1000,
            noopNs: bareUs * 1000,
            overheadNs: (withUs - bareUs) * 1000,
            cachedGetNs: getNs,
            mapLookupNs: mapNs,
          },
          sandbox: {
            concurrency: CONCURRENCY,
            getcallbackipRps: sIp.rps,
            bareRps: bIp.rps,
            userGetPagesPerS: sPage.rps,
            bareUserGetPagesPerS: bPage.rps,
            errors: sIp.errors + sPage.errors,
          },
          fanGeneration: { fans: gen.added, ms: genMs },
        },
        null,
        2,
      ),
    );
  } finally {
    await core.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
