/**
 * What the wrk benches share (bench/callback-wrk.bench.ts, bench/ab-wrk.ts): a server in its own
 * process pinned to cpu 1 (bench/lib/wrk-server.ts), request files in which every request carries
 * a MsgId never used before in the run, and one wrk slice pinned to cpu 0 with the server's CPU
 * time over it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fieldsToXml } from '../../src/core/server/wechat-request';
import { buildWechatRequest } from '../../test/helpers/wechat-side';
import { APP_ID, AES_KEY, CONNECTIONS, TOKEN, type Mode } from './callback-setup';
import { itemAt } from '../../test/helpers/indexed';

const LUA = path.join(__dirname, 'wrk-replay.lua');
export const pinned = os.cpus().length >= 2;
const pin = (core: number, cmd: string, args: string[]): [string, string[]] =>
  pinned ? ['taskset', ['-c', String(core), cmd, ...args]] : [cmd, args];

export interface Slice {
  requests: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  errors: number;
  serverCpuUsPerReq: number;
}

export interface WrkServer {
  url: string;
  cpuUs(): Promise<number>;
  stop(): void;
}

/** `bare`, `floor`, or `mpdesk` from `outDir` (another build's out/, default this one's) with `nodeFlags`. */
export async function startServer(
  kind: 'bare' | 'floor' | 'mpdesk',
  opts: { outDir?: string; nodeFlags?: string[] } = {},
): Promise<WrkServer> {
  const [cmd, args] = pin(1, process.execPath, [
    ...(opts.nodeFlags ?? []),
    '--import',
    'tsx',
    path.join(__dirname, 'wrk-server.ts'),
    kind,
    ...(opts.outDir ? [path.resolve(opts.outDir)] : []),
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

/** Request files for one run: each request's MsgId is unique in the run. */
export class RequestFiles {
  private seq = 0;
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpdesk-wrk-'));

  /** Writes `count` signed requests for `/wx/<mode>`. */
  write(mode: Mode, count: number): string {
    const file = path.join(this.dir, `${mode}-${this.seq}.req`);
    const fd = fs.openSync(file, 'w');
    const timestamp = String(Math.floor(Date.now() / 1000));
    const chunks: string[] = [];
    for (let i = 0; i < count; i++) {
      const n = this.seq++;
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

  remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** One wrk slice of `seconds` against `server`; `mayWrap`: the file may be replayed from its start. */
/** The line bench/lib/wrk-replay.lua prints when wrk is done. */
interface WrkSummary {
  requests: number;
  durationUs: number;
  socketErrors: number;
  non2xx: number;
  p50Us: number;
  p99Us: number;
  maxUs: number;
  wrapped: number;
}

export async function runSlice(
  server: WrkServer,
  file: string,
  seconds: number,
  mayWrap: boolean,
): Promise<Slice> {
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
  const w = JSON.parse(line) as WrkSummary;
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

/**
 * Slices of an MPDesk server, each on a fresh request file sized from the last slice's rate (its
 * MsgIds must not repeat: a repeat is answered by dedupe, which is cheaper).
 */
export function mpdeskSlices(files: RequestFiles, mode: Mode, server: WrkServer, firstGuessRps = 60_000) {
  let guess = firstGuessRps;
  return async (seconds: number): Promise<Slice> => {
    const file = files.write(mode, Math.ceil(guess * seconds * 1.6) + 5000);
    const s = await runSlice(server, file, seconds, false);
    fs.rmSync(file);
    guess = s.rps;
    return s;
  };
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? itemAt(s, m) : (itemAt(s, m - 1) + itemAt(s, m)) / 2;
};

/** Medians over a side's slices. */
export function summary(xs: Slice[]) {
  return {
    rpsMedian: median(xs.map((s) => s.rps)),
    p99MsMedian: median(xs.map((s) => s.p99Ms)),
    p99MsMax: Math.max(...xs.map((s) => s.p99Ms)),
    cpuUsPerReqMedian: +median(xs.map((s) => s.serverCpuUsPerReq)).toFixed(1),
    errors: xs.reduce((n, s) => n + s.errors, 0),
  };
}

export function requireWrk(): void {
  if (spawnSync('wrk', ['--version']).error) {
    console.error('wrk is not installed: apt-get install wrk (see .ci/run)');
    process.exit(1);
  }
  if (!pinned) console.warn('fewer than 2 cores: wrk and the server share them; ratios will understate us');
}
