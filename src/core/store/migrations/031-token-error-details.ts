import type { Migration } from '../migration';

/**
 * The last token error keeps its machine-readable facts (which WeChat host could not be reached and
 * how), so the UI words it in the user's language ("无法连接微信服务器") instead of showing the
 * English message alone.
 */
export const m031TokenErrorDetails: Migration = {
  id: 31,
  name: 'token error details',
  sql: `ALTER TABLE api_tokens ADD COLUMN last_error_details TEXT;`,
};
