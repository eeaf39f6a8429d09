import { TunnelFailure, type Tunnel, type TunnelConnection } from './tunnel-port';

/**
 * The user's own public base URL (frp, natapp, cloudflared, nginx on a server) that already forwards
 * to the callback listener. Nothing to open: whether it really reaches us is the doctor's question.
 */
export class ExternalTunnel implements Tunnel {
  readonly provider = 'external' as const;

  constructor(private readonly baseUrl: string | null) {}

  async open(): Promise<TunnelConnection> {
    if (!this.baseUrl) throw new TunnelFailure('not_configured');
    return { publicUrl: this.baseUrl, onDrop() {}, close: async () => undefined };
  }
}
