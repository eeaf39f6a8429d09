/**
 * Callback throughput and p99 with a load generator that is not the bottleneck: `wrk` (a C client,
 * Debian package `wrk`) pinned to one core, the server pinned to the other, 50 keep-alive
 * connections. Each request is a signed text message with its own MsgId that the bench account's
 * keyword rule answers, with the durable callback log on; in safe mode it is encrypted and so is the
 * reply. Bare node:http (answering `success`, parsing nothing) and MPDesk's built core are measured
 * in alternating slices in one run, so both see the same machine; the ratio of their median
 * throughputs is the result (docs/architecture.md §4).
 *
 *   npm run bench -- callback-wrk        (or: node --import tsx bench/callback-wrk.bench.ts)
 *
 * Environment: WRK_SLICE_S (3), WRK_ROUNDS (5), WRK_MODES (plain,safe).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fieldsToXml } from '../src/core/server/wechat-request';
import { buildWechatRequest } from '../test/helpers/wechat-side';
import { APP_ID, AES_KEY, CONNECTIONS, TOKEN, type Mode } from './lib/callback-setup';

const SLICE_S = Number(process.env.WRK_SLICE_S ?? 3);
const ROUNDS = Number(process.env.WRK_ROUNDS ?? 5);
const MODES = (process.env.WRK_MODES ?? 'plain,safe').split(',') as Mode[];
const TARGETS: Record<Mode, number> = { plain: 0.5, safe: 0.4 };
const P99_TARGET_MS = 20;
/** Requests per second guessed for a first slice's request file; later slices use what was seen. */
const FIRST_GUESS_RPS = 60_000;
/** Bare never dedupes, so its slices replay one file (wrapping is fine there). */
const BARE_FILE_REQUESTS = 20_000;

const LUA = path.join(__dirname, 'lib', 'wrk-replay.lua');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mpdesk-wrk-'));
const pinned = os.cpus().length >= 2;
const pin = (core: number, cmd: string, args: string[]): [string, string[]] =>
  pinned ? ['taskset', ['-c', String(core), cmd, ...args]] : [cmd, args];

interface Slice {
  requests: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  errors: number;
  serverCpuUsPerReq: number;
}

interface Server {
  url: string;
  cpuUs(): Promise<number>;
  stop(): void;
}

async function startServer(kind: 'bare' | 'mpdesk'): Promise<Server> {
  const [cmd, args] = pin(1, process.execPath, [
    '--import',
    'tsx',
    path.join(__dirname, 'lib', 'wrk-server.ts'),
    kind,
  ]);
  const child: ChildProcess = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = readline.createInterface({ input: child.stdout! });
  const waiting: { resolve(v: Record<string, unknown>): void; reject(e: Error): void }[] = [];
  lines.on('line', (l) => waiting.shift()?.resolve(JSON.parse(l) as Record<string, unknown>));
  child.on('exit', (code) => {
    for (const w of waiting.splice(0)) w.reject(new Error(`${kind} server exited ${code}`));
  });
  const next = () =>
    new Promise<Record<string, unknown>>((resolve, reject) => waiting.push({ resolve, reject }));
  const { url } = (await next()) as { url: string };
  return {
    url,
    async cpuUs() {
      const reply = next();
      child.stdin!.write('cpu\n');
      return (await reply).cpuUs as number;
    },
    stop: () => child.stdin!.end(),
  };
}

let msgSeq = 0;

/** Writes `count` signed requests, each with a MsgId never used before in this run. */
function writeRequests(mode: Mode, count: number): string {
  const file = path.join(tmp, `${mode}-${msgSeq}.req`);
  const fd = fs.openSync(file, 'w');
  const timestamp = String(Math.floor(Date.now() / 1000));
  const chunks: string[] = [];
  for (let i = 0; i < count; i++) {
    const n = msgSeq++;
    const xml = fieldsToXml({
      ToUserName: 'gh_0123456789ab',
      FromUserName: `oFAN_${n % 997}`,
      CreateTime: timestamp,
      MsgType: 'text',
      Content: 'hi',
      MsgId: String(8_000_000_000_000_000_000n + BigInt(n)),
    });
    const r = buildWechatRequest({ token: TOKEN, appId: APP_ID, aesKey: AES_KEY, mode }, xml, {
      timestamp,
      nonce: String(n),
    });
    chunks.push(`/wx/${mode}?${r.query}\n${Buffer.byteLength(r.body)}\n${r.body}\n`);
    if (chunks.length === 1000) fs.writeSync(fd, chunks.splice(0).join(''));
  }
  fs.writeSync(fd, chunks.join(''));
  fs.closeSync(fd);
  return file;
}

