import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/**
 * The thread's code, plain JavaScript so it runs the same from source, from the bundle and from an
 * installer (no separate entry to build or ship). It only checkpoints: the WAL's pages are copied
 * into the database file and fsynced here, off the listener's event loop.
 */
const THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file, workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {});
db.pragma('busy_timeout = 5000');
db.pragma('wal_autocheckpoint = 0');
const run = () => {
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    return r;
  } catch (e) {
    parentPort.postMessage({ type: 'error', message: String(e && e.message || e) });
  }
};
const timer = setInterval(run, workerData.everyMs);
parentPort.on('message', (m) => {
  if (m === 'close') {
    clearInterval(timer);
    run();
    db.close();
    parentPort.close();
  }
});
parentPort.postMessage({ type: 'ready' });
`;

/** SQLite's own default: checkpoint once the WAL holds this many pages. */
const AUTO_CHECKPOINT_PAGES = 1000;

/**
 * Moves WAL checkpoints of a database onto a worker thread with its own connection.
 *
 * Why: with `synchronous = NORMAL` a commit never fsyncs, but the commit that crosses 1,000 WAL
 * pages runs the checkpoint inline, copying megabytes and fsyncing the database file, on whichever
 * thread committed: the callback listener's. Under load that stalled every response in flight (an
 * A/B run of the callback bench showed it in both throughput and p99; the numbers are in the commit). PASSIVE checkpoints never block writers or readers.
 *
 * If the thread cannot start or dies, the connection checkpoints itself again (SQLite's default).
 */
export class BackgroundCheckpointer {
  private readonly worker?: Worker;
  private stopped?: Promise<void>;
  private exited = false;
  private settle: (threaded: boolean) => void = () => {};
  /** True once the thread checkpoints, false if the connection does it itself. */
  readonly ready = new Promise<boolean>((r) => (this.settle = r));

  constructor(
    private readonly db: Database.Database,
    opts: { nativeBinding?: string; everyMs?: number } = {},
  ) {
    if (db.memory) {
      this.settle(false);
      return;
    }
    try {
      this.worker = new Worker(THREAD_SOURCE, {
        eval: true,
        workerData: {
          module: createRequire(__filename).resolve('better-sqlite3'),
          file: db.name,
          nativeBinding: opts.nativeBinding,
          everyMs: opts.everyMs ?? 200,
        },
      });
    } catch (e) {
      console.warn(`[store] checkpoints stay inline: ${(e as Error).message}`);
      this.settle(false);
      return;
    }
    this.worker.unref();
    this.worker.on('message', (m: { type: string; message?: string }) => {
      if (m.type === 'ready' && !this.stopped && this.db.open) {
        this.db.pragma('wal_autocheckpoint = 0');
        this.settle(true);
      }
      if (m.type === 'error') console.error(`[store] background checkpoint failed: ${m.message}`);
    });
    this.worker.on('error', (e) => this.inline(e.message));
    this.worker.on('exit', (code) => {
      this.exited = true;
      if (!this.stopped) this.inline(`the checkpoint thread exited with code ${code}`);
    });
  }

  /** Ends the thread after a last checkpoint; call before closing the database. */
  stop(): Promise<void> {
    const w = this.worker;
    this.stopped ??=
      w && !this.exited
        ? new Promise<void>((resolve) => {
            w.ref();
            w.once('exit', () => resolve());
            w.postMessage('close');
          })
        : Promise.resolve();
    return this.stopped;
  }

  private inline(why: string): void {
    this.settle(false);
    if (this.stopped || !this.db.open) return;
    console.warn(`[store] checkpoints back on the main connection: ${why}`);
    this.db.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
  }
}
