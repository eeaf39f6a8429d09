// What a packaged MPDesk needs to start on a user's machine, checked on the layout electron-builder
// made (scripts/dist-check.mjs). Each check returns facts for the summary and pushes what is wrong
// into `problems` as one line a person can act on.
import fs from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import path from 'node:path';
import asar from '@electron/asar';
import { getCurrentFuseWire, FuseV1Options } from '@electron/fuses';

const require = createRequire(import.meta.url);

/** The fuses an installer must have (electron-builder.yml electronFuses). 48 = off, 49 = on. */
export const REQUIRED_FUSES = {
  RunAsNode: false,
  EnableCookieEncryption: true,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
};

/** Where src/main/native-binding.ts looks in an installed app. */
export const SQLITE_IN_RESOURCES = path.join('native', 'better_sqlite3.node');

const BUILTIN = new Set([...builtinModules, 'electron']);
const packageOf = (spec) =>
  spec
    .split('/')
    .slice(0, spec.startsWith('@') ? 2 : 1)
    .join('/');

export function readAsar(asarFile) {
  const files = new Set(asar.listPackage(asarFile).map((p) => p.replace(/\\/g, '/').replace(/^\//, '')));
  const text = (f) => asar.extractFile(asarFile, f).toString('utf8');
  return { asarFile, files, text, stat: (f) => asar.statFile(asarFile, f) };
}

/** main, preload and renderer inside, package.json's `main` among them, the page's assets present. */
export function checkEntries(a, problems) {
  const pkg = JSON.parse(a.text('package.json'));
  if (!a.files.has(pkg.main)) problems.push(`package.json main "${pkg.main}" is not in app.asar`);
  for (const f of ['out/preload/index.js', 'out/renderer/index.html', 'out/main/headless.js'])
    if (!a.files.has(f)) problems.push(`${f} is not in app.asar`);
  if (!a.files.has('out/renderer/index.html')) return pkg;
  const html = a.text('out/renderer/index.html');
  if (!/<meta\s+http-equiv="Content-Security-Policy"/.test(html))
    problems.push('out/renderer/index.html has no CSP <meta> (a file:// page gets no header)');
  for (const [, ref] of html.matchAll(/(?:src|href)="\.\/([^"]+)"/g))
    if (!a.files.has(`out/renderer/${ref}`)) problems.push(`index.html refers to ${ref}, not in app.asar`);
  return pkg;
}

/** Every package the main bundle requires is in app.asar with the entry it resolves to. */
export function checkMainImports(a, problems) {
  const wanted = new Set();
  for (const f of a.files) {
    if (!f.startsWith('out/main/') || !f.endsWith('.js')) continue;
    for (const [, spec] of a.text(f).matchAll(/(?:require|import)\(\s*"([^".][^"]*)"\s*\)/g))
      if (!BUILTIN.has(spec) && !spec.startsWith('node:')) wanted.add(packageOf(spec));
  }
  for (const name of wanted) {
    const manifest = `node_modules/${name}/package.json`;
    if (!a.files.has(manifest)) {
      problems.push(`the main process requires ${name}, which is not in app.asar`);
      continue;
    }
    const p = JSON.parse(a.text(manifest));
    const dot = typeof p.exports === 'string' ? p.exports : p.exports?.['.'];
    const target = typeof dot === 'string' ? dot : (dot?.require ?? dot?.node ?? dot?.default);
    const entry = path.posix.normalize(`node_modules/${name}/${target ?? p.main ?? 'index.js'}`);
    const candidates = [entry, `${entry}.js`, `${entry}/index.js`];
    if (typeof target !== 'object' && !candidates.some((c) => a.files.has(c)))
      problems.push(`${name}'s entry ${entry} is not in app.asar`);
  }
  return wanted.size;
}

/** The node_modules package directories in app.asar (nested and scoped ones too). */
export function packageDirs(a) {
  const dirs = new Set();
  for (const f of a.files) {
    const m = /^((?:node_modules\/(?:@[^/]+\/)?[^/]+\/)+)package\.json$/.exec(f);
    if (m) dirs.add(m[1].slice(0, -1));
  }
  return dirs;
}

/** Nothing from devDependencies (per package-lock.json), no tests, no sources. */
export function checkContents(a, lock, problems) {
  const dirs = packageDirs(a);
  const dev = [...dirs].filter((d) => lock.packages[d]?.dev);
  const unknown = [...dirs].filter((d) => !lock.packages[d]);
  if (dev.length) problems.push(`devDependencies inside app.asar: ${dev.join(', ')}`);
  if (unknown.length)
    problems.push(`packages not in package-lock.json inside app.asar: ${unknown.join(', ')}`);
  const own = [...a.files].filter((f) => !f.startsWith('node_modules/'));
  const stray = own.filter(
    (f) =>
      !(f.startsWith('out/') || f === 'package.json' || f.startsWith('resources/')) &&
      a.stat(f).size !== undefined,
  );
  const sources = own.filter((f) => /\.(tsx?|map)$/.test(f) || /(^|\/)(test|tests|__tests__)\//.test(f));
  const tests = [...a.files].filter((f) => /\.(test|spec)\.[cm]?[jt]s$/.test(f) || f.includes('/__tests__/'));
  if (stray.length) problems.push(`files outside out/ in app.asar: ${stray.slice(0, 5).join(', ')}`);
  if (sources.length) problems.push(`sources or maps in app.asar: ${sources.slice(0, 5).join(', ')}`);
  if (tests.length) problems.push(`test files in app.asar: ${tests.slice(0, 5).join(', ')}`);
  for (const d of ['node_modules/better-sqlite3/build', 'node_modules/better-sqlite3/deps'])
    if ([...a.files].some((f) => f.startsWith(`${d}/`))) problems.push(`${d} is packed (it must stay out)`);
  return { packages: dirs.size };
}

/** Every .node is unpacked and present beside the asar, where Electron's loader looks. */
export function checkNativeUnpacked(a, problems) {
  const natives = [...a.files].filter((f) => f.endsWith('.node'));
  for (const f of natives) {
    if (!a.stat(f).unpacked) problems.push(`${f} is inside app.asar: a native module cannot load from there`);
    else if (!fs.existsSync(path.join(`${a.asarFile}.unpacked`, f)))
      problems.push(`${f} is marked unpacked but missing from app.asar.unpacked`);
  }
  return natives;
}

/** ELF machine numbers (Linux layouts): x86-64 and AArch64. */
const ELF_MACHINE = { x64: 62, arm64: 183 };

function elfArch(file) {
  const head = Buffer.alloc(20);
  const fd = fs.openSync(file, 'r');
  fs.readSync(fd, head, 0, 20, 0);
  fs.closeSync(fd);
  if (head.readUInt32BE(0) !== 0x7f454c46) return 'not an ELF binary';
  return Object.keys(ELF_MACHINE).find((k) => ELF_MACHINE[k] === head.readUInt16LE(18)) ?? 'another arch';
}

/**
 * ngrok's binary is N-API, so this Node can load it as Electron will. SQLite for Electron cannot be
 * loaded by Node (another ABI): it is checked for the target's arch; a Node build standing in for
 * it (no Electron headers offline) is opened for real.
 */
export function checkNativeLoads({ a, resources, arch, ngrokPackage, sqliteStandIn }, problems) {
  const unpacked = `${a.asarFile}.unpacked`;
  const ngrokDir = path.join(unpacked, 'node_modules', ngrokPackage);
  const ngrokNode = fs.existsSync(ngrokDir)
    ? fs.readdirSync(ngrokDir).find((f) => f.endsWith('.node'))
    : undefined;
  let ngrok = 'missing';
  if (!ngrokNode) problems.push(`${ngrokPackage} (ngrok's binary for this target) is not unpacked`);
  else if (arch !== process.arch)
    ngrok = elfArch(path.join(ngrokDir, ngrokNode)) === arch ? arch : 'wrong arch';
  else {
    try {
      process.dlopen({ exports: {} }, path.join(ngrokDir, ngrokNode));
      ngrok = 'loads';
    } catch (e) {
      problems.push(`ngrok's binary does not load: ${e.message}`);
    }
  }
  const sqliteFile = path.join(resources, SQLITE_IN_RESOURCES);
  let sqlite = 'missing';
  if (!fs.existsSync(sqliteFile))
    problems.push(`resources/${SQLITE_IN_RESOURCES} is missing (src/main/native-binding.ts loads it)`);
  else if (sqliteStandIn) {
    try {
      const Database = require(path.join(process.cwd(), 'node_modules/better-sqlite3'));
      const db = new Database(':memory:', { nativeBinding: sqliteFile });
      db.prepare('select 1').get();
      db.close();
      sqlite = 'loads (Node build standing in for Electron’s)';
    } catch (e) {
      problems.push(`resources/${SQLITE_IN_RESOURCES} does not load: ${e.message}`);
    }
  } else {
    const got = process.platform === 'linux' ? elfArch(sqliteFile) : arch;
    sqlite = got === arch ? `Electron build, ${arch}` : got;
    if (got !== arch) problems.push(`resources/${SQLITE_IN_RESOURCES} is ${got}, not ${arch}`);
  }
  return { ngrok, sqlite };
}

export async function checkFuses(executable, problems) {
  const wire = await getCurrentFuseWire(executable);
  let ok = 0;
  for (const [name, want] of Object.entries(REQUIRED_FUSES)) {
    const got = wire[FuseV1Options[name]];
    if (got === (want ? 49 : 48)) ok++;
    else
      problems.push(
        `fuse ${name} is ${got === 49 ? 'on' : got === 48 ? 'off' : 'unset'}, must be ${want ? 'on' : 'off'}`,
      );
  }
  return `${ok}/${Object.keys(REQUIRED_FUSES).length}`;
}

/** Bytes the package adds to Electron: app.asar, what is unpacked beside it, the native resources. */
export function packageBytes(resources) {
  let total = 0;
  const walk = (p) => {
    const st = fs.statSync(p);
    if (st.isDirectory()) for (const e of fs.readdirSync(p)) walk(path.join(p, e));
    else total += st.size;
  };
  for (const e of fs.readdirSync(resources)) walk(path.join(resources, e));
  return total;
}