async function runSlice(server: Server, file: string, seconds: number, mayWrap: boolean): Promise<Slice> {
  const cpu0 = await server.cpuUs();
  const [cmd, args] = pin(0, 'wrk', [
    '-t1',
    `-c${CONNECTIONS}`,
    `-d${seconds}s`,
    '--timeout',
    '5s',
    '-s',
    LUA,
    server.url,
    '--',
    file,
  ]);
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
  const cpu1 = await server.cpuUs();
  const line = r.stdout.split('\n').find((l) => l.startsWith('{"requests"'));
  if (r.status !== 0 || !line) throw new Error(`wrk failed (${r.status}): ${r.stderr || r.stdout}`);
  const w = JSON.parse(line) as Record<string, number>;
  if (w.wrapped && !mayWrap) throw new Error('a slice ran out of unique requests: raise its file size');
  return {
    requests: w.requests,
    rps: Math.round(w.requests / (w.durationUs / 1e6)),
    p50Ms: w.p50Us / 1000,
    p99Ms: w.p99Us / 1000,
    maxMs: w.maxUs / 1000,
    errors: w.socketErrors + w.non2xx,
    serverCpuUsPerReq: +((cpu1 - cpu0) / Math.max(1, w.requests)).toFixed(1),
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function measureMode(mode: Mode, bare: Server, mp: Server) {
  const bareFile = writeRequests(mode, BARE_FILE_REQUESTS);
  let guess = FIRST_GUESS_RPS;
  const mpSlice = async (seconds: number) => {
    const file = writeRequests(mode, Math.ceil(guess * seconds * 1.6) + 5000);
    const s = await runSlice(mp, file, seconds, false);
    fs.rmSync(file);
    guess = s.rps;
    return s;
  };
  // Warm-up: JIT, SQLite's page cache, the dedupe store's first generation.
  await runSlice(bare, bareFile, 2, true);
  await mpSlice(2);
  const slices = { bare: [] as Slice[], mpdesk: [] as Slice[] };
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate who goes first, so neither always follows the other's after-effects.
    const order = round % 2 ? (['mpdesk', 'bare'] as const) : (['bare', 'mpdesk'] as const);
    for (const who of order) {
      slices[who].push(
        who === 'bare' ? await runSlice(bare, bareFile, SLICE_S, true) : await mpSlice(SLICE_S),
      );
    }
  }
  const sum = (xs: Slice[]) => ({
    rpsMedian: median(xs.map((s) => s.rps)),
    p99MsMedian: median(xs.map((s) => s.p99Ms)),
    p99MsMax: Math.max(...xs.map((s) => s.p99Ms)),
    cpuUsPerReqMedian: +median(xs.map((s) => s.serverCpuUsPerReq)).toFixed(1),
    errors: xs.reduce((n, s) => n + s.errors, 0),
  });
  const b = sum(slices.bare);
  const m = sum(slices.mpdesk);
  const ratio = +(m.rpsMedian / b.rpsMedian).toFixed(3);
  const roundRatios = slices.mpdesk.map((s, i) => +(s.rps / slices.bare[i].rps).toFixed(3));
  return { mode, bare: b, mpdesk: m, ratio, roundRatios, slices };
}

async function main(): Promise<void> {
  if (spawnSync('wrk', ['--version']).error) {
    console.error('wrk is not installed: apt-get install wrk (see .ci/run)');
    process.exit(1);
  }
  if (!pinned) console.warn('fewer than 2 cores: wrk and the server share them; ratios will understate us');
  const bare = await startServer('bare');
  const mp = await startServer('mpdesk');
  const results = [];
  try {
    for (const mode of MODES) results.push(await measureMode(mode, bare, mp));
  } finally {
    bare.stop();
    mp.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  console.log(
    `\ncallback throughput under wrk (-t1 -c${CONNECTIONS}, ${pinned ? 'wrk on cpu 0, server on cpu 1' : 'unpinned'}), ${ROUNDS} alternating ${SLICE_S}s slices\n`,
  );
  console.log(
    'mode   bare rps  mpdesk rps  ratio (target)  mpdesk p99 median/max  cpu µs/req bare/mpdesk  errors',
  );
  let met = true;
  for (const r of results) {
    const ok = r.ratio >= TARGETS[r.mode] && r.mpdesk.p99MsMedian < P99_TARGET_MS;
    met &&= ok;
    console.log(
      `${r.mode.padEnd(6)} ${String(r.bare.rpsMedian).padStart(8)}  ${String(r.mpdesk.rpsMedian).padStart(10)}  ` +
        `${r.ratio.toFixed(3)} (≥${TARGETS[r.mode]})     ${r.mpdesk.p99MsMedian.toFixed(1)} / ${r.mpdesk.p99MsMax.toFixed(1)} ms` +
        `          ${r.bare.cpuUsPerReqMedian} / ${r.mpdesk.cpuUsPerReqMedian}         ${r.bare.errors + r.mpdesk.errors}  ${ok ? 'met' : 'MISSED'}`,
    );
    console.log(`       per-round ratios: ${r.roundRatios.join(' ')}`);
  }
  fs.mkdirSync('reports/bench', { recursive: true });
  fs.writeFileSync(
    'reports/bench/callback-wrk.json',
    JSON.stringify({ at: new Date().toISOString(), pinned, connections: CONNECTIONS, results }, null, 2),
  );
  console.log(
    `\nverdict: ${met ? 'all targets met' : 'a target was missed'} (plain ≥ 0.50, safe ≥ 0.40, p99 < ${P99_TARGET_MS} ms)`,
  );
  const errors = results.reduce((n, r) => n + r.bare.errors + r.mpdesk.errors, 0);
  // Errors make the numbers meaningless (a refused request is cheap); a missed target is a result.
  if (errors > 0) {
    console.error(`${errors} requests failed: the measurement is not valid`);
    process.exit(1);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
