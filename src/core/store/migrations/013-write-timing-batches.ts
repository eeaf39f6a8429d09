import type { Migration } from '../migration';

/**
 * Record and write stage times are stored one row per batch of requests, not one per request
 * (store/repos/write-timings-repo.ts): a row per request cost the listener's thread
 * more than the batch does (micro-bench in the commit).
 * `timings` packs (log id, record ms, write ms) as float64 triples; `first_id`..`last_id` bound the
 * ids inside, so an id's batch is found from the primary key. `callback_write_timings` keeps the
 * rows written before this step, read as before and purged with the log.
 */
export const m013WriteTimingBatches: Migration = {
  id: 13,
  name: 'write stage timings stored per batch',
  sql: `
    CREATE TABLE callback_write_batches (
      last_id INTEGER PRIMARY KEY,
      first_id INTEGER NOT NULL,
      timings BLOB NOT NULL
    );
  `,
};
