import type Database from 'better-sqlite3';
import {
  NGROK_REGIONS,
  TUNNEL_PROVIDERS,
  type NgrokRegion,
  type TunnelProvider,
} from '../../shared/api/areas/tunnel';

export interface TunnelConfigRow {
  provider: TunnelProvider;
  ngrokDomain: string | null;
  ngrokRegion: NgrokRegion;
  externalBaseUrl: string | null;
  startOnLaunch: boolean;
  lastPublicUrl: string | null;
}

const DEFAULTS: TunnelConfigRow = {
  provider: 'none',
  ngrokDomain: null,
  ngrokRegion: 'auto',
  externalBaseUrl: null,
  startOnLaunch: false,
  lastPublicUrl: null,
};

/** The single `tunnel_config` row (migration 004); absent = defaults. */
export class TunnelConfigRepo {
  private readonly s;
  constructor(db: Database.Database) {
    this.s = {
      get: db.prepare(`SELECT provider, ngrok_domain AS ngrokDomain, ngrok_region AS ngrokRegion,
        external_base_url AS externalBaseUrl, start_on_launch AS startOnLaunch, last_public_url AS lastPublicUrl
        FROM tunnel_config WHERE id = 1`),
      put: db.prepare(`INSERT INTO tunnel_config (id, provider, ngrok_domain, ngrok_region, external_base_url,
        start_on_launch, last_public_url, updated_at)
        VALUES (1, @provider, @ngrokDomain, @ngrokRegion, @externalBaseUrl, @startOnLaunch, @lastPublicUrl, @at)
        ON CONFLICT(id) DO UPDATE SET provider = excluded.provider, ngrok_domain = excluded.ngrok_domain,
        ngrok_region = excluded.ngrok_region, external_base_url = excluded.external_base_url,
        start_on_launch = excluded.start_on_launch, last_public_url = excluded.last_public_url,
        updated_at = excluded.updated_at`),
    };
  }

  get(): TunnelConfigRow {
    const r = this.s.get.get() as
      (Omit<TunnelConfigRow, 'startOnLaunch'> & { startOnLaunch: number }) | undefined;
    if (!r) return { ...DEFAULTS };
    return {
      provider: (TUNNEL_PROVIDERS as readonly string[]).includes(r.provider) ? r.provider : 'none',
      ngrokDomain: r.ngrokDomain,
      ngrokRegion: (NGROK_REGIONS as readonly string[]).includes(r.ngrokRegion) ? r.ngrokRegion : 'auto',
      externalBaseUrl: r.externalBaseUrl,
      startOnLaunch: r.startOnLaunch === 1,
      lastPublicUrl: r.lastPublicUrl,
    };
  }

  put(row: TunnelConfigRow, at: number): void {
    this.s.put.run({ ...row, startOnLaunch: row.startOnLaunch ? 1 : 0, at });
  }
}
