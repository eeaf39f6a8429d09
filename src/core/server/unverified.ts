import type http from 'node:http';
import type { CallbackReason } from '../../shared/api/areas/callbacks';
import type { CountedLog } from '../http';
import type { FailureLimiter } from './failure-limiter';

/**
 * What the callback log keeps of a request that is not proven WeChat's (no valid signature, an
 * unknown path or account): its first bytes. Enough to see what a scanner or a misconfigured
 * gateway sent; a flood of 1 MiB bodies then costs the disk 4 KiB a row, not 1 MiB.
 */
export const UNVERIFIED_BODY_KEEP = 4096;

/** The body and detail an unverified request's row stores: a prefix, and a note when it was cut. */
export function keptOfUnverified(
  body: Buffer,
  detail: string | null,
  declaredLength: string | undefined,
): { body: Buffer; detail: string | null } {
  const declared = Number(declaredLength);
  const total = Number.isFinite(declared) && declared > body.length ? declared : body.length;
  if (total <= UNVERIFIED_BODY_KEEP) return { body, detail };
  const note = `kept the first ${UNVERIFIED_BODY_KEEP} of ${total} bytes of a body that is not WeChat's`;
  return {
    body: body.length > UNVERIFIED_BODY_KEEP ? body.subarray(0, UNVERIFIED_BODY_KEEP) : body,
    detail: detail ? `${detail} (${note})` : note,
  };
}

/** The detail of the one row written when an address runs out of failures. */
export function rateLimitedDetail(addr: string, was: CallbackReason, detail: string | null): string {
  return `${addr} keeps sending requests that fail the checks: from now on its failing requests get 429 and no log row until it slows down (signed messages are always handled). This one: ${was}${detail ? ` (${detail})` : ''}`;
}

/**
 * A failed request not proven WeChat's takes one of its address's failures. 'record': log it as it
 * is; 'limit': the address just ran out, log this one as rate_limited (429); 'done': refused here
 * with a bare 429 and no row (counted in the console).
 */
export function takeFailure(
  limiter: FailureLimiter,
  addr: string,
  res: http.ServerResponse,
  log: CountedLog,
): 'record' | 'limit' | 'done' {
  const verdict = limiter.failed(addr);
  if (verdict !== 'refuse') return verdict;
  log.note('refused a failing request from a rate-limited address (429, not logged)');
  res
    .writeHead(429, {
      'content-type': 'text/plain; charset=utf-8',
      'retry-after': String(limiter.retryAfterS(addr)),
    })
    .end('too many failed requests\n');
  return 'done';
}
