import type { IncomingHttpHeaders } from 'node:http';

/**
 * The origin the browser used for a request on the callback listener: MPDesk's public URL (tunnel or
 * external URL) when the Host is its host, the local listener when it is the listener's own, and
 * otherwise the public URL (a Host MPDesk does not own is never echoed into a redirect_uri or a
 * cookie). Pure.
 */
export interface BrowserOrigin {
  origin: string;
  proto: 'http' | 'https';
  host: string;
  /** Cookies get Secure (and the `__Host-` prefix). */
  secure: boolean;
}

const LOCAL = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/;

export function browserOrigin(
  headers: IncomingHttpHeaders,
  publicUrl: string | null,
  listenerUrl: string | null,
): BrowserOrigin {
  const host = String(headers.host ?? '').toLowerCase();
  const pub = publicUrl ? new URL(publicUrl) : null;
  const local = listenerUrl ? new URL(listenerUrl) : null;
  const of = (u: URL): BrowserOrigin => {
    const proto = u.protocol === 'https:' ? 'https' : 'http';
    return { origin: u.origin, proto, host: u.host, secure: proto === 'https' };
  };
  if (pub && host === pub.host.toLowerCase()) return of(pub);
  const port = local?.port;
  if (local && LOCAL.test(host) && (host.endsWith(`:${port}`) || !port))
    return { origin: `http://${host}`, proto: 'http', host, secure: false };
  if (pub) return of(pub);
  return local ? of(local) : { origin: 'http://127.0.0.1', proto: 'http', host, secure: false };
}
