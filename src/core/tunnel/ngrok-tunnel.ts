import type { NgrokRegion } from '../../shared/api/areas/tunnel';
import { classifyNgrokError } from './classify-ngrok-error';
import type { NgrokSession, NgrokSessionFactory } from './ngrok-session';
import type { Timers } from './timers';
import { TunnelFailure, type ForwardTarget, type Tunnel, type TunnelConnection } from './tunnel-port';

export interface NgrokTunnelConfig {
  /** Read when opening, so a new authtoken applies on the next attempt. Never logged. */
  authtoken: () => string | undefined;
  domain: string | null;
  region: NgrokRegion;
  clientVersion: string;
  timers: Timers;
  /** Default 15 s: offline, ngrok fails in milliseconds, but a black-holed network never answers. */
  connectTimeoutMs?: number;
  /** Overrides the region's agent address (tests point it at a closed loopback port). */
  serverAddr?: string;
}

/**
 * ngrok's regional agent address. ngrok picks the nearest region by itself; pinning one is for users
 * whose nearest is slow from China (ap/jp usually answer fastest). The `connect.<region>.` naming is
 * from ngrok's agent docs (unconfirmed for every region).
 */
export function ngrokServerAddr(region: NgrokRegion): string | undefined {
  return region === 'auto' ? undefined : `connect.${region}.ngrok-agent.com:443`;
}

/** The ngrok adapter: one session, one HTTP endpoint forwarding to the callback listener. */
export class NgrokTunnel implements Tunnel {
  readonly provider = 'ngrok' as const;

  constructor(
    private readonly factory: NgrokSessionFactory,
    private readonly config: NgrokTunnelConfig,
  ) {}

  async open(target: ForwardTarget): Promise<TunnelConnection> {
    const authtoken = this.config.authtoken();
    if (!authtoken) throw new TunnelFailure('authtoken_missing');
    const secrets = [authtoken];
    let dropListener: ((f: TunnelFailure) => void) | undefined;
    let dropped: TunnelFailure | undefined;
    const drop = (f: TunnelFailure) => {
      if (dropped) return;
      dropped = f;
      dropListener?.(f);
    };

    let session: NgrokSession;
    try {
      session = await this.withTimeout(
        this.factory.connect({
          authtoken,
          serverAddr: this.config.serverAddr ?? ngrokServerAddr(this.config.region),
          clientVersion: this.config.clientVersion,
          onDisconnect: (error) => drop(classifyNgrokError(error, secrets, { drop: true })),
        }),
      );
    } catch (e) {
      throw classifyNgrokError(e, secrets);
    }
    let listener;
    try {
      listener = await session.listen({ domain: this.config.domain ?? undefined, forwardTo: target.url });
    } catch (e) {
      await session.close().catch(() => undefined);
      throw classifyNgrokError(e, secrets);
    }
    const publicUrl = listener.url();
    if (!publicUrl) {
      await session.close().catch(() => undefined);
      throw new TunnelFailure('unknown', 'ngrok returned no public URL');
    }
    let closing: Promise<void> | undefined;
    return {
      publicUrl: publicUrl.replace(/\/+$/, ''),
      onDrop(l) {
        dropListener = l;
        if (dropped) l(dropped);
      },
      close() {
        // Closing the session also ends ngrok's own reconnect loop.
        closing ??= (async () => {
          await listener.close().catch(() => undefined);
          await session.close().catch(() => undefined);
        })();
        return closing;
      },
    };
  }

  /** Rejects with a network failure when ngrok does not answer in time; a late session is closed. */
  private withTimeout(p: Promise<NgrokSession>): Promise<NgrokSession> {
    const ms = this.config.connectTimeoutMs ?? 15_000;
    return new Promise((resolve, reject) => {
      let timedOut = false;
      const t = this.config.timers.setTimeout(() => {
        timedOut = true;
        reject(new TunnelFailure('no_network', `ngrok did not answer within ${Math.round(ms / 1000)} s`));
      }, ms);
      p.then(
        (s) => {
          this.config.timers.clearTimeout(t);
          if (timedOut) void s.close().catch(() => undefined);
          else resolve(s);
        },
        (e: unknown) => {
          this.config.timers.clearTimeout(t);
          reject(e);
        },
      );
    });
  }
}
