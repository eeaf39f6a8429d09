import type Database from 'better-sqlite3';
import type {
  AccountPublicUrls,
  TunnelConfigDto,
  TunnelConfigureInput,
  TunnelStatus,
} from '../../shared/api/areas/tunnel';
import type { EventBus } from '../event-bus';
import type { Runtime } from '../runtime';
import type { SecretStore } from '../secrets/secret-store';
import { storageError } from '../store/open-database';
import type { BackoffPolicy } from '../tunnel/backoff';
import { ExternalTunnel } from '../tunnel/external-tunnel';
import { NoneTunnel } from '../tunnel/none-tunnel';
import { realNgrok, type NgrokSessionFactory } from '../tunnel/ngrok-session';
import { NgrokTunnel } from '../tunnel/ngrok-tunnel';
import { accountPublicUrls, type AccountRef } from '../tunnel/public-urls';
import { systemTimers, type Timers } from '../tunnel/timers';
import { TunnelConfigRepo, type TunnelConfigRow } from '../tunnel/tunnel-config-repo';
import type { ForwardTarget, Tunnel } from '../tunnel/tunnel-port';
import { TunnelSupervisor } from '../tunnel/tunnel-supervisor';
import type { AreaHandlers } from './handler-types';

export const NGROK_AUTHTOKEN_SECRET = 'tunnel:ngrok:authtoken';

/** What tests and the composition root may swap: the ngrok library, timers, backoff. */
export interface TunnelOverrides {
  ngrok?: NgrokSessionFactory;
  timers?: Timers;
  backoff?: BackoffPolicy;
  /** ngrok's first connect gives up after this long (a black-holed network never answers). */
  connectTimeoutMs?: number;
  /** ngrok's agent address instead of the region's (tests: a closed loopback port). */
  ngrokServerAddr?: string;
}

export interface TunnelServiceDeps {
  db: Database.Database;
  secrets: SecretStore;
  events: EventBus;
  rt: Runtime;
  clientVersion: string;
  accounts(): AccountRef[];
  /** MP_verify file names configured for an account (docs/wechat-protocol.md §8.1). */
  verifyFileNames(accountId: string): string[];
  /** The callback listener's address; the tunnel never forwards anywhere else. */
  target(): ForwardTarget | null;
  overrides?: TunnelOverrides;
}

/** Tunnel settings, lifecycle and the public URLs per account; emits `tunnel.changed`. */
export class TunnelService {
  private readonly repo: TunnelConfigRepo;
  private readonly supervisor: TunnelSupervisor;
  private readonly unsubscribe: () => void;
  private closed = false;

  constructor(private readonly deps: TunnelServiceDeps) {
    this.repo = new TunnelConfigRepo(deps.db);
    this.supervisor = new TunnelSupervisor(this.makeTunnel(this.repo.get()), {
      clock: deps.rt.clock,
      random: deps.rt.random,
      timers: deps.overrides?.timers ?? systemTimers,
      backoff: deps.overrides?.backoff,
      target: deps.target,
      lastUrl: {
        get: () => this.repo.get().lastPublicUrl,
        set: (url) => this.save({ ...this.repo.get(), lastPublicUrl: url }),
      },
      onChange: () => this.emit(),
    });
    // The per-account URLs in the status follow account and MP_verify changes. Emitting from inside
    // another event's delivery would reach later subscribers (SSE) before that event: defer it.
    this.unsubscribe = deps.events.subscribe((e) => {
      const name: string = e.name;
      if (name === 'accounts.changed' || name === 'upstream.verifyFilesChanged')
        queueMicrotask(() => this.emitIfOpen());
    });
  }

  status(): TunnelStatus {
    const snap = this.supervisor.snapshot;
    const cfg = this.repo.get();
    return {
      provider: cfg.provider,
      state: snap.state,
      publicUrl: snap.publicUrl,
      forwardsTo: snap.forwardsTo ?? this.deps.target()?.url ?? null,
      since: snap.since,
      attempt: snap.attempt,
      nextRetryAt: snap.nextRetryAt,
      offline: snap.offline,
      urlChangedFrom: snap.urlChange?.from ?? null,
      urlChange: snap.urlChange,
      lastPublicUrl: cfg.lastPublicUrl,
      urls: snap.publicUrl ? this.deps.accounts().map((a) => this.urlsOn(snap.publicUrl!, a)) : [],
      config: this.configDto(cfg),
    };
  }

  /** The public URLs of one account while online, else null. */
  urlsFor(accountId: string): AccountPublicUrls | null {
    const url = this.supervisor.snapshot.publicUrl;
    const account = this.deps.accounts().find((a) => a.id === accountId);
    return url && account ? this.urlsOn(url, account) : null;
  }

