import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { createCore as CreateCore } from '../../src/core/create-core';
// @ts-expect-error: a plain .mjs helper shared with the start scripts, without type declarations.
import { buildIfStale, root } from '../../scripts/lib/build-if-stale.mjs';
import { groupOf } from '../../test/helpers/indexed';

/**
 * `createCore` as MPDesk ships it: from electron-vite's bundle (out/main, rebuilt first if any
 * source is newer), not from src/ through tsx. tsx's transpile adds a `__name` call per function it
 * creates and a getter per re-exported binding, ~5 % of a callback request on its hot path, which
 * the installers never run. The bundle's shared chunks have hashed names; the headless entry names them,
 * and core's is the one that exports createCore.
 */
export function shippedCreateCore(outDir?: string): typeof CreateCore {
  // Another build (bench/ab-cores.ts) is taken as it is; it must sit inside the repository, where
  // its requires find node_modules.
  if (!outDir) (buildIfStale as () => void)();
  const dir = path.join(outDir ?? path.join(root as string, 'out'), 'main');
  const entry = fs.readFileSync(path.join(dir, 'headless.js'), 'utf8');
  const load = createRequire(__filename);
  const chunks = [...entry.matchAll(/require\("\.\/(chunks\/[^"]+\.js)"\)/g)].map((m) =>
    groupOf(m, 1, 'a chunk path'),
  );
  for (const chunk of chunks) {
    const mod = load(path.join(dir, chunk)) as { createCore?: typeof CreateCore };
    if (typeof mod.createCore === 'function') return mod.createCore;
  }
  throw new Error(
    `no chunk out/main/headless.js names (${chunks.join(', ') || 'none'}) exports createCore: has the build layout changed?`,
  );
}
