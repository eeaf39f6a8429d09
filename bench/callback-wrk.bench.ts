/**
 * Callback throughput and p99 with a load generator that is not the bottleneck: `wrk` (a C client,
 * Debian package `wrk`) pinned to one core, the server pinned to the other, 50 keep-alive
 * connections. Each request is a signed text message with its own MsgId that the bench account's
 * keyword rule answers, with the durable callback log on; in safe mode it is encrypted and so is the
 * reply. Bare node:http (answering `success`, parsing nothing), the floor (bench/lib/floor-server.ts:
 * the least a server that logs each callback durably must do) and MPDesk's built core are measured
 * in rotating slices in one run, so all see the same machine; the ratio of MPDesk's and bare's
 * median throughputs is the result (docs/architecture.md §8), the floor's ratio the bound on it.
 *
 *   npm run bench -- callback-wrk        (or: node --import tsx bench/callback-wrk.bench.ts)
 *
 * Environment: WRK_SLICE_S (3), WRK_ROUNDS (5), WRK_MODES (plain,safe). To compare two builds of
 * MPDesk with each other rather than with bare Node, use bench/ab-wrk.ts.
 */
import fs from 'node:fs';
import { CONNECTIONS, type Mode } from './lib/callback-setup';
import {
  mpdeskSlices,
  pinned,
  RequestFiles,
  requireWrk,
  runSlice,
  startServer,
  summary,
  type Slice,
  type WrkServer,
} from './lib/wrk-run';
import { itemAt } from '../test/helpers/indexed';

const SLICE_S = Number(process.env.WRK_SLICE_S ?? 3);
const ROUNDS = Number(process.env.WRK_ROUNDS ?? 5);
const MODES = (process.env.WRK_MODES ?? 'plain,safe').split(',') as Mode[];
const TARGETS: Record<Mode, number> = { plain: 0.5, safe: 0.4 };
const P99_TARGET_MS = 20;
/** Bare and the floor never dedupe, so their slices replay one file (wrapping is fine there). */
const BARE_FILE_REQUESTS = 20_000;

type Who = 'bare' | 'floor' | 'mpdesk';
const WHO: readonly Who[] = ['bare', 'floor', 'mpdesk'];

async function measureMode(files: RequestFiles, mode: Mode, servers: Record<Who, WrkServer>) {
  const fixedFile = files.write(mode, BARE_FILE_REQUESTS);
  const mpSlice = mpdeskSlices(files, mode, servers.mpdesk);
  const slice = (who: Who, seconds: number) =>
    who === 'mpdesk' ? mpSlice(seconds) : runSlice(servers[who], fixedFile, seconds, true);
  // Warm-up: JIT, SQLite's page cache, the dedupe store's first generation.
  for (const who of WHO) await slice(who, 2);
  const slices: Record<Who, Slice[]> = { bare: [], floor: [], mpdesk: [] };
  for (let round = 0; round < ROUNDS; round++) {
    // Rotate who goes first, so none always follows another's after-effects.
    for (let k = 0; k < WHO.length; k++) {
      const who = itemAt(WHO, (round + k) % WHO.length);
      slices[who].push(await slice(who, SLICE_S));
    }
  }
  const b = summary(slices.bare);
  const f = summary(slices.floor);
  const m = summary(slices.mpdesk);
  const ratio = +(m.rpsMedian / b.rpsMedian).toFixed(3);
  const floorRatio = +(f.rpsMedian / b.rpsMedian).toFixed(3);
  /** MPDesk's share of the floor: what our pipeline keeps of what a logged server can reach. */
  const ofFloor = +(m.rpsMedian / f.rpsMedian).toFixed(3);
  const roundRatios = slices.mpdesk.map((s, i) => +(s.rps / itemAt(slices.bare, i).rps).toFixed(3));
  return { mode, bare: b, floor: f, mpdesk: m, ratio, floorRatio, ofFloor, roundRatios, slices };
}

async function main(): Promise<void> {
  requireWrk();
  const files = new RequestFiles();
  const servers = {
    bare: await startServer('bare'),
    floor: await startServer('floor'),
    mpdesk: await startServer('mpdesk'),
  };
  const results = [];
  try {
    for (const mode of MODES) results.push(await measureMode(files, mode, servers));
  } finally {
    for (const s of Object.values(servers)) s.stop();
    files.remove();
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
    console.log(
      `       floor (node:http + signature${r.mode === 'safe' ? ' + AES' : ''} + the durable row, nothing else): ` +
        `${r.floor.rpsMedian} rps, ${r.floorRatio.toFixed(3)} × bare, p99 ${r.floor.p99MsMedian.toFixed(1)} ms, ${r.floor.cpuUsPerReqMedian} cpu µs/req; ` +
        `MPDesk ${r.ofFloor.toFixed(3)} × floor`,
    );
  }
  fs.mkdirSync('reports/bench', { recursive: true });
  fs.writeFileSync(
    'reports/bench/callback-wrk.json',
    JSON.stringify({ at: new Date().toISOString(), pinned, connections: CONNECTIONS, results }, null, 2),
  );
  console.log(
    `\nverdict: ${met ? 'all targets met' : 'a target was missed'} (plain ≥ 0.50, safe ≥ 0.40, p99 < ${P99_TARGET_MS} ms)`,
  );
  const errors = results.reduce((n, r) => n + r.bare.errors + r.floor.errors + r.mpdesk.errors, 0);
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
