import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { describe, expect, it } from 'vitest';
import type { FanSyncStatusDto } from '../../src/shared/api/areas/fans';
import { call, nextEvent } from '../helpers/fans';
import { tempDir } from '../helpers/temp-dir';
import { createTestCore } from '../helpers/test-core';

const ROOT = path.resolve(__dirname, '../..');

/** Runs the child until a progress line passes `when`, then kills it with SIGKILL. */
function syncUntilKilled(dataDir: string, when: (s: FanSyncStatusDto) => boolean): Promise<FanSyncStatusDto> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'test/helpers/fan-sync-child.ts'), dataDir, '20000', '15'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let err = '';
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the child never reached the point to kill it:\n${err}`));
    }, 60_000);
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.startsWith('SYNC ')) return;
      const s = JSON.parse(line.slice(5)) as FanSyncStatusDto;
      if (!when(s)) return;
      child.kill('SIGKILL');
      child.once('exit', (_code, signal) => {
        clearTimeout(timer);
        if (signal !== 'SIGKILL') reject(new Error(`the child exited with ${signal}:\n${err}`));
        else resolve(s);
      });
    });
    child.once('exit', (code) => {
      if (code !== null) reject(new Error(`the child exited (${code}) before it was killed:\n${err}`));
    });
  });
}

describe('fans.sync after SIGKILL', () => {
  it('resumes where the killed process was: no page or batch lost, little read twice', async () => {
    const dataDir = tempDir();
    const seen = await syncUntilKilled(dataDir, (s) => s.state === 'running' && s.done >= 5_000);
    expect(seen.done).toBeLessThan(21_000);

    const core = createTestCore({ dataDir, overrides: { wechat: { busyDelaysMs: [0, 0] } } });
    const apiLogBefore = () =>
      core.db.prepare('SELECT coalesce(max(id), 0) AS id FROM api_log').pluck().get() as number;
    const lastLogIdAtKill = apiLogBefore();
    const killed = core.db.prepare('SELECT listed, fetched, phase FROM fan_syncs').get() as {
      listed: number;
      fetched: number;
      phase: string;
    };
    expect(killed.fetched).toBeGreaterThanOrEqual(5_000);
    // The sync the process was in resumes at start.
    const done = nextEvent(core.events, 'fans.syncChanged', (s) => s.state !== 'running', 60_000);
    await core.start();
    try {
      const end = await done;
      expect(end).toMatchObject({ state: 'done', total: 21_000, done: 21_000 });
      const count = (pathName: string, afterId = 0) =>
        core.db
          .prepare(
            `SELECT count(*) FROM api_log WHERE path = ? AND id > ? AND ifnull(errcode, 0) = 0 AND status = 200`,
          )
          .pluck()
          .get(pathName, afterId) as number;
      // 210 batches in all. Read twice at most: the 4 in flight at the kill, and the up to 4 answered
      // but waiting to share a commit (fan-sync.ts, stage).
      const batchgets = count('/cgi-bin/user/info/batchget');
      expect(batchgets).toBeGreaterThanOrEqual(210);
      expect(batchgets).toBeLessThanOrEqual(218);
      const resumedBatchgets = count('/cgi-bin/user/info/batchget', lastLogIdAtKill);
      expect(resumedBatchgets).toBe(210 - killed.fetched / 100);
      // user/get: 3 pages and the empty one in all; after the kill only the pages not yet committed.
      const pagesLeft = killed.phase === 'list' ? 4 - Math.floor(killed.listed / 10_000) : 0;
      expect(count('/cgi-bin/user/get', lastLogIdAtKill)).toBe(pagesLeft);

      const ids = new Set<string>();
      let cursor: string | undefined;
      do {
        const page = await call(core, 'fans.list', { accountId: end.accountId, limit: 500, cursor });
        for (const f of page.items) {
          expect(f.infoAt).toBeDefined();
          ids.add(f.openid);
        }
        cursor = page.nextCursor;
      } while (cursor);
      expect(ids.size).toBe(21_000);
      expect(core.db.prepare('SELECT count(*) FROM fan_sync_queue').pluck().get()).toBe(0);
    } finally {
      await core.stop();
    }
  }, 120_000);
});
