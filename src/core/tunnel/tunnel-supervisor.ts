import type { TunnelOfflineInfo, TunnelState, UrlChange } from '../../shared/api/areas/tunnel';
import type { Clock, Random } from '../runtime';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { OFFLINE_REASONS } from './offline-reasons';
import type { Timers } from './timers';
import {
  toTunnelFailure,
  TunnelFailure,
  type ForwardTarget,
  type Tunnel,
  type TunnelConnection,
} from './tunnel-port';

export interface SupervisorSnapshot {
  state: TunnelState;
  since: number;
  publicUrl: string | null;
  forwardsTo: string | null;
  attempt: number;
  nextRetryAt: number | null;
  offline: TunnelOfflineInfo | null;
  urlChange: UrlChange | null;
}

export interface SupervisorDeps {
  clock: Clock;
  random: Random;
  timers: Timers;
  backoff?: BackoffPolicy;
  /** The callback listener's address, or null when it is not running. Never the console. */
  target(): ForwardTarget | null;
  /** The last public URL seen online, persisted so a rotation is noticed across restarts. */
  lastUrl: { get(): string | null; set(url: string): void };
  onChange(snapshot: SupervisorSnapshot): void;
}

/**
 * Runs one Tunnel adapter: connecting → online | offline (typed reason), reconnecting with
 * exponential backoff after retryable failures and drops, and noticing when the public URL changes
 * (the mp backend still points at the old one). A generation counter makes late results of a
 * stopped or restarted attempt harmless.
 */
export class TunnelSupervisor {
  private gen = 0;
  private conn?: TunnelConnection;
  private timer?: unknown;
  private snap: SupervisorSnapshot;

  constructor(
    private tunnel: Tunnel,
    private readonly deps: SupervisorDeps,
  ) {
    this.snap = {
      state: 'stopped',
      since: deps.clock.now(),
      publicUrl: null,
      forwardsTo: null,
      attempt: 0,
      nextRetryAt: null,
      offline: null,
      urlChange: null,
    };
  }

  get snapshot(): SupervisorSnapshot {
    return { ...this.snap };
  }

  get provider() {
    return this.tunnel.provider;
  }

  get active(): boolean {
    return this.snap.state !== 'stopped';
  }

  /** Swaps the adapter (after a config change); restart to apply it. */
  setTunnel(tunnel: Tunnel): void {
    this.tunnel = tunnel;
  }

  /** (Re)starts and resolves once the first attempt is online or offline. */
  async start(): Promise<void> {
    const gen = ++this.gen;
    await this.halt();
    if (gen !== this.gen) return;
    this.snap.attempt = 0;
    await this.attempt(gen);
  }

  /** Idempotent; ends pending retries and closes the connection. */
  async stop(): Promise<void> {
    ++this.gen;
    await this.halt();
    if (this.snap.state !== 'stopped') {
      this.set({
        state: 'stopped',
        publicUrl: null,
        attempt: 0,
        nextRetryAt: null,
        offline: null,
        urlChange: null,
      });
    }
  }

  private async halt(): Promise<void> {
    if (this.timer !== undefined) this.deps.timers.clearTimeout(this.timer);
    this.timer = undefined;
    const conn = this.conn;
    this.conn = undefined;
    await conn?.close().catch(() => undefined);
  }

  private async attempt(gen: number): Promise<void> {
    const target = this.deps.target();
    this.set({ state: 'connecting', forwardsTo: target?.url ?? null, nextRetryAt: null });
    let conn: TunnelConnection;
    try {
      if (!target) throw new TunnelFailure('listener_down');
      conn = await this.tunnel.open(target);
    } catch (e) {
      if (gen === this.gen) this.fail(gen, toTunnelFailure(e));
      return;
    }
    if (gen !== this.gen) {
      await conn.close().catch(() => undefined);
      return;
    }
    this.conn = conn;
    this.set({
      state: 'online',
      publicUrl: conn.publicUrl,
      attempt: 0,
      offline: null,
      urlChange: this.urlChangeTo(conn.publicUrl),
    });
    conn.onDrop((failure) => {
      if (gen !== this.gen || this.conn !== conn) return;
      this.conn = undefined;
      void conn.close().catch(() => undefined);
      this.fail(gen, failure);
    });
  }

  /**
   * Until the user says the mp backend has the new URL (acknowledgeUrlChange), the alarm stands,
   * across reconnects, stop/start and restarts: the remembered URL is the one the mp backend was
   * last known to hold, so it moves only on the first URL ever seen and on an acknowledgement.
   */
  private urlChangeTo(url: string): UrlChange | null {
    const known = this.deps.lastUrl.get();
    if (!known) {
      this.deps.lastUrl.set(url);
      return null;
    }
    if (known === url) return null;
    if (this.snap.urlChange?.from === known && this.snap.urlChange.to === url) return this.snap.urlChange;
    return {
      from: known,
      to: url,
      at: this.deps.clock.now(),
      message: {
        zh: `公网地址已从 ${known} 变为 ${url}。公众号后台的服务器地址仍指向旧地址：请更新服务器配置（以及网页授权域名），否则微信的消息会发往旧地址。`,
        en: `The public URL changed from ${known} to ${url}. The mp backend still points at the old one: update the server URL (and the OAuth domain) or WeChat keeps calling the old address.`,
      },
    };
  }

  /** The user has put the current URL into the mp backend: it becomes the one to compare with. */
  acknowledgeUrlChange(): void {
    const url = this.snap.publicUrl;
    if (!url || !this.snap.urlChange) return;
    this.deps.lastUrl.set(url);
    this.set({ urlChange: null });
  }

  private fail(gen: number, failure: TunnelFailure): void {
    const text = OFFLINE_REASONS[failure.reason];
    const attempt = this.snap.attempt + 1;
    let nextRetryAt: number | null = null;
    if (text.retryable) {
      const delay = backoffDelay(attempt, this.deps.backoff ?? DEFAULT_BACKOFF, this.deps.random);
      nextRetryAt = this.deps.clock.now() + delay;
      this.timer = this.deps.timers.setTimeout(() => {
        this.timer = undefined;
        if (gen === this.gen) void this.attempt(gen);
      }, delay);
    }
    const offline: TunnelOfflineInfo = {
      reason: failure.reason,
      message: text.message,
      fix: text.fix,
      retrying: text.retryable,
    };
    if (failure.detail) offline.detail = failure.detail;
    if (failure.providerCode) offline.providerCode = failure.providerCode;
    this.set({ state: 'offline', publicUrl: null, attempt, nextRetryAt, offline });
  }

  private set(patch: Partial<SupervisorSnapshot>): void {
    const stateChanged = patch.state !== undefined && patch.state !== this.snap.state;
    this.snap = { ...this.snap, ...patch, since: stateChanged ? this.deps.clock.now() : this.snap.since };
    this.deps.onChange(this.snapshot);
  }
}
