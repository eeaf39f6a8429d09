import type { Migration } from '../migration';

/** The custom-menu editor's local drafts (docs/wechat-protocol.md §7), one per account, so edits survive a restart. */
export const m006MenuDrafts: Migration = {
  id: 6,
  name: 'menu drafts',
  sql: `
    CREATE TABLE menu_drafts (
      account_id TEXT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
      json TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    );
  `,
};
