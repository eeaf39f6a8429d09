import type { Migration } from '../migration';

/**
 * The fan index of the callback log (store/migrations/010) moves into memory
 * (store/repos/log-fan-index.ts).
 *
 * Fans write in random order, so every logged request landed on a random leaf of
 * `callback_log_fan`: one WAL frame per request at each commit, written again by the checkpoint.
 * With many fans it was a large share of what a log row costs (A/B of inserts with and without it;
 * the numbers are in the commit). The memory map costs a push per row
 * and is built from the log on an account's first conversation read.
 */
export const m012FanIndexInMemory: Migration = {
  id: 12,
  name: 'callback log fan index held in memory',
  sql: `
    DROP INDEX callback_log_fan;
  `,
};
