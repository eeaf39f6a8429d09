import type { ListenerInfo } from '../../shared/api/areas/app';
import type { ForwardTarget } from './tunnel-port';

/** The tunnel dials the callback listener locally; a wildcard bind is reached through loopback. */
export function forwardTargetOf(info: ListenerInfo | null): ForwardTarget | null {
  if (!info) return null;
  const wildcard = info.host === '0.0.0.0' || info.host === '::';
  const host = wildcard ? '127.0.0.1' : info.host.includes(':') ? `[${info.host}]` : info.host;
  return { url: `http://${host}:${info.port}` };
}
