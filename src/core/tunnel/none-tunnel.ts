import { TunnelFailure, type Tunnel, type TunnelConnection } from './tunnel-port';

/** No tunnel: the callback listener stays local. Opening says so with a typed reason. */
export class NoneTunnel implements Tunnel {
  readonly provider = 'none' as const;

  async open(): Promise<TunnelConnection> {
    throw new TunnelFailure('no_provider');
  }
}
