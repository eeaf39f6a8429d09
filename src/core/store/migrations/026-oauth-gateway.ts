import type { Migration } from '../migration';

/**
 * MPDesk as an OAuth gateway in front of the developer's H5 app (docs/architecture.md §3):
 * - states gain a kind (`random`: one sign-in; `fixed`: a named state → page map entry, for menus),
 *   a landing (where the fan goes after signing in), the hash of the CSRF cookie of a sign-in the
 *   gateway started, the step of the seed flow (`base`, then `userinfo` for fans without a
 *   profile), and the third-party platform acting for the account (§11.6);
 * - sessions remember that platform (their refresh goes through it) and when the fan was last
 *   asked for a profile (the seed flow asks once);
 * - one gateway configuration: the app's URL, the account whose fans sign in, the protected path
 *   prefixes, the origins a landing may leave MPDesk for;
 * - single-use tickets (60 s) for those landings, kept only as a SHA-256 hash.
 */
export const m026OauthGateway: Migration = {
  id: 26,
  name: 'oauth gateway: landings, fixed states, tickets, gateway config',
  sql: `
    ALTER TABLE oauth_states ADD COLUMN kind TEXT NOT NULL DEFAULT 'random' CHECK (kind IN ('random', 'fixed'));
    ALTER TABLE oauth_states ADD COLUMN landing TEXT;
    ALTER TABLE oauth_states ADD COLUMN csrf_hash TEXT;
    ALTER TABLE oauth_states ADD COLUMN step TEXT;
    ALTER TABLE oauth_states ADD COLUMN component_id TEXT;
    ALTER TABLE oauth_sessions ADD COLUMN component_id TEXT;
    ALTER TABLE oauth_sessions ADD COLUMN profile_asked_at INTEGER;
    CREATE TABLE oauth_gateway (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      upstream_url TEXT,
      account_id TEXT REFERENCES accounts (id) ON DELETE SET NULL,
      protected_prefixes TEXT NOT NULL DEFAULT '[]',
      landing_allowlist TEXT NOT NULL DEFAULT '[]',
      seed_profiles INTEGER NOT NULL DEFAULT 1,
      updated_at INTEGER NOT NULL
    );
    CREATE TABLE oauth_tickets (
      hash TEXT PRIMARY KEY,
      account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
      session_id TEXT NOT NULL,
      landing TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      used_at INTEGER
    );
    CREATE INDEX oauth_tickets_expiry ON oauth_tickets (expires_at);
  `,
};
