import type { Migration } from '../migration';

export const m001Foundation: Migration = {
  id: 1,
  name: 'foundation: accounts, settings, secrets',
  sql: `
    CREATE TABLE accounts (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      app_id TEXT NOT NULL,
      mode TEXT NOT NULL CHECK (mode IN ('plain', 'compatible', 'safe')),
      callback_slug TEXT NOT NULL UNIQUE,
      is_sandbox INTEGER NOT NULL DEFAULT 0,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );
    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );
    -- Secret values are ciphertext from the SecretCipher (safeStorage or AES-GCM); never plain text.
    CREATE TABLE secrets (
      name TEXT PRIMARY KEY,
      ciphertext BLOB NOT NULL,
      updated_at INTEGER NOT NULL
    );
  `,
};
