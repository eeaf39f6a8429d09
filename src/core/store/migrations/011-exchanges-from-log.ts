import type { Migration } from '../migration';

/**
 * Dedupe exchanges are read from the callback log instead of a table of their own.
 *
 * The log already records each delivery's dedupe key and verdict, its exchange (`exchange_id`, the
 * first delivery's id) and the answer; `callback_exchanges` copied the first answer into a table
 * keyed by the random MsgId, which dirtied a random page per request (a visible share of the
 * listener's throughput in bench/callback.bench.ts). Recent exchanges are warmed into memory from the log's tail
 * at start (server/dedupe-store.ts); a replay names the delivery it repeats.
 */
export const m011ExchangesFromLog: Migration = {
  id: 11,
  name: 'dedupe exchanges read from the callback log',
  sql: `
    DROP INDEX callback_exchanges_created;
    DROP TABLE callback_exchanges;
  `,
};
