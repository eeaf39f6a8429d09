#!/usr/bin/env node
// `npm run dist`: packaged installers for this OS (electron-builder.yml). Needs the internet
// (Electron's binary and, usually, a prebuilt better-sqlite3 for Electron).
import path from 'node:path';
import { buildIfStale, root, runChild } from './lib/build-if-stale.mjs';
import { ensureElectronNative } from './lib/electron-native.mjs';

buildIfStale();
const native = ensureElectronNative();
if (!native.ok) {
  console.error(`MPDesk: cannot package: SQLite for Electron could not be prepared (${native.reason}).`);
  process.exit(1);
}
runChild(process.execPath, [
  path.join(root, 'node_modules/electron-builder/cli.js'),
  ...process.argv.slice(2),
]);
