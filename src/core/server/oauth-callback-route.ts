import type { CallbackRoute } from './callback-routes';

/** The callback path, with or without a trailing slash: both are what editors call MPDesk's own. */
const OAUTH_CALLBACK = /^\/oauth\/([A-Za-z0-9_-]{1,64})\/callback\/?$/;

/** What answers the callback: the OAuth service (core/services/oauth), behind a port. */
export interface OauthCallbackHandler {
  handleCallback(slug: string, query: URLSearchParams): Promise<{ status: number; html: string }>;
}

/**
 * `GET /oauth/<slug>/callback?code=&state=` (docs/architecture.md §3, docs/wechat-protocol.md §8.2): WeChat's
 * 302 lands here. Answers 200 directly on the path as registered, with or without a trailing slash
 * (never a redirect that only adds or removes it: an extra hop is an extra request, §8.2). The page never carries a stack, and the code never in clear.
 */
export function oauthCallbackRoute(handler: OauthCallbackHandler): CallbackRoute {
  return {
    match: (p) => OAUTH_CALLBACK.test(p),
    handle: async (req, res, url) => {
      const headers = {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        // The URL carries the code: never hand it to another site (e.g. the avatar's host).
        'referrer-policy': 'no-referrer',
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src https: http:",
      };
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { ...headers, allow: 'GET, HEAD' }).end('method not allowed');
        return;
      }
      // A HEAD (link checkers, prefetchers) must not spend the single-use state or the code.
      if (req.method === 'HEAD') {
        res.writeHead(200, headers).end();
        return;
      }
      const slug = OAUTH_CALLBACK.exec(url.pathname)![1];
      let answer: { status: number; html: string };
      try {
        answer = await handler.handleCallback(slug, url.searchParams);
      } catch (e) {
        console.error('[oauth] callback failed', e);
        answer = {
          status: 500,
          html: '<!doctype html><meta charset="utf-8"><h1>MPDesk</h1><p>内部错误，详见日志。 / Internal error; see the log.</p>',
        };
      }
      res.writeHead(answer.status, headers).end(answer.html);
    },
  };
}
