import type { CallbackRoute } from '../../server/callback-routes';
import { randomAlnum, type Clock, type Random } from '../../runtime';

export const PROBE_PREFIX = '/__mpdesk/probe/';

export interface ProbeHit {
  at: number;
  userAgent: string | null;
  host: string | null;
  forwardedFor: string | null;
}

/**
 * Proof that a request to the public URL reached *this* MPDesk's callback listener: the doctor issues
 * a one-time nonce, requests `<public>/__mpdesk/probe/<nonce>` and checks that the listener saw it.
 * Unknown or expired nonces get the router's ordinary 404, so the route reveals nothing to strangers.
 */
export class DoctorProbes {
  private readonly pending = new Map<string, { expires: number; hits: ProbeHit[] }>();

  constructor(
    private readonly clock: Clock,
    private readonly random: Random,
  ) {}

  issue(ttlMs = 60_000): string {
    const now = this.clock.now();
    for (const [k, v] of this.pending) if (v.expires < now) this.pending.delete(k);
    const nonce = randomAlnum(this.random, 24);
    this.pending.set(nonce, { expires: now + ttlMs, hits: [] });
    return nonce;
  }

  hits(nonce: string): ProbeHit[] {
    return [...(this.pending.get(nonce)?.hits ?? [])];
  }

  release(nonce: string): void {
    this.pending.delete(nonce);
  }

  readonly route: CallbackRoute = {
    match: (pathname) => pathname.startsWith(PROBE_PREFIX),
    handle: (req, res, url) => {
      const nonce = url.pathname.slice(PROBE_PREFIX.length);
      const entry = this.pending.get(nonce);
      if (!entry || entry.expires < this.clock.now() || (req.method !== 'GET' && req.method !== 'HEAD')) {
        res
          .writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
          .end(`no route for ${url.pathname}\n`);
        return;
      }
      const h = (name: string) => {
        const v = req.headers[name];
        return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
      };
      entry.hits.push({
        at: this.clock.now(),
        userAgent: h('user-agent'),
        host: h('host'),
        forwardedFor: h('x-forwarded-for'),
      });
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
      res.end(probeBody(nonce));
    },
  };
}

export function probeBody(nonce: string): string {
  return `mpdesk-probe:${nonce}`;
}
