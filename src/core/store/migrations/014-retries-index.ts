import type { Migration } from '../migration';

/**
 * The index of deliveries by exchange keeps only retries. Every first delivery names itself as its
 * exchange, so the full index took a row per request (A/B of inserts; the numbers are in the
 * commit). An exchange is now found as its first delivery by primary key plus its retries through
 * this partial index; retries are rare.
 */
export const m014RetriesIndex: Migration = {
  id: 14,
  name: 'index retries by exchange only',
  sql: `
    DROP INDEX callback_log_exchange;
    CREATE INDEX callback_log_retries_of ON callback_log (exchange_id) WHERE dedupe = 'retry';
  `,
};
