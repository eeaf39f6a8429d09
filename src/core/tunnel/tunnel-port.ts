import type { TunnelOfflineReason, TunnelProvider } from '../../shared/api/areas/tunnel';

/** Where the public URL forwards to: always the callback listener (docs/architecture.md §3). */
export interface ForwardTarget {
  /** e.g. `http://127.0.0.1:17391` */
  url: string;
}

/** A live public endpoint. `onDrop` fires at most once, when the provider loses it. */
export interface TunnelConnection {
  readonly publicUrl: string;
  onDrop(listener: (failure: TunnelFailure) => void): void;
  /** Idempotent. */
  close(): Promise<void>;
}

/**
 * The Tunnel port: one adapter per provider (ngrok, external, none). `open` either resolves with a
 * connection or rejects with a TunnelFailure saying why, typed. Reconnecting is the supervisor's job.
 */
export interface Tunnel {
  readonly provider: TunnelProvider;
  open(target: ForwardTarget): Promise<TunnelConnection>;
}

/** A typed reason the tunnel is not online; `detail` is already masked. */
export class TunnelFailure extends Error {
  constructor(
    readonly reason: TunnelOfflineReason,
    readonly detail?: string,
    readonly providerCode?: string,
  ) {
    super(detail ? `${reason}: ${detail}` : reason);
    this.name = 'TunnelFailure';
  }
}

export function toTunnelFailure(e: unknown): TunnelFailure {
  return e instanceof TunnelFailure ? e : new TunnelFailure('unknown', (e as Error)?.message ?? String(e));
}
