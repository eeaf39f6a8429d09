import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/core/create-core';
import { startHeadless, type HeadlessProcess } from '../helpers/headless-process';
import { tempDir } from '../helpers/temp-dir';
import { createTestCore } from '../helpers/test-core';

const running: HeadlessProcess[] = [];
const cores: Core[] = [];
afterEach(async () => {
  for (const p of running.splice(0)) await p.stop('SIGKILL');
  for (const c of cores.splice(0)) await c.stop();
});

const lockFile = (dir: string) => path.join(dir, 'mpdesk.lock');

/** A pid that is certainly not running: a child that has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

/**
 * Issue 18, item 5: two headless processes on one data folder both started and wrote the same log
 * (27,000 of 54,000 requests answered 500 with UNIQUE failures). The folder is locked now.
 */
describe('one MPDesk per data folder', () => {
  it('a second process says which one holds the folder and exits non-zero; after a crash the next one starts', async () => {
    const dataDir = tempDir();
    const first = await startHeadless({ dataDir, mode: 'source', timeoutMs: 60_000 });
    running.push(first);
    const second = await startHeadless({ dataDir, mode: 'source', timeoutMs: 60_000 }).then(
      () => 'started',
      (e: Error) => e.message,
    );
    expect(second).toMatch(/exited \(1\) before it was ready/);
    expect(second).toContain(`pid ${first.proc.pid} on ${os.hostname()}`);
    expect(second).toContain(dataDir);
    // The first one was not disturbed.
    expect(first.proc.exitCode).toBeNull();
    // A crash leaves the lock file behind; its pid is gone, so the next start takes it over.
    await first.stop('SIGKILL');
    expect(fs.existsSync(lockFile(dataDir))).toBe(true);
    const third = await startHeadless({ dataDir, mode: 'source', timeoutMs: 60_000 });
    running.push(third);
    expect(JSON.parse(fs.readFileSync(lockFile(dataDir), 'utf8'))).toMatchObject({ pid: third.proc.pid });
    // A clean stop removes it.
    expect(await third.stop('SIGTERM')).toBe(0);
    running.splice(running.indexOf(third), 1);
    expect(fs.existsSync(lockFile(dataDir))).toBe(false);
  }, 120_000);

  it('holds in one process too, respects another host’s lock, and takes over a dead pid’s', async () => {
    const dataDir = tempDir();
    const core = createTestCore({ dataDir });
    cores.push(core);
    expect(() => createTestCore({ dataDir })).toThrow(/in use by MPDesk \(pid \d+/);
    await cores.pop()!.stop();
    expect(fs.existsSync(lockFile(dataDir))).toBe(false);

    fs.writeFileSync(lockFile(dataDir), JSON.stringify({ pid: 1, host: 'elsewhere', startedAt: 0 }));
    expect(() => createTestCore({ dataDir })).toThrow(/pid 1 on elsewhere/);

    fs.writeFileSync(
      lockFile(dataDir),
      JSON.stringify({ pid: deadPid(), host: os.hostname(), startedAt: 0 }),
    );
    cores.push(createTestCore({ dataDir }));
    expect(JSON.parse(fs.readFileSync(lockFile(dataDir), 'utf8')).pid).toBe(process.pid);
  });
});
