// better-sqlite3 for Electron, kept apart from the Node build that `npm test` uses (docs/architecture.md §9):
// a copy of the package in .electron-native/<arch>/ gets the Electron build (a prebuilt binary when
// one can be downloaded, else compiled against Electron's headers), and the main process loads
// .electron-native/<arch>/better_sqlite3.node through better-sqlite3's `nativeBinding` option
// (src/main/native-binding.ts); installers ship it as resources/native/better_sqlite3.node
// (electron-builder.yml). node_modules is never touched, so the two never clobber each other.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { root } from './build-if-stale.mjs';

/** The Electron build for `arch` (x64, arm64); another arch than this machine's needs its prebuilt. */
export function electronNativePath(arch = process.arch) {
  return path.join(root, '.electron-native', arch, 'better_sqlite3.node');
}

export function ensureElectronNative(arch = process.arch) {
  const version = JSON.parse(
    fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8'),
  ).version;
  const sqliteVersion = JSON.parse(
    fs.readFileSync(path.join(root, 'node_modules/better-sqlite3/package.json'), 'utf8'),
  ).version;
  const target = electronNativePath(arch);
  const dir = path.dirname(target);
  const stamp = path.join(dir, 'stamp.json');
  const want = JSON.stringify({ electron: version, betterSqlite3: sqliteVersion, arch });
  if (fs.existsSync(target) && fs.readFileSync(stamp, { encoding: 'utf8', flag: 'a+' }) === want)
    return { ok: true };

  console.log(`MPDesk: building SQLite for Electron ${version} ${arch} (once)...`);
  const work = path.join(dir, 'better-sqlite3');
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.cpSync(path.join(root, 'node_modules/better-sqlite3'), work, {
    recursive: true,
    filter: (src) => !src.includes(`${path.sep}build${path.sep}`),
  });
  const env = { ...process.env, npm_config_nodedir: '' };
  const prebuilt = spawnSync(
    process.execPath,
    [
      path.join(root, 'node_modules/prebuild-install/bin.js'),
      '--runtime',
      'electron',
      '--target',
      version,
      '--arch',
      arch,
    ],
    { cwd: work, stdio: 'inherit', env },
  );
  if (prebuilt.status !== 0) {
    if (arch !== process.arch)
      return {
        ok: false,
        reason: `no prebuilt binary for ${arch}, and this machine compiles only ${process.arch}`,
      };
    // npm exposes its bundled node-gyp to scripts as npm_config_node_gyp.
    const gypBin = process.env.npm_config_node_gyp;
    if (!gypBin)
      return { ok: false, reason: 'no prebuilt binary, and node-gyp is not known (run through npm start)' };
    const gyp = spawnSync(
      process.execPath,
      [
        gypBin,
        'rebuild',
        '--release',
        `--target=${version}`,
        `--arch=${arch}`,
        '--dist-url=https://electronjs.org/headers',
      ],
      { cwd: work, stdio: 'inherit', env },
    );
    if (gyp.status !== 0) return { ok: false, reason: 'neither a prebuilt binary nor a local build worked' };
  }
  fs.copyFileSync(path.join(work, 'build/Release/better_sqlite3.node'), target);
  fs.writeFileSync(stamp, want);
  return { ok: true };
}
