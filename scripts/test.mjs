#!/usr/bin/env node
// `npm test`: typecheck, lint, unit + integration tests (Vitest), the electron-vite build, the
// packaged layout's check (dist:check) and the end-to-end specs (Playwright against the headless shell). Neither runner's own summary is read
// by CI, so this prints one closing line `N passed, N failed, N skipped` from their JSON reports.
// That line counts test cases only; the other steps (typecheck, lint, build) are reported on their own
// line above it, and any failed step makes the run fail (non-zero exit) all the same.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const reports = path.join(root, 'reports');
fs.mkdirSync(reports, { recursive: true });
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const only = new Set(process.argv.slice(2)); // e.g. `npm test -- unit e2e`
const want = (step) => only.size === 0 || only.has(step);

const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];
/** Steps that are not test cases: they pass or fail the run but are not counted in the totals. */
const steps = { ok: 0, failed: 0 };

function run(label, cmd, args, env = {}) {
  const started = Date.now();
  console.log(`\n▶ ${label}: ${[path.basename(cmd), ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  return { ok: r.status === 0, secs, status: r.status };
}

function check(label, cmd, args) {
  const r = run(label, cmd, args);
  if (r.ok) steps.ok++;
  else steps.failed++;
  lines.push(`${r.ok ? 'ok  ' : 'FAIL'} ${label} (${r.secs}s)`);
  return r.ok;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

if (want('typecheck')) {
  check('typecheck (node)', bin('tsc'), ['-p', 'tsconfig.node.json', '--noEmit']);
  check('typecheck (web)', bin('tsc'), ['-p', 'tsconfig.web.json', '--noEmit']);
  // Specs and UI benches run code in the browser too, so they are checked with the DOM library.
  check('typecheck (e2e)', bin('tsc'), ['-p', 'tsconfig.e2e.json', '--noEmit']);
}
if (want('lint')) {
  check('eslint', bin('eslint'), ['.', '--max-warnings', '0']);
  check('prettier', bin('prettier'), ['--check', '.', '--log-level', 'warn']);
}

if (want('unit')) {
  const file = path.join(reports, 'vitest.json');
  fs.rmSync(file, { force: true });
  const r = run('vitest', bin('vitest'), [
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile=${file}`,
  ]);
  const j = readJson(file);
  if (j) {
    const failedSuites = (j.testResults ?? []).filter(
      (s) => s.status === 'failed' && (s.assertionResults ?? []).length === 0,
    ).length;
    totals.passed += j.numPassedTests;
    totals.failed += j.numFailedTests + failedSuites;
    totals.skipped += (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
    lines.push(
      `${r.ok ? 'ok  ' : 'FAIL'} vitest: ${j.numPassedTests} passed, ${j.numFailedTests + failedSuites} failed (${r.secs}s)`,
    );
  } else {
    steps.failed++;
    lines.push(`FAIL vitest: no JSON report (exit ${r.status})`);
  }
  // A non-zero exit with no failing test (an unhandled error, a crashed worker) is still a failure.
  if (j && !r.ok && j.numFailedTests === 0) steps.failed++;
}

let built = true;
if (want('build') || want('e2e') || want('dist'))
  built = check('electron-vite build', bin('electron-vite'), ['build']);

// The packaged layout (electron-builder --dir with a stand-in Electron), checked offline.
if (want('dist')) {
  if (built) check('dist:check', process.execPath, [path.join(root, 'scripts/dist-check.mjs'), '--no-build']);
  else {
    steps.failed++;
    lines.push('FAIL dist:check: not run, the build failed');
  }
}

if (want('e2e')) {
  const file = path.join(reports, 'playwright.json');
  fs.rmSync(file, { force: true });
  if (!built) {
    steps.failed++;
    lines.push('FAIL playwright: not run, the build failed');
  } else {
    const r = run('playwright', bin('playwright'), ['test']);
    const j = readJson(file);
    if (j?.stats) {
      const s = j.stats;
      totals.passed += s.expected + (s.flaky ?? 0);
      totals.failed += s.unexpected;
      totals.skipped += s.skipped;
      lines.push(
        `${r.ok ? 'ok  ' : 'FAIL'} playwright: ${s.expected} passed, ${s.unexpected} failed, ${s.skipped} skipped, ${s.flaky ?? 0} flaky (${r.secs}s)`,
      );
      if (!r.ok && s.unexpected === 0) steps.failed++;
    } else {
      steps.failed++;
      lines.push(`FAIL playwright: no JSON report (exit ${r.status})`);
    }
  }
}

console.log('\n' + lines.join('\n'));
console.log(`steps: ${steps.ok} ok, ${steps.failed} failed (typecheck, lint, build and runner exits)`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 || steps.failed > 0 ? 1 : 0);
