import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import { withoutOwnCookies } from './session-cookie';

/**
 * The request headers the app behind MPDesk receives. Whatever the client sent under `X-MPDesk-`
 * is dropped first, as oauth2-proxy drops a client's own `X-Forwarded-User`: only MPDesk may say who
 * the fan is. Then the identity of a signed-in fan, the forwarding headers of a reverse proxy, and
 * the Cookie header without MPDesk's own cookies. Pure.
 */

export const IDENTITY_HEADERS = {
  openid: 'x-mpdesk-openid',
  unionid: 'x-mpdesk-unionid',
  scope: 'x-mpdesk-scope',
  appid: 'x-mpdesk-appid',
  assertion: 'x-mpdesk-assertion',
} as const;

export interface FanIdentity {
  openid: string;
  unionid: string | null;
  scope: string;
  appId: string;
}

/** RFC 7230 §6.1 hop-by-hop headers: they describe one connection, never forwarded. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

export interface ForwardFacts {
  /** The peer of the listener's socket (the tunnel, or the browser on this machine). */
  remoteAddress: string;
  /** The scheme the browser used (https behind the tunnel). */
  proto: 'http' | 'https';
  /** The Host the browser asked for. */
  host: string;
}

export function upstreamRequestHeaders(
  incoming: IncomingHttpHeaders,
  opts: {
    identity: FanIdentity | null;
    assertion: string | null;
    forward: ForwardFacts;
    /** A WebSocket handshake keeps its Connection/Upgrade pair. */
    upgrade?: boolean;
  },
): OutgoingHttpHeaders {
  const out = endToEnd(
    incoming,
    (lower) =>
      lower.startsWith('x-mpdesk-') ||
      lower === 'cookie' ||
      lower === 'host' ||
      lower.startsWith('x-forwarded-'),
  );
  const cookie = withoutOwnCookies(incoming.cookie);
  if (cookie) out.cookie = cookie;
  const prior = incoming['x-forwarded-for'];
  const chain = [...(Array.isArray(prior) ? prior : prior ? [prior] : []), opts.forward.remoteAddress]
    .filter(Boolean)
    .join(', ');
  out['x-forwarded-for'] = chain;
  out['x-forwarded-proto'] = opts.forward.proto;
  out['x-forwarded-host'] = opts.forward.host;
  if (opts.upgrade && incoming.upgrade) {
    out.connection = 'Upgrade';
    out.upgrade = incoming.upgrade;
  }
  const id = opts.identity;
  if (id) {
    out[IDENTITY_HEADERS.openid] = id.openid;
    if (id.unionid) out[IDENTITY_HEADERS.unionid] = id.unionid;
    out[IDENTITY_HEADERS.scope] = id.scope;
    out[IDENTITY_HEADERS.appid] = id.appId;
    if (opts.assertion) out[IDENTITY_HEADERS.assertion] = opts.assertion;
  }
  return out;
}

/** The app's response headers as the browser gets them: hop-by-hop headers are the proxy's own. */
export function downstreamResponseHeaders(incoming: IncomingHttpHeaders): OutgoingHttpHeaders {
  return endToEnd(incoming);
}

/**
 * The headers, lower-cased, without the hop-by-hop ones: the fixed set and whatever `Connection`
 * names. `drop` leaves out more.
 */
function endToEnd(incoming: IncomingHttpHeaders, drop: (lower: string) => boolean = () => false) {
  const named = new Set(
    String(incoming.connection ?? '')
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean),
  );
  const out: OutgoingHttpHeaders = {};
  for (const name in incoming) {
    const lower = name.toLowerCase();
    if (HOP_BY_HOP.has(lower) || named.has(lower) || drop(lower)) continue;
    out[lower] = incoming[name];
  }
  return out;
}
