import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../../test/helpers/temp-dir';
import { BackgroundCheckpointer } from './background-checkpointer';
import { openDatabase } from './open-database';

const autoCheckpoint = (db: ReturnType<typeof openDatabase>) =>
  db.pragma('wal_autocheckpoint', { simple: true });

async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('BackgroundCheckpointer', () => {
  it('takes the checkpoints off the connection: the WAL reaches the database file from its thread', async () => {
    const db = openDatabase(path.join(tempDir(), 'db.sqlite'), []);
    db.exec('CREATE TABLE t (b BLOB)');
    const cp = new BackgroundCheckpointer(db, { everyMs: 20 });
    expect(await cp.ready).toBe(true);
    expect(autoCheckpoint(db)).toBe(0);
    const before = fs.statSync(db.name).size;
    const insert = db.prepare('INSERT INTO t VALUES (?)');
    // 2 MiB in small commits, as the callback log writes: with autocheckpoint off, only the thread
    // can have copied it into the database file.
    for (let i = 0; i < 64; i++) db.transaction(() => insert.run(Buffer.alloc(32 * 1024, i)))();
    await until(() => fs.statSync(db.name).size > before + 2 * 1024 * 1024);
    await cp.stop();
    db.close();
  });

  it('falls back to SQLite checkpointing on the connection when the thread cannot open the file', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const db = openDatabase(path.join(tempDir(), 'db.sqlite'), []);
    db.pragma('wal_autocheckpoint = 0');
    const cp = new BackgroundCheckpointer(db, { nativeBinding: '/nonexistent/better_sqlite3.node' });
    expect(await cp.ready).toBe(false);
    expect(autoCheckpoint(db)).toBe(1000);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('checkpoints back on the main connection'));
    await cp.stop();
    db.close();
    warn.mockRestore();
  });
});
