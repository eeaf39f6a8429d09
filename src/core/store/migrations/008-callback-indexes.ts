import type { Migration } from '../migration';

/**
 * Indexes for the Callbacks screen's list (`callbacks.list`, newest first, keyset-paged on id).
 *
 * - `callback_log_summary` is a narrow copy of the summary columns in id order: a filter without an
 *   index of its own (openid, outcome, reason, time) and `total` counts scan it instead of the wide
 *   rows (query, headers, bodies), and list pages never touch the table. Ids only grow, so writes
 *   append at its right edge.
 * - The rest are small: type and event pages walk (value, id) in id order; errors, retries and URL
 *   verifications are partial indexes, so the common row (a first delivery that went fine) adds
 *   nothing to them. The list repo repeats each WHERE text exactly, or SQLite cannot use them.
 */
export const m008CallbackIndexes: Migration = {
  id: 8,
  name: 'callback log list indexes',
  sql: `
    CREATE INDEX callback_log_summary ON callback_log (id, account_id, at, msg_type, event, outcome,
      reason, status, delivery, dedupe, method, openid, exchange_id, slug, path, matched, total_ms, source);
    CREATE INDEX callback_log_type ON callback_log (msg_type, id) WHERE msg_type IS NOT NULL;
    CREATE INDEX callback_log_event ON callback_log (event COLLATE NOCASE, id) WHERE event IS NOT NULL;
    CREATE INDEX callback_log_errors ON callback_log (id)
      WHERE outcome IN ('rejected', 'error') OR status >= 400;
    CREATE INDEX callback_log_retried ON callback_log (id) WHERE delivery > 1 OR dedupe = 'retry';
    CREATE INDEX callback_log_verification ON callback_log (id) WHERE method = 'GET' AND msg_type IS NULL;
  `,
};
