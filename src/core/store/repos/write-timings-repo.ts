import type Database from 'better-sqlite3';

/** A request's two last stage times (ms), known only once its response has been written. */
export interface WriteTiming {
  id: number;
  record: number;
  write: number;
}

/** Triples (log id, record ms, write ms) per batch, as float64 in the machine's (little-endian) order. */
const FIELDS = 3;
/**
 * The oldest id the log still holds; past the last id handed out when it is empty (AUTOINCREMENT
 * keeps that in sqlite_sequence), so an emptied log takes every time with it.
 */
const OLDEST_LOGGED = `coalesce((SELECT min(id) FROM callback_log),
  (SELECT seq + 1 FROM sqlite_sequence WHERE name = 'callback_log'), 0)`;
/** Batches whose id ranges may hold an id: requests commit nearly in id order, so a few suffice. */
const CANDIDATES = 16;

/**
 * The record and write stage times of logged requests (docs/architecture.md §4), one row per batch.
 *
 * They are known only after the response, so they cannot go into the request's own row. One row
 * per request in `callback_write_timings` cost the listener's thread three bound values and a
 * B-tree insert per request (micro-bench of setWriteTimings); one row per batch costs a fraction of
 * that (store/migrations/013). Rows from before that step are still read.
 */
export class WriteTimingsRepo {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      insert: db.prepare(
        'INSERT OR REPLACE INTO callback_write_batches (last_id, first_id, timings) VALUES (?, ?, ?)',
      ),
      candidates: db.prepare(`SELECT timings FROM callback_write_batches
        WHERE last_id >= ? AND first_id <= ? ORDER BY last_id LIMIT ${CANDIDATES}`),
      legacy: db.prepare(
        'SELECT record_ms AS record, write_ms AS write FROM callback_write_timings WHERE log_id = ?',
      ),
      purge: db.prepare(`DELETE FROM callback_write_batches WHERE last_id < ${OLDEST_LOGGED}`),
      purgeLegacy: db.prepare(`DELETE FROM callback_write_timings WHERE log_id < ${OLDEST_LOGGED}`),
    };
  }

  /** Stores one batch (ms rounded to the µs, as the other stages are). */
  add(batch: readonly WriteTiming[]): void {
    if (!batch.length) return;
    const data = new Float64Array(batch.length * FIELDS);
    let first = Infinity;
    let last = -Infinity;
    batch.forEach((b, i) => {
      data[i * FIELDS] = b.id;
      data[i * FIELDS + 1] = Math.round(b.record * 1000) / 1000;
      data[i * FIELDS + 2] = Math.round(b.write * 1000) / 1000;
      first = Math.min(first, b.id);
      last = Math.max(last, b.id);
    });
    this.s.insert.run(last, first, Buffer.from(data.buffer));
  }

  get(id: number): { record: number; write: number } | undefined {
    for (const { timings } of this.s.candidates.all(id, id) as { timings: Buffer }[]) {
      // Copied out: the blob's bytes need not be 8-byte aligned for a Float64Array view.
      const data = new Float64Array(new Uint8Array(timings).buffer);
      for (let i = 0; i < data.length; i += FIELDS) {
        const record = data[i + 1];
        const write = data[i + 2];
        if (data[i] === id && record !== undefined && write !== undefined) return { record, write };
      }
    }
    return this.s.legacy.get(id) as { record: number; write: number } | undefined;
  }

  /** Drops the times of requests no longer in the log. */
  purge(): void {
    this.s.purge.run();
    this.s.purgeLegacy.run();
  }
}
