import type { Migration } from '../migration';

/**
 * Tunnel settings (one row; the ngrok authtoken is a sealed secret, not here) with the last public
 * URL seen online, so a rotated free ngrok URL is noticed across restarts; and the setup doctor's
 * reports per account (the last few are kept).
 */
export const m004TunnelDoctor: Migration = {
  id: 4,
  name: 'tunnel config, doctor runs',
  sql: `
    CREATE TABLE tunnel_config (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      provider TEXT NOT NULL DEFAULT 'none' CHECK (provider IN ('none', 'ngrok', 'external')),
      ngrok_domain TEXT,
      ngrok_region TEXT NOT NULL DEFAULT 'auto',
      external_base_url TEXT,
      start_on_launch INTEGER NOT NULL DEFAULT 0,
      last_public_url TEXT,
      updated_at INTEGER NOT NULL
    );
    CREATE TABLE doctor_runs (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
      started_at INTEGER NOT NULL,
      overall TEXT NOT NULL,
      public_url TEXT,
      report TEXT NOT NULL
    );
    CREATE INDEX doctor_runs_account ON doctor_runs (account_id, id);
  `,
};
