import { maskSecrets } from './mask-secret';
import { TunnelFailure } from './tunnel-port';
import type { TunnelOfflineReason } from '../../shared/api/areas/tunnel';

/** ngrok error codes (https://ngrok.com/docs/errors/) that name a cause the user can fix. */
const BY_CODE: Record<string, TunnelOfflineReason> = {
  ERR_NGROK_105: 'authtoken_invalid', // does not look like an authtoken
  ERR_NGROK_106: 'authtoken_invalid', // ngrok v1 authtoken
  ERR_NGROK_107: 'authtoken_invalid', // well-formed but invalid (reset, removed from team)
  ERR_NGROK_300: 'authtoken_invalid', // credential revoked
  ERR_NGROK_4018: 'authtoken_missing', // verified account and authtoken required
  ERR_NGROK_108: 'session_limit',
  ERR_NGROK_7117: 'domain_not_reserved',
  ERR_NGROK_7118: 'domain_not_reserved', // not reserved by your account
  ERR_NGROK_320: 'domain_taken',
  ERR_NGROK_9040: 'blocked',
};

const NETWORK =
  /failed to establish tcp connection|dns|resolve|timed? ?out|network|unreachable|connection (refused|reset)|tls handshake|os error/i;

/**
 * Turns whatever @ngrok/ngrok threw (or said on disconnect) into a typed, masked failure. A drop of a
 * live session is `disconnected` unless ngrok names a cause: its message is about the lost socket.
 */
export function classifyNgrokError(
  e: unknown,
  secrets: readonly (string | undefined)[],
  opts: { drop?: boolean } = {},
): TunnelFailure {
  if (e instanceof TunnelFailure) return e;
  const raw = typeof e === 'string' ? e : ((e as Error)?.message ?? String(e));
  const detail = maskSecrets(raw, secrets);
  const code = (e as { errorCode?: string })?.errorCode ?? /ERR_NGROK_\d+/.exec(raw)?.[0];
  if (code && BY_CODE[code]) return new TunnelFailure(BY_CODE[code], detail, code);
  if (/authtoken/i.test(raw) && /invalid|not valid|malformed|revoked/i.test(raw))
    return new TunnelFailure('authtoken_invalid', detail, code);
  if (opts.drop) return new TunnelFailure('disconnected', detail, code);
  if (NETWORK.test(raw)) return new TunnelFailure('no_network', detail, code);
  return new TunnelFailure('unknown', detail, code);
}
