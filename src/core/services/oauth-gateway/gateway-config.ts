import type Database from 'better-sqlite3';
import type { GatewayConfigDto } from '../../../shared/api/areas/oauth-gateway';
import { normalizeOrigin } from './landing';

export const DEFAULT_GATEWAY_CONFIG: GatewayConfigDto = {
  upstreamUrl: null,
  accountId: null,
  protectedPrefixes: [],
  landingAllowlist: [],
  seedProfiles: true,
};

interface Row {
  upstreamUrl: string | null;
  accountId: string | null;
  protectedPrefixes: string;
  landingAllowlist: string;
  seedProfiles: number;
}

/**
 * The gateway's one configuration (migration 26). One, not one per account: the tunnel gives MPDesk
 * one public host, and a path of the app (`/grades`) carries no account, so one app sits behind it
 * and one account's fans sign in on its protected paths. Read on every proxied request, so it is
 * cached and dropped on save.
 */
export class GatewayConfigRepo {
  private cached?: GatewayConfigDto;
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      get: db.prepare(
        `SELECT upstream_url AS upstreamUrl, account_id AS accountId, protected_prefixes AS protectedPrefixes,
           landing_allowlist AS landingAllowlist, seed_profiles AS seedProfiles FROM oauth_gateway WHERE id = 1`,
      ),
      put: db.prepare(
        `INSERT INTO oauth_gateway (id, upstream_url, account_id, protected_prefixes, landing_allowlist, seed_profiles, updated_at)
         VALUES (1, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET upstream_url = excluded.upstream_url, account_id = excluded.account_id,
           protected_prefixes = excluded.protected_prefixes, landing_allowlist = excluded.landing_allowlist,
           seed_profiles = excluded.seed_profiles, updated_at = excluded.updated_at`,
      ),
    };
  }

  get(): GatewayConfigDto {
    if (this.cached) return this.cached;
    const r = this.s.get.get() as Row | undefined;
    this.cached = r
      ? {
          upstreamUrl: r.upstreamUrl,
          accountId: r.accountId,
          protectedPrefixes: JSON.parse(r.protectedPrefixes) as string[],
          landingAllowlist: JSON.parse(r.landingAllowlist) as string[],
          seedProfiles: r.seedProfiles === 1,
        }
      : DEFAULT_GATEWAY_CONFIG;
    return this.cached;
  }

  /** Stores the configuration as given, prefixes and origins tidied (deduplicated, origins normalized). */
  save(c: GatewayConfigDto, now: number): GatewayConfigDto {
    const prefixes = [...new Set(c.protectedPrefixes.map((p) => (p.length > 1 ? p.replace(/\/+$/, '') : p)))];
    const origins = [...new Set(c.landingAllowlist.map((o) => normalizeOrigin(o)).filter((o) => o !== null))];
    const upstream = c.upstreamUrl ? c.upstreamUrl.replace(/\/+$/, '') : null;
    this.s.put.run(
      upstream,
      c.accountId,
      JSON.stringify(prefixes),
      JSON.stringify(origins),
      c.seedProfiles ? 1 : 0,
      now,
    );
    this.cached = undefined;
    return this.get();
  }

  /** An account was deleted: the database set the reference to null. */
  invalidate(): void {
    this.cached = undefined;
  }
}
