import type { HandleResult } from './wx-handlers';

/**
 * Why an entry is a failure although WeChat got a 200: the developer's server failed (an error
 * status, a reply WeChat cannot use, a timeout, a refused connection), and what WeChat got instead.
 * The forwarding order decides (docs/architecture.md §4): with `upstream-first` the rules answer
 * when the server cannot; otherwise WeChat gets `success`, so it does not retry into a failing
 * server (three deliveries, then "该公众号暂时无法提供服务" for the fan) and the fan sees nothing.
 */
export function upstreamFailureDetail(h: HandleResult): string {
  const leg = h.upstream!;
  const failed = `the developer's server failed: ${leg.error} (${where(leg.url)})`;
  if (h.passive)
    return `${failed}; WeChat got the reply of ${h.matched} instead (forwarding order ${h.order}: the rules answer when the server cannot)`;
  const why =
    h.order === 'upstream-only'
      ? 'forwarding order upstream-only: no rules are asked'
      : h.order === 'rules-first'
        ? 'forwarding order rules-first: no rule had matched'
        : `forwarding order ${h.order}: no rule matched either`;
  return `${failed}; WeChat got "success" (${why}), so it does not retry into a failing server and the fan sees nothing`;
}

/** The same for a server that failed after the deadline, when WeChat had been answered `success`. */
export function lateUpstreamFailureDetail(h: HandleResult): string {
  const leg = h.upstream!;
  return `answered success at the deadline; then the developer's server failed: ${leg.error} (${where(leg.url)})`;
}

/** The server's URL without the query it was sent (WeChat's signature parameters, in the upstream leg). */
const where = (url: string) => url.split('?')[0];

/** Whether the developer's server was asked and failed. */
export const upstreamFailed = (h: HandleResult): boolean => !!h.upstream?.error;
