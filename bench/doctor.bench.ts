/**
 * What the setup doctor costs, beside its baseline in the same run: a signed verification GET
 * straight to the callback listener (baseline), the same GET through a pass-through reverse proxy
 * standing in for the tunnel, and a whole doctor run (12 checks, 7 requests) through that proxy.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { request } from 'undici';
import { composeHeadlessCore } from '../test/helpers/headless-core';
import { computeSignature } from '../src/core/wechat/signature';
import { startReverseProxy } from '../test/fakes/reverse-proxy';
import { itemAt, lastOf } from '../test/helpers/indexed';

const GETS = 300;
const RUNS = 30;
const TOKEN = 'benchToken123';

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => itemAt(s, Math.min(s.length - 1, Math.floor(p * s.length)));
  return {
    n: s.length,
    medianMs: +q(0.5).toFixed(3),
    p95Ms: +q(0.95).toFixed(3),
    maxMs: +lastOf(s).toFixed(3),
  };
}

async function timeGets(base: string, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const ts = String(1_700_000_000 + i);
    const q = new URLSearchParams({
      signature: computeSignature(TOKEN, ts, '42'),
      timestamp: ts,
      nonce: '42',
      echostr: `e${i}`,
    });
    const t0 = performance.now();
    const res = await request(`${base}/wx/bench?${q}`);
    const body = await res.body.text();
    out.push(performance.now() - t0);
    if (body !== `e${i}`) throw new Error(`unexpected body ${JSON.stringify(body)}`);
  }
  return out;
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpdesk-bench-'));
  const { core, internals } = composeHeadlessCore(dataDir, { version: '0.0.0-bench' });
  await core.start();
  const proxy = await startReverseProxy(core.status().callbackListener!.url);
  try {
    const account = internals.services.accounts.create({
      name: 'bench',
      appId: 'wx1234567890abcdef',
      appSecret: 'S'.repeat(32),
      token: TOKEN,
      mode: 'plain',
      callbackSlug: 'bench',
    });
    await internals.services.tunnel.configure({ provider: 'external', externalBaseUrl: proxy.url });
    await internals.services.tunnel.start();

    await timeGets(core.status().callbackListener!.url, 20); // warm-up
    const direct = stats(await timeGets(core.status().callbackListener!.url, GETS));
    const viaProxy = stats(await timeGets(proxy.url, GETS));
    const runs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const r = await internals.services.doctor.run(account.id);
      runs.push(performance.now() - t0);
      if (r.checks.find((c) => c.id === 'echo_exact')?.status !== 'pass')
        throw new Error('doctor did not pass echo_exact');
    }
    const doctor = stats(runs);

    const rows = [
      { case: 'verification GET, direct to listener (baseline)', ...direct },
      { case: 'verification GET, through pass-through proxy', ...viaProxy },
      { case: 'doctor.run, 12 checks through the proxy', ...doctor },
    ];
    console.table(rows);
    console.log(
      `proxy overhead per GET (median): ${(viaProxy.medianMs - direct.medianMs).toFixed(3)} ms; ` +
        `doctor run ≈ ${(doctor.medianMs / viaProxy.medianMs).toFixed(1)}× one proxied GET`,
    );
    fs.mkdirSync('reports/bench', { recursive: true });
    fs.writeFileSync(
      'reports/bench/doctor.json',
      JSON.stringify({ at: new Date().toISOString(), rows }, null, 2),
    );
  } finally {
    await proxy.close();
    await core.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
