import type { TunnelStatus } from '../../../shared/api/areas/tunnel';
import { useLive, type LiveState } from './use-live';

const same = (s: TunnelStatus) => s;

/** `tunnel.status`, kept current by `tunnel.changed`. */
export function useTunnelStatus(): LiveState<TunnelStatus> {
  return useLive('tunnel.status', 'tunnel.changed', same);
}

/**
 * The base WeChat should call: the tunnel's public URL while it is online, else the local callback
 * listener (fine for the sandbox, unreachable for WeChat).
 */
export function callbackBase(
  listenerUrl: string | undefined,
  tunnel: TunnelStatus | undefined,
): { url: string; public: boolean } | undefined {
  if (tunnel?.state === 'online' && tunnel.publicUrl) return { url: tunnel.publicUrl, public: true };
  return listenerUrl ? { url: listenerUrl, public: false } : undefined;
}
