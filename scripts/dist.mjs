#!/usr/bin/env node
// `npm run dist [-- --x64|--arm64 ...]`: installers for this OS (electron-builder.yml), x64 and
// arm64 unless an arch is named. Needs the internet: Electron itself, better-sqlite3 built for
// Electron per arch, and for the other arch its ngrok binary package.
//   MPDESK_UPDATE_FEED=https://dl.example.com/mpdesk   built-in update feed (generic provider)
//   CSC_LINK/CSC_KEY_PASSWORD, WIN_CSC_*, APPLE_*      signing and notarization (electron-builder.yml)
import path from 'node:path';
import { buildIfStale, root, runChild } from './lib/build-if-stale.mjs';
import { ensureElectronNative } from './lib/electron-native.mjs';
import { ensureNgrokNative } from './lib/ngrok-native.mjs';

const args = process.argv.slice(2);
const ARCHS = ['x64', 'arm64'];
const named = ARCHS.filter((a) => args.includes(`--${a}`));
const archs = named.length ? named : ARCHS;

function fail(message) {
  console.error(`MPDesk: cannot package: ${message}`);
  process.exit(1);
}

buildIfStale();
for (const arch of archs) {
  const sqlite = ensureElectronNative(arch);
  if (!sqlite.ok) fail(`SQLite for Electron (${arch}) could not be prepared (${sqlite.reason}).`);
  const ngrok = ensureNgrokNative(arch);
  if (!ngrok.ok) fail(`ngrok's binary for ${arch} could not be had (${ngrok.reason}).`);
}

const extra = [];
const feed = process.env.MPDESK_UPDATE_FEED;
if (feed) {
  let ok = false;
  try {
    ok = new URL(feed).protocol === 'https:';
  } catch {
    // reported below
  }
  if (!ok) fail(`MPDESK_UPDATE_FEED must be an https:// URL (got "${feed}").`);
  extra.push('-c.publish.provider=generic', `-c.publish.url=${feed}`);
}
if (!args.some((a) => a.startsWith('--publish'))) extra.push('--publish', 'never');

const env = process.env;
const signing = {
  darwin: env.CSC_LINK || env.CSC_NAME ? 'signed (CSC_LINK/CSC_NAME)' : 'unsigned: no CSC_LINK',
  win32: env.WIN_CSC_LINK || env.CSC_LINK ? 'signed (WIN_CSC_LINK/CSC_LINK)' : 'unsigned: no WIN_CSC_LINK',
  linux: 'AppImage and deb are not code-signed',
}[process.platform];
const notarize =
  process.platform !== 'darwin'
    ? ''
    : env.APPLE_API_KEY || env.APPLE_ID || env.APPLE_KEYCHAIN_PROFILE
      ? ', notarized'
      : ', not notarized: no APPLE_API_KEY/APPLE_ID';
console.log(
  `MPDesk: packaging ${archs.join(' + ')} for ${process.platform}, ${signing}${notarize}, updates ${feed ? `from ${feed}` : 'off (no MPDESK_UPDATE_FEED)'}`,
);

runChild(process.execPath, [
  path.join(root, 'node_modules/electron-builder/cli.js'),
  ...(named.length ? [] : archs.map((a) => `--${a}`)),
  ...args,
  ...extra,
]);
