import { performance } from 'node:perf_hooks';
import { request, type Dispatcher } from 'undici';
import type { UpstreamConfigDto } from '../../shared/api/areas/upstream';
import { round } from './pipeline';

export interface UpstreamAnswer {
  url: string;
  status: number | null;
  ms: number;
  body: Buffer | null;
  /** Transport-level failure: timeout, refused, HTTP error status, oversized body. */
  error: string | null;
}

const MAX_UPSTREAM_BODY = 1 << 20;

/**
 * Forwards WeChat's request to the developer's own server unchanged: same query string (so it
 * carries WeChat's signature, timestamp, nonce, msg_signature and openid), same body bytes, same
 * Content-Type. The developer's server verifies it exactly as it would verify WeChat.
 */
export async function forwardUpstream(
  cfg: UpstreamConfigDto,
  req: { search: string; body: Buffer; contentType: string | undefined },
  dispatcher: Dispatcher | undefined,
  timeoutMs: number,
): Promise<UpstreamAnswer> {
  const query = req.search.startsWith('?') ? req.search.slice(1) : req.search;
  const url = query ? `${cfg.url}${cfg.url.includes('?') ? '&' : '?'}${query}` : cfg.url;
  const started = performance.now();
  const done = (status: number | null, body: Buffer | null, error: string | null): UpstreamAnswer => ({
    url,
    status,
    ms: round(performance.now() - started),
    body,
    error,
  });
  try {
    const res = await request(url, {
      method: 'POST',
      body: req.body,
      headers: {
        'content-type': req.contentType ?? 'text/xml',
        'user-agent': 'Mozilla/5.0 MPDesk-forwarder',
      },
      dispatcher,
      signal: AbortSignal.timeout(Math.max(1, timeoutMs)),
    });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const c of res.body) {
      size += (c as Buffer).length;
      if (size > MAX_UPSTREAM_BODY) {
        res.body.destroy();
        return done(res.statusCode, null, `upstream reply larger than ${MAX_UPSTREAM_BODY} bytes`);
      }
      chunks.push(c as Buffer);
    }
    const body = Buffer.concat(chunks);
    if (res.statusCode < 200 || res.statusCode >= 300)
      return done(res.statusCode, body, `upstream answered HTTP ${res.statusCode}`);
    return done(res.statusCode, body, null);
  } catch (e) {
    const err = e as Error & { code?: string };
    const timedOut = err.name === 'TimeoutError' || err.name === 'AbortError';
    return done(
      null,
      null,
      timedOut
        ? `upstream did not answer within ${timeoutMs} ms`
        : `upstream unreachable: ${err.code ?? err.message}`,
    );
  }
}
