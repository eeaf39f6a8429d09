/**
 * Two builds of the core side by side under the callback bench's generator, in alternating 1 s
 * slices, so both see the same machine: on our shared 2-core VM, separate runs of one build differ
 * by 10-30 %, while an A/B of a build against itself stays within 0.5 % (measured). Use it to judge
 * a hot-path change worth a few per cent, which `npm run bench` cannot resolve run to run.
 *
 *   npx electron-vite build && cp -r out reports/ab-a     # the build before the change
 *   (apply the change) && npx electron-vite build && cp -r out reports/ab-b
 *   node --import tsx bench/ab-cores.ts reports/ab-a reports/ab-b [plain|safe] [rounds]
 *
 * The builds must sit inside the repository (reports/ is ignored by git), where their requires
 * find node_modules. Prints B's throughput over A's; run an A/A first to see the noise floor.
 */
import fs from 'node:fs';
import path from 'node:path';
import { addBenchAccount, benchCore, runLoad, type Mode } from './lib/callback-setup';
import { firstN } from '../test/helpers/indexed';

async function main() {
  const [outA, outB, mode = 'plain', rounds = '8'] = process.argv.slice(2);
  if (!outA || !outB || (mode !== 'plain' && mode !== 'safe')) {
    console.error('usage: bench/ab-cores.ts <out dir A> <out dir B> [plain|safe] [rounds]');
    process.exit(2);
  }
  const sides = [];
  for (const out of [outA, outB]) {
    const side = benchCore(path.resolve(out));
    await addBenchAccount(side.core, mode as Mode);
    await side.core.start();
    sides.push(side);
  }
  try {
    const [a, b] = firstN(
      await runLoad(
        sides.map((s, i) => ({ name: i ? 'B' : 'A', url: s.core.status().callbackListener!.url })),
        mode as Mode,
        { warmupMs: 1000, sliceMs: 1000, rounds: Number(rounds) },
      ),
      2,
    );
    console.table(
      [a, b].map((l) => ({
        build: l.name,
        rps: Math.round(l.rps),
        p50Ms: l.p50,
        p99Ms: l.p99,
        errors: l.errors,
      })),
    );
    console.log(`${mode}: B/A throughput ${(b.rps / a.rps).toFixed(3)}`);
  } finally {
    for (const s of sides) {
      await s.core.stop();
      fs.rmSync(s.dataDir, { recursive: true, force: true });
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
