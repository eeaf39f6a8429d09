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
/** Bare never dedupes, so its slices replay one file (wrapping is fine there). */
const BARE_FILE_REQUESTS = 20_000;

async function measureMode(files: RequestFiles, mode: Mode, bare: WrkServer, mp: WrkServer) {
  const bareFile = files.write(mode, BARE_FILE_REQUESTS);
  const mpSlice = mpdeskSlices(files, mode, mp);
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
  const b = summary(slices.bare);
  const m = summary(slices.mpdesk);
  const ratio = +(m.rpsMedian / b.rpsMedian).toFixed(3);
  const roundRatios = slices.mpdesk.map((s, i) => +(s.rps / itemAt(slices.bare, i).rps).toFixed(3));
  return { mode, bare: b, mpdesk: m, ratio, roundRatios, slices };
}

async function main(): Promise<void> {
  requireWrk();
  const files = new RequestFiles();
  const bare = await startServer('bare');
  const mp = await startServer('mpdesk');
  const results = [];
  try {
    for (const mode of MODES) results.push(await measureMode(files, mode, bare, mp));
  } finally {
    bare.stop();
    mp.stop();
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
