#!/usr/bin/env node
// `npm run dist:check`: proves offline (here, and in CI) that `npm run dist` would make a package
// that starts. electron-builder itself lays out the Linux app for this machine's arch from
// electron-builder.yml (`--dir`), with electronDist pointed at a stand-in Electron: a file with
// Electron's fuse wire and nothing else, since the real binary cannot be downloaded here. Then
// scripts/lib/package-checks.mjs checks the layout and this prints one summary line (the
// problems first, when there are any) and exits non-zero on any.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildIfStale, root } from './lib/build-if-stale.mjs';
import { electronNativePath } from './lib/electron-native.mjs';
import { ngrokPackage } from './lib/ngrok-native.mjs';
import {
  checkContents,
  checkEntries,
  checkFuses,
  checkMainImports,
  checkNativeLoads,
  checkNativeUnpacked,
  packageBytes,
  readAsar,
} from './lib/package-checks.mjs';

/** What the package may add to Electron (asar, unpacked natives, SQLite). */
const BUDGET_MB = 40;
/** Electron's fuse sentinel, then wire version 1 and 8 fuses at Electron's defaults ('1' on, '0' off). */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const DEFAULT_WIRE = [1, 8, ...Buffer.from('10110001')];

const arch = process.arch;
if (arch !== 'x64' && arch !== 'arm64') {
  console.log(`dist:check FAILED: installers are built for x64 and arm64, not ${arch}`);
  process.exit(1);
}
if (!process.argv.includes('--no-build')) buildIfStale();

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mpdesk-dist-check-'));
const electronDist = path.join(work, 'electron');
fs.mkdirSync(path.join(electronDist, 'resources'), { recursive: true });
const electronVersion = JSON.parse(
  fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8'),
).version;
fs.writeFileSync(
  path.join(electronDist, 'electron'),
  Buffer.concat([
    Buffer.from('#!/bin/sh\necho "stand-in Electron for dist:check"\n'),
    Buffer.from(SENTINEL),
    Buffer.from(DEFAULT_WIRE),
  ]),
  { mode: 0o755 },
);
fs.writeFileSync(path.join(electronDist, 'version'), electronVersion);
fs.writeFileSync(path.join(electronDist, 'LICENSE'), 'stand-in');

// SQLite for Electron needs Electron's headers or a prebuilt download; offline, the Node build
// stands in at the same place (electron-builder.yml's own entry is skipped when its file is absent).
const realSqlite = electronNativePath(arch);
const sqliteStandIn = !fs.existsSync(realSqlite);
const extraResources = sqliteStandIn
  ? [
      {
        from: path.join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'),
        to: 'native/better_sqlite3.node',
      },
    ]
  : [];

const output = path.join(work, 'dist');
const started = Date.now();
const pack = spawnSync(
  process.execPath,
  [
    path.join(root, 'scripts/lib/pack-layout.mjs'),
    JSON.stringify({ projectDir: root, arch, electronDist, output, extraResources }),
  ],
  { cwd: root, encoding: 'utf8', env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' } },
);
const problems = [];
const appOut = fs.existsSync(output)
  ? fs
      .readdirSync(output)
      .map((d) => path.join(output, d))
      .find((d) => d.endsWith('-unpacked'))
  : undefined;
if (pack.status !== 0 || !appOut) {
  console.log(`${pack.stdout}${pack.stderr}`.trim());
  console.log(
    `dist:check FAILED: electron-builder could not lay out the package (exit ${pack.status}); its log is above`,
  );
  process.exit(1);
}

const resources = path.join(appOut, 'resources');
const a = readAsar(path.join(resources, 'app.asar'));
const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
const pkg = checkEntries(a, problems);
const required = checkMainImports(a, problems);
const { packages } = checkContents(a, lock, problems);
const natives = checkNativeUnpacked(a, problems);
const loads = checkNativeLoads(
  { a, resources, arch, ngrokPackage: ngrokPackage(process.platform, arch), sqliteStandIn },
  problems,
);
const fuses = await checkFuses(path.join(appOut, pkg.name), problems);
const mb = packageBytes(resources) / 1024 / 1024;
if (mb > BUDGET_MB)
  problems.push(`the package adds ${mb.toFixed(1)} MB to Electron, over the ${BUDGET_MB} MB budget`);

const secs = ((Date.now() - started) / 1000).toFixed(1);
const facts =
  `linux-${arch} layout by electron-builder (stand-in Electron ${electronVersion}, ${secs}s): ` +
  `main ${pkg.main} + preload + renderer in app.asar, ${required} required packages present, ` +
  `${packages} packages (0 dev, no tests), ${natives.length} native modules unpacked ` +
  `(ngrok ${loads.ngrok}; SQLite ${loads.sqlite}), fuses ${fuses}, ${mb.toFixed(1)} MB of ${BUDGET_MB} MB`;
if (problems.length) {
  for (const p of problems) console.log(`  ✗ ${p}`);
  console.log(`dist:check FAILED: ${problems.length} problem(s); ${facts}; layout kept at ${appOut}`);
  process.exit(1);
}
fs.rmSync(work, { recursive: true, force: true });
console.log(`dist:check ok: ${facts}`);
