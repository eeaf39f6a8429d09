#!/usr/bin/env node
// `npm start`: the desktop app where Electron can run; otherwise one clear line and the headless
// mode (same core, same UI in a browser). Electron >= 42 downloads its binary on first run, which
// fails fast where there is no internet (docs/architecture.md §9).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { buildIfStale, root, runChild, runHeadless } from './lib/build-if-stale.mjs';
import { ensureElectronNative } from './lib/electron-native.mjs';

function electronBinary() {
  if (process.env.MPDESK_HEADLESS === '1') return { reason: 'MPDESK_HEADLESS=1 is set' };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { reason: 'there is no display (DISPLAY/WAYLAND_DISPLAY unset)' };
  }
  // Resolving the package triggers its lazy download; do it in a child so a failure is just an answer.
  const r = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    cwd: root,
    encoding: 'utf8',
    timeout: 180_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // A first run prints "Downloading Electron binary..." before the path.
  const bin = r.stdout?.trim().split('\n').pop();
  if (r.status === 0 && bin) return { path: bin };
  const why =
    (r.stderr || r.error?.message || '').split('\n').find((l) => /error/i.test(l)) ?? 'download failed';
  return { reason: `Electron's binary could not be had (${why.trim().slice(0, 160)})` };
}

buildIfStale();
const args = process.argv.slice(2);
const electron = electronBinary();
if (!electron.path) {
  console.log(
    `MPDesk: the desktop window cannot open here: ${electron.reason}. Starting the headless mode instead; open the console URL below in a browser.`,
  );
  runHeadless(args);
} else {
  const native = ensureElectronNative();
  if (!native.ok) {
    console.log(
      `MPDesk: could not prepare SQLite for Electron (${native.reason}). Starting the headless mode instead.`,
    );
    runHeadless(args);
  } else {
    runChild(electron.path, [path.join(root), ...args]);
  }
}
