// @ngrok/ngrok loads its binary from a per-platform package (@ngrok/ngrok-linux-x64-gnu, ...) that npm
// installs for this machine only. An installer for the other arch needs that arch's package: it is
// fetched with the npm client (`npm pack`, same version as @ngrok/ngrok) into node_modules, where
// electron-builder.yml's files pattern picks exactly the target's one.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { root } from './build-if-stale.mjs';

const SUFFIX = {
  'linux-x64': 'linux-x64-gnu',
  'linux-arm64': 'linux-arm64-gnu',
  'darwin-x64': 'darwin-x64',
  'darwin-arm64': 'darwin-arm64',
  'win32-x64': 'win32-x64-msvc',
  'win32-arm64': 'win32-arm64-msvc',
};

export function ngrokPackage(platform, arch) {
  const suffix = SUFFIX[`${platform}-${arch}`];
  return suffix ? `@ngrok/ngrok-${suffix}` : undefined;
}

export function ensureNgrokNative(arch, platform = process.platform) {
  const name = ngrokPackage(platform, arch);
  if (!name) return { ok: false, reason: `ngrok ships no binary for ${platform}-${arch}` };
  const dir = path.join(root, 'node_modules', ...name.split('/'));
  if (fs.existsSync(path.join(dir, 'package.json'))) return { ok: true, name };
  const version = JSON.parse(
    fs.readFileSync(path.join(root, 'node_modules/@ngrok/ngrok/package.json'), 'utf8'),
  ).version;
  console.log(`MPDesk: fetching ${name}@${version} for the ${arch} installer...`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mpdesk-ngrok-'));
  // Through npm's own client: npm_execpath when run by npm, else the npm on PATH.
  const npm = process.env.npm_execpath
    ? [process.execPath, [process.env.npm_execpath]]
    : [process.platform === 'win32' ? 'npm.cmd' : 'npm', []];
  const pack = spawnSync(npm[0], [...npm[1], 'pack', `${name}@${version}`, '--pack-destination', tmp], {
    cwd: root,
    encoding: 'utf8',
    shell: process.platform === 'win32' && !process.env.npm_execpath,
  });
  const tgz = pack.stdout?.trim().split('\n').pop();
  if (pack.status !== 0 || !tgz)
    return { ok: false, reason: `npm pack ${name} failed: ${pack.stderr?.trim()}` };
  fs.mkdirSync(dir, { recursive: true });
  const tar = spawnSync('tar', ['-xzf', path.join(tmp, tgz), '-C', dir, '--strip-components=1']);
  fs.rmSync(tmp, { recursive: true, force: true });
  if (tar.status !== 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    return { ok: false, reason: `could not unpack ${tgz}` };
  }
  return { ok: true, name };
}
