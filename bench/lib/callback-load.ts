/**
 * Load generator for bench/callback.bench.ts, run in its own process so that building and timing
 * requests does not share the server's event loop. Pre-builds signed (in safe mode, encrypted)
 * messages with unique MsgIds, then alternates between the targets in short slices (so both see
 * the same machine load, which on a shared 2-core box changes by the second), each slice driving
 * `connections` keep-alive connections. Prints one JSON line: per target { requests, rps, p50, p99, errors, generatorCpuUsPerReq }.
 */
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { fieldsToXml } from '../../src/core/server/wechat-request';
import { buildWechatRequest } from '../../test/helpers/wechat-side';
import { itemAt } from '../../test/helpers/indexed';

interface Cfg {
  targets: { name: string; url: string }[];
  path: string;
  mode: 'plain' | 'safe';
  token: string;
  appId: string;
  aesKey: string;
  connections: number;
  warmupMs: number;
  sliceMs: number;
  rounds: number;
  messages: number;
}

/** Messages built at a time once the pre-built ones run out (~1 ms of this loop's time). */
const REFILL = 50;

interface Req {
  path: string;
  body: string;
}

function build(cfg: Cfg, from: number, count: number): Req[] {
  return Array.from({ length: count }, (_, i) => {
    const n = from + i;
    const xml = fieldsToXml({
      ToUserName: 'gh_0123456789ab',
      FromUserName: `oFAN_${n % 997}`,
      CreateTime: String(1_700_000_000 + n),
      MsgType: 'text',
      Content: 'hi',
      MsgId: String(8_000_000_000_000_000_000n + BigInt(n)),
    });
    const r = buildWechatRequest(
      { token: cfg.token, appId: cfg.appId, aesKey: cfg.aesKey, mode: cfg.mode },
      xml,
      {
        // Now: the listener refuses timestamps outside its window (5 min by default).
        timestamp: String(Math.floor(Date.now() / 1000)),
        nonce: String(n),
      },
    );
    return { path: `${cfg.path}?${r.query}`, body: r.body };
  });
}

async function slice(
  cfg: Cfg,
  pool: Pool,
  reqs: Req[],
  next: { i: number },
  ms: number,
  lat: number[] | null,
) {
  const connections = cfg.connections;
  const end = performance.now() + ms;
  let errors = 0;
  const worker = async () => {
    while (performance.now() < end) {
      // Every request is a new message: a reused one would be a (cheaper) retry. More are built a
      // few at a time: building 5,000 at once held this event loop for 100-150 ms, and every
      // request in flight then counted that stall as the server's latency (it made the p99).
      if (next.i >= reqs.length) reqs.push(...build(cfg, reqs.length, REFILL));
      const r = itemAt(reqs, next.i++);
      const t0 = performance.now();
      try {
        const res = await pool.request({
          path: r.path,
          method: 'POST',
          body: r.body,
          headers: { 'content-type': 'text/xml' },
        });
        await res.body.text();
        if (res.statusCode !== 200) errors++;
      } catch {
        errors++;
      }
      lat?.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  return errors;
}

async function main() {
  const [, , cfgJson] = process.argv;
  if (!cfgJson)
    throw new Error('usage: callback-load.ts <config JSON> (bench/lib/callback-setup.ts runLoad)');
  const cfg = JSON.parse(cfgJson) as Cfg;
  const reqs = build(cfg, 0, cfg.messages);
  const next = { i: 0 };
  const sides = cfg.targets.map((t) => ({
    name: t.name,
    pool: new Pool(t.url, { connections: cfg.connections, pipelining: 1 }),
    lat: [] as number[],
    errors: 0,
    /** The generator's own CPU for this target: on a small machine it shares the cores with the server. */
    cpu: 0,
  }));
  for (const s of sides) await slice(cfg, s.pool, reqs, next, cfg.warmupMs, null);
  for (let round = 0; round < cfg.rounds; round++) {
    // Alternate which target goes first, so neither always follows the other's GC debt.
    const order = round % 2 === 0 ? sides : [...sides].reverse();
    for (const s of order) {
      const c0 = process.cpuUsage();
      s.errors += await slice(cfg, s.pool, reqs, next, cfg.sliceMs, s.lat);
      const c = process.cpuUsage(c0);
      s.cpu += c.user + c.system;
    }
  }
  for (const s of sides) await s.pool.close();
  const seconds = (cfg.sliceMs * cfg.rounds) / 1000;
  const out = sides.map((s) => {
    const l = s.lat.sort((a, b) => a - b);
    const q = (p: number) => itemAt(l, Math.min(l.length - 1, Math.floor(p * l.length)));
    return {
      name: s.name,
      requests: l.length,
      seconds,
      rps: l.length / seconds,
      p50: q(0.5),
      p99: q(0.99),
      errors: s.errors,
      generatorCpuUsPerReq: s.cpu / l.length,
    };
  });
  process.stdout.write(JSON.stringify(out) + '\n');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
