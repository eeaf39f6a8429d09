// @ts-check
// Layering rules from docs/architecture.md §1, enforced with no-restricted-imports: the tables below
// are generated into one block per source folder (test/integration/layering-lint.test.ts plants a
// violation of each rule and checks it is reported).
import fs from 'node:fs';
import path from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const ROOT = import.meta.dirname;

/**
 * Core's inner layers, modelled on VS Code's layering rule: each layer may import itself and the
 * layers it lists, nothing else in core. A layer is folders of src/core (`wechat`) or files at its
 * top (`runtime.ts`; a file's tests go with it). The order, low to high:
 *
 *   base -> wechat -> store -> secrets -> {server, api, tunnel, sandbox} -> services -> root
 *                     http  ------------>  server, sandbox
 *
 * - base: time, randomness and the event bus, injected into every layer, so they sit lowest and
 *   import nothing of core.
 * - wechat: the protocol, pure (no I/O, see WECHAT_IO) and the home of types both sides of a port
 *   need (AccountCredentials, the customer-service port, message summaries).
 * - http: plain HTTP plumbing (listener, body reader) with no WeChat in it.
 * - secrets sit on the store (sealed rows), below everything that needs an AppSecret or a token.
 * - server, api, tunnel and sandbox are siblings: they never import each other; what two of them
 *   share lives lower, and services tie them together.
 * - root: create-core.ts (the composition root), dispatch.ts and index.ts (what the shells see).
 * A new folder or top-level file in src/core must be given a layer here (the config says so).
 */
const CORE_LAYERS = {
  base: { at: ['runtime.ts', 'event-bus.ts'], may: [] },
  wechat: { at: ['wechat'], may: ['base'] },
  http: { at: ['http'], may: ['base'] },
  store: { at: ['store'], may: ['base', 'wechat'] },
  secrets: { at: ['secrets'], may: ['base', 'wechat', 'store'] },
  server: { at: ['server'], may: ['base', 'wechat', 'http', 'store', 'secrets'] },
  api: { at: ['api'], may: ['base', 'wechat', 'store', 'secrets'] },
  tunnel: { at: ['tunnel'], may: ['base', 'wechat', 'store', 'secrets'] },
  sandbox: { at: ['sandbox'], may: ['base', 'wechat', 'http', 'store'] },
  services: {
    at: ['services'],
    may: ['base', 'wechat', 'http', 'store', 'secrets', 'server', 'api', 'tunnel', 'sandbox'],
  },
  root: {
    at: ['create-core.ts', 'dispatch.ts', 'index.ts'],
    may: ['base', 'wechat', 'http', 'store', 'secrets', 'server', 'api', 'tunnel', 'sandbox', 'services'],
  },
};

/** The top-level folders of src/ and which of them each may not import. */
const AREAS = {
  shared: {
    never: ['core', 'main', 'headless', 'renderer', 'preload'],
    why: 'shared/ imports nothing outside shared/.',
  },
  core: {
    never: ['main', 'headless', 'renderer', 'preload'],
    why: 'core may not reach the shells or the UI.',
  },
  headless: {
    never: ['main', 'renderer', 'preload'],
    why: 'headless may not reach the Electron shell or the UI.',
  },
  main: {
    never: ['headless', 'renderer'],
    why: 'The Electron shell and the headless shell are separate: what both need lives in core or shared.',
  },
  preload: {
    never: ['core', 'main', 'headless', 'renderer'],
    why: 'The preload exposes the bridge only: it imports electron and shared/.',
  },
};

const noElectron = { name: 'electron', message: 'Only src/main and src/preload may import electron.' };
const electronSubpaths = {
  group: ['electron/*'],
  message: 'Only src/main and src/preload may import electron.',
};
const nodeSide = ['node:*', 'better-sqlite3', 'undici', '@ngrok/ngrok', 'fast-xml-parser'];
/** wechat/ is pure protocol: node:crypto (signatures, AES) is its only Node module, and no I/O library. */
const WECHAT_IO = {
  regex:
    '^(node:(?!crypto$).*|(fs|fs/promises|net|http|https|http2|tls|dgram|dns|child_process|cluster|worker_threads|os|readline|stream|zlib)(/.*)?|better-sqlite3|undici|@ngrok/ngrok)$',
  message: 'core/wechat is pure protocol code: no I/O (only node:crypto among Node modules).',
};

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** An import specifier from `fromDir` to `target` (a folder, or a .ts file), as a regex. */
function specifierRegex(fromDir, target, { deep = false } = {}) {
  let rel = path.relative(fromDir, target).split(path.sep).join('/');
  if (!rel.startsWith('.')) rel = `./${rel}`;
  if (target.endsWith('.ts')) return `^${escape(rel.slice(0, -3))}(\\.[jt]s)?$`;
  return deep ? `^${escape(rel)}/.+$` : `^${escape(rel)}(/.*)?$`;
}

