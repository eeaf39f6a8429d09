import { admitPrefix, HTML_TYPE, reject, type Answer, type LoggedRoute } from './pipeline';
import { UNVERIFIED_BODY_KEEP } from './unverified';

const OAUTH_CALLBACK = /^\/oauth\/([A-Za-z0-9_-]{1,64})\/callback$/;

/** What answers the callback: the OAuth service (core/services/oauth), behind a port. */
export interface OauthCallbackHandler {
  handleCallback(
    slug: string,
    query: URLSearchParams,
  ): Promise<{ status: number; html: string; detail?: string; accountId?: string }>;
}

const PAGE_HEADERS = {
  'cache-control': 'no-store',
  // The URL carries the code: never hand it to another site (e.g. the avatar's host).
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src https: http:",
};

const INTERNAL_ERROR_PAGE =
  '<!doctype html><meta charset="utf-8"><h1>MPDesk</h1><p>内部错误，详见日志。 / Internal error; see the log.</p>';

/**
 * `GET /oauth/<slug>/callback?code=&state=` (docs/architecture.md §3, docs/wechat-protocol.md §8.2):
 * WeChat's 302 brings the user's browser here, so the request is not WeChat's own. Answers 200
 * directly on the exact path (no trailing-slash redirect: an extra hop is an extra request, §8.2).
 * The page never carries a stack, and the log never the code in clear (request-facts.ts).
 */
export function oauthCallbackRoute(handler: OauthCallbackHandler): LoggedRoute {
  const page = (status: number, html: string, detail: string): Answer => ({
    status,
    body: html,
    type: HTML_TYPE,
    headers: PAGE_HEADERS,
    outcome: status < 400 ? 'ok' : status >= 500 ? 'error' : 'rejected',
    reason: 'oauth_callback',
    detail,
  });
  return {
    match: (p) => OAUTH_CALLBACK.test(p),
    admit: admitPrefix(UNVERIFIED_BODY_KEEP),
    handle: async (req) => {
      const facts = { notWechat: true };
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        const detail = `${req.method}: WeChat's redirect comes with GET`;
        return {
          answer: {
            ...reject(405, 'method_not_allowed', 'method not allowed', detail),
            headers: { ...PAGE_HEADERS, allow: 'GET, HEAD' },
          },
          facts,
        };
      }
      // A HEAD (link checkers, prefetchers) must not spend the single-use state or the code.
      if (req.method === 'HEAD')
        return { answer: page(200, '', 'HEAD: the state and the code are not used'), facts };
      const slug = OAUTH_CALLBACK.exec(req.pathname)![1];
      try {
        const r = await handler.handleCallback(slug, new URLSearchParams(req.search));
        return {
          answer: page(
            r.status,
            r.html,
            r.detail ?? `the OAuth callback of /oauth/${slug} answered ${r.status}`,
          ),
          facts: { ...facts, accountId: r.accountId ?? null },
        };
      } catch (e) {
        console.error('[oauth] callback failed', e);
        return {
          answer: page(500, INTERNAL_ERROR_PAGE, `internal error: ${(e as Error)?.message ?? String(e)}`),
          facts,
        };
      }
    },
  };
}
