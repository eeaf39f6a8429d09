import type { Migration } from '../migration';

/**
 * Account and message-type filters walk the summary index (migration 8), which holds both columns
 * in id order, instead of indexes of their own. Every request wrote both of those indexes: part of
 * each logged request's insert and commit, and a WAL page each per commit (a micro-bench of
 * group commits; the numbers are in the commit). The filters they served read newest-first pages, which the summary index answers by
 * walking back from the newest entry; only a rare type or account pays with a longer walk
 * (test/integration/callbacks-list-filters.test.ts keeps its first page well under the limit).
 */
export const m016ListIndexesOnSummary: Migration = {
  id: 16,
  name: 'account and type filters read the summary index',
  sql: `
    DROP INDEX callback_log_account;
    DROP INDEX callback_log_type;
  `,
};
