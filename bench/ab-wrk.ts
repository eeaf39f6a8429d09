/**
 * Two builds of the core under wrk, in alternating slices on the same pinned core
 * (bench/lib/wrk-run.ts), so both see the same machine: bench/ab-cores.ts's method with a load
 * generator that is not the bottleneck. Prints B over A for throughput and for server CPU per
 * request (the steadier figure on a shared machine), per round and as medians.
 *
 *   npx electron-vite build && cp -r out reports/ab-a     # the build before the change
 *   (apply the change) && npx electron-vite build && cp -r out reports/ab-b
 *   node --import tsx bench/ab-wrk.ts reports/ab-a reports/ab-b [plain|safe] [rounds] [slice s]
 *
 * AB_FLAGS_A / AB_FLAGS_B: node flags for one side (e.g. `--max-semi-space-size=32`), to judge a
 * V8 flag on one build. The builds must sit inside the repository (reports/ is ignored by git),
 * where their requires find node_modules. Run an A/A first to see the noise floor.
 */
import type { Mode } from './lib/callback-setup';
import {
  median,
  mpdeskSlices,
  RequestFiles,
  requireWrk,
  startServer,
  summary,
  type Slice,
} from './lib/wrk-run';
import { itemAt } from '../test/helpers/indexed';

async function main() {
  const [outA, outB, mode = 'plain', rounds = '8', sliceS = '2'] = process.argv.slice(2);
  if (!outA || !outB || (mode !== 'plain' && mode !== 'safe')) {
    console.error('usage: bench/ab-wrk.ts <out dir A> <out dir B> [plain|safe] [rounds] [slice s]');
    process.exit(2);
  }
  requireWrk();
  const flags = (s: string | undefined) => (s ? s.split(/\s+/).filter(Boolean) : []);
  const files = new RequestFiles();
  const a = await startServer('mpdesk', { outDir: outA, nodeFlags: flags(process.env.AB_FLAGS_A) });
  const b = await startServer('mpdesk', { outDir: outB, nodeFlags: flags(process.env.AB_FLAGS_B) });
  try {
    const sliceA = mpdeskSlices(files, mode as Mode, a);
    const sliceB = mpdeskSlices(files, mode as Mode, b);
    await sliceA(2);
    await sliceB(2);
    const got = { A: [] as Slice[], B: [] as Slice[] };
    const seconds = Number(sliceS);
    for (let round = 0; round < Number(rounds); round++) {
      const order = round % 2 ? (['B', 'A'] as const) : (['A', 'B'] as const);
      for (const who of order) got[who].push(await (who === 'A' ? sliceA : sliceB)(seconds));
    }
    const rps = got.B.map((s, i) => +(s.rps / itemAt(got.A, i).rps).toFixed(3));
    const cpu = got.B.map((s, i) => +(s.serverCpuUsPerReq / itemAt(got.A, i).serverCpuUsPerReq).toFixed(3));
    console.table({ A: summary(got.A), B: summary(got.B) });
    console.log(`${mode}: B/A throughput per round ${rps.join(' ')}; median ${median(rps).toFixed(3)}`);
    console.log(`${mode}: B/A cpu µs/req per round ${cpu.join(' ')}; median ${median(cpu).toFixed(3)}`);
  } finally {
    a.stop();
    b.stop();
    files.remove();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