function listDirs(dir) {
  const out = [dir];
  for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }))
    if (e.isDirectory()) out.push(...listDirs(`${dir}/${e.name}`));
  return out;
}

const coreDirs = listDirs('src/core');
/** Folders with an index.ts answer through it: no import from outside the folder goes past it. */
const INDEXED = coreDirs.filter((d) => fs.existsSync(path.join(ROOT, d, 'index.ts')));

function layerOf(coreRel) {
  for (const [name, l] of Object.entries(CORE_LAYERS)) if (l.at.includes(coreRel)) return name;
  throw new Error(`eslint.config.mjs: src/core/${coreRel} has no layer in CORE_LAYERS; give it one.`);
}

/** The core layer bans for code in `dir` (a folder of src/core) belonging to `layer`. */
function layerPatterns(dir, layer) {
  const allowed = new Set([layer, ...CORE_LAYERS[layer].may]);
  const out = [];
  for (const [name, l] of Object.entries(CORE_LAYERS)) {
    if (allowed.has(name)) continue;
    for (const at of l.at) {
      out.push({
        regex: specifierRegex(dir, `src/core/${at}`),
        message: `core layer "${layer}" may import only ${[...allowed].join(', ')}; src/core/${at} is "${name}" (CORE_LAYERS in eslint.config.mjs).`,
      });
    }
  }
  return out;
}

function indexPatterns(dir) {
  const outside = INDEXED.filter((f) => dir !== f && !dir.startsWith(`${f}/`));
  // An indexed folder inside another one `dir` is outside of is covered by the outer one's rule.
  const outermost = outside.filter((f) => !outside.some((o) => f.startsWith(`${o}/`)));
  return outermost.map((f) => ({
    regex: specifierRegex(dir, f, { deep: true }),
    message: `${f} has an index.ts: import from the folder, not from the files behind it.`,
  }));
}

function areaPatterns(dir, area) {
  const a = AREAS[area];
  return a.never.map((other) => ({ regex: specifierRegex(dir, `src/${other}`), message: a.why }));
}

/** One no-restricted-imports block for `files` (all in `dir`). */
function importBlock(files, dir, area, layer) {
  const paths = area === 'main' || area === 'preload' ? [] : [noElectron];
  const patterns = [
    ...areaPatterns(dir, area),
    ...(area === 'main' || area === 'headless' ? indexPatterns(dir) : []),
  ];
  if (area === 'core' || area === 'headless' || area === 'shared') patterns.push(electronSubpaths);
  if (area === 'core' || area === 'headless')
    paths.push({ name: 'react', message: 'core and headless are UI-free.' });
  if (area === 'shared') patterns.push({ group: nodeSide, message: 'shared/ is pure TypeScript.' });
  if (layer) patterns.push(...layerPatterns(dir, layer), ...indexPatterns(dir));
  if (layer === 'wechat') patterns.push(WECHAT_IO);
  return { files, rules: { 'no-restricted-imports': ['error', { paths, patterns }] } };
}

function layeringBlocks() {
  const blocks = [];
  for (const area of Object.keys(AREAS)) {
    for (const dir of listDirs(`src/${area}`)) {
      if (area !== 'core') {
        blocks.push(importBlock([`${dir}/*.ts`], dir, area));
      } else if (dir !== 'src/core') {
        blocks.push(importBlock([`${dir}/*.ts`], dir, area, layerOf(dir.split('/')[2])));
      } else {
        // Top-level files of src/core belong to different layers: one block per file and its tests.
        for (const f of fs.readdirSync(path.join(ROOT, dir))) {
          if (!f.endsWith('.ts') || f.endsWith('.test.ts')) continue;
          const files = [`${dir}/${f}`, `${dir}/${f.slice(0, -3)}.*.ts`];
          blocks.push(importBlock(files, dir, area, layerOf(f)));
        }
      }
    }
  }
  return blocks;
}

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'node_modules/**',
      'reports/**',
      'test-results/**',
      'playwright-report/**',
      'dist/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-control-regex': 'off',
    },
  },
  ...layeringBlocks(),
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            { group: nodeSide, message: 'The renderer talks to core only through the ApiClient.' },
            {
              group: ['**/core/**', '**/main/**', '**/headless/**', '**/preload/**'],
              message: 'The renderer talks to core only through the ApiClient.',
            },
          ],
        },
      ],
    },
  },
);