  async configure(input: TunnelConfigureInput): Promise<TunnelStatus> {
    const cur = this.repo.get();
    const next: TunnelConfigRow = {
      ...cur,
      provider: input.provider ?? cur.provider,
      ngrokDomain: input.ngrokDomain !== undefined ? input.ngrokDomain : cur.ngrokDomain,
      ngrokRegion: input.ngrokRegion ?? cur.ngrokRegion,
      externalBaseUrl: input.externalBaseUrl !== undefined ? input.externalBaseUrl : cur.externalBaseUrl,
      startOnLaunch: input.startOnLaunch ?? cur.startOnLaunch,
    };
    try {
      this.deps.db.transaction(() => {
        this.save(next);
        if (input.ngrokAuthtoken === null) this.deps.secrets.delete(NGROK_AUTHTOKEN_SECRET);
        else if (input.ngrokAuthtoken !== undefined)
          this.deps.secrets.set(NGROK_AUTHTOKEN_SECRET, input.ngrokAuthtoken);
      })();
    } catch (e) {
      throw storageError(e, 'save the tunnel settings');
    }
    this.supervisor.setTunnel(this.makeTunnel(next));
    // A running tunnel picks up the new settings at once; a stopped one stays stopped.
    if (this.supervisor.active) await this.supervisor.start();
    else this.emit();
    return this.status();
  }

  async start(): Promise<TunnelStatus> {
    await this.supervisor.start();
    return this.status();
  }

  async stop(): Promise<TunnelStatus> {
    await this.supervisor.stop();
    return this.status();
  }

  /** The user pasted the new server URL into the mp backend: the URL-change alarm ends. */
  acknowledgeUrlChange(): TunnelStatus {
    try {
      this.supervisor.acknowledgeUrlChange();
    } catch (e) {
      throw storageError(e, 'save the tunnel settings');
    }
    return this.status();
  }

  /** Called once the callback listener is up; never blocks or fails core start-up. */
  startOnLaunch(): void {
    const cfg = this.repo.get();
    if (cfg.startOnLaunch && cfg.provider !== 'none') void this.supervisor.start();
  }

  /** Stops the tunnel for good (core.stop). */
  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribe();
    await this.supervisor.stop();
  }

  private urlsOn(base: string, a: AccountRef): AccountPublicUrls {
    return accountPublicUrls(base, a, this.deps.verifyFileNames(a.id));
  }

  private makeTunnel(cfg: TunnelConfigRow): Tunnel {
    switch (cfg.provider) {
      case 'ngrok':
        return new NgrokTunnel(this.deps.overrides?.ngrok ?? realNgrok, {
          authtoken: () => this.deps.secrets.get(NGROK_AUTHTOKEN_SECRET),
          domain: cfg.ngrokDomain,
          region: cfg.ngrokRegion,
          clientVersion: this.deps.clientVersion,
          timers: this.deps.overrides?.timers ?? systemTimers,
          connectTimeoutMs: this.deps.overrides?.connectTimeoutMs,
          serverAddr: this.deps.overrides?.ngrokServerAddr,
        });
      case 'external':
        return new ExternalTunnel(cfg.externalBaseUrl);
      case 'none':
        return new NoneTunnel();
    }
  }

  private configDto(cfg: TunnelConfigRow): TunnelConfigDto {
    return {
      provider: cfg.provider,
      ngrok: {
        authtoken: { isSet: this.deps.secrets.has(NGROK_AUTHTOKEN_SECRET) },
        domain: cfg.ngrokDomain,
        region: cfg.ngrokRegion,
      },
      external: { baseUrl: cfg.externalBaseUrl },
      startOnLaunch: cfg.startOnLaunch,
    };
  }

  private save(row: TunnelConfigRow): void {
    this.repo.put(row, this.deps.rt.clock.now());
  }

  private emitIfOpen(): void {
    if (!this.closed) this.emit();
  }

  private emit(): void {
    this.deps.events.emit('tunnel.changed', this.status());
  }
}

export function tunnelHandlers(tunnel: TunnelService): AreaHandlers<'tunnel.'> {
  return {
    'tunnel.configure': (input) => tunnel.configure(input),
    'tunnel.start': () => tunnel.start(),
    'tunnel.stop': () => tunnel.stop(),
    'tunnel.status': () => tunnel.status(),
    'tunnel.acknowledgeUrlChange': () => tunnel.acknowledgeUrlChange(),
  };
}

/**
 * The tunnel as a core module. Listed after the callback listener: it starts (when configured to
 * start on launch) once the listener is up, and stops first, before the listeners close.
 */
export function createTunnelModule(deps: TunnelServiceDeps) {
  const service = new TunnelService(deps);
  return {
    service,
    handlers: tunnelHandlers(service),
    start: () => service.startOnLaunch(),
    stop: () => service.close(),
  };
}
