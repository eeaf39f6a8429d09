// Rebuilds out/ with electron-vite when any source is newer than the build, so `npm start` and
// `npm run headless` always run what is in src/ without a manual build step.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '../..');

function newest(p) {
  const st = fs.statSync(p, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const e of fs.readdirSync(p)) {
    if (e === 'node_modules' || e.endsWith('.test.ts')) continue;
    max = Math.max(max, newest(path.join(p, e)));
  }
  return max;
}

export function buildIfStale() {
  const outputs = [
    'out/main/index.js',
    'out/main/headless.js',
    'out/preload/index.js',
    'out/renderer/index.html',
  ].map((f) => path.join(root, f));
  const built = Math.min(...outputs.map((f) => fs.statSync(f, { throwIfNoEntry: false })?.mtimeMs ?? 0));
  const sources = Math.max(
    ...['src', 'electron.vite.config.ts', 'package.json'].map((f) => newest(path.join(root, f))),
  );
  if (built >= sources) return;
  console.log('MPDesk: building the app (electron-vite build)...');
  const r = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  if (r.status !== 0) {
    console.error('MPDesk: the build failed (see above).');
    process.exit(r.status ?? 1);
  }
}

/**
 * Runs a child in this terminal and mirrors its exit. Ctrl+C reaches the child through the terminal's
 * process group; the parent only forwards SIGTERM and waits, so the child can stop cleanly.
 */
export function runChild(cmd, args, opts = {}) {
  const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  process.on('SIGINT', () => {});
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  return child;
}

export function runHeadless(args) {
  return runChild(process.execPath, [path.join(root, 'out/main/headless.js'), ...args]);
}
