import type http from 'node:http';
import type { Runtime } from '../runtime';
import type { CallbackRecorder } from './callback-recorder';
import type { CallbackRoute } from './callback-routes';
import { answerLogged, webRequestFacts, type WebAnswer } from './logged-answer';

/** The callback path, with or without a trailing slash: both are what editors call MPDesk's own. */
const OAUTH_CALLBACK = /^\/oauth\/([A-Za-z0-9_-]{1,64})\/callback\/?$/;

/** What answers the callback: the OAuth service (core/services/oauth), behind a port. */
export interface OauthCallbackHandler {
  handleCallback(slug: string, query: URLSearchParams, req: http.IncomingMessage): Promise<WebAnswer>;
}

const PAGE = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };

/**
 * `GET /oauth/<slug>/callback?code=&state=` (docs/architecture.md §3, docs/wechat-protocol.md §8.2): WeChat's
 * 302 lands here. Answers 200 directly on the path as registered, with or without a trailing slash
 * (never a redirect that only adds or removes it: an extra hop is an extra request, §8.2). Every
 * request is a row of the callback log, its code masked; the page never carries a stack, and the
 * code never in clear.
 */
export function oauthCallbackRoute(
  handler: OauthCallbackHandler,
  log: { recorder: CallbackRecorder; rt: Runtime },
): CallbackRoute {
  return {
    match: (p) => OAUTH_CALLBACK.test(p),
    handle: async (req, res, url) => {
      req.resume();
      const facts = webRequestFacts(log.recorder, log.rt, req, url);
      // match() admitted the path, so the slug is there; an empty one would name no account (404).
      const slug = OAUTH_CALLBACK.exec(url.pathname)?.[1] ?? '';
      let answer: WebAnswer;
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        answer = {
          status: 405,
          headers: { ...PAGE, allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' },
          body: 'method not allowed',
          outcome: 'rejected',
          reason: 'method_not_allowed',
          detail: `${req.method} on the OAuth callback`,
          slug,
        };
      } else if (req.method === 'HEAD') {
        // A HEAD (link checkers, prefetchers) must not spend the single-use state or the code.
        answer = {
          status: 200,
          headers: PAGE,
          body: '',
          outcome: 'ok',
          reason: 'acknowledged',
          detail: 'HEAD: nothing exchanged',
          slug,
        };
      } else {
        try {
          answer = { slug, ...(await handler.handleCallback(slug, url.searchParams, req)) };
        } catch (e) {
          console.error('[oauth] callback failed', e);
          answer = {
            status: 500,
            headers: PAGE,
            body: '<!doctype html><meta charset="utf-8"><h1>MPDesk</h1><p>内部错误，详见日志。 / Internal error; see the log.</p>',
            outcome: 'error',
            reason: 'internal_error',
            detail: `internal error: ${(e as Error)?.message ?? String(e)}`,
            slug,
          };
        }
      }
      answerLogged(log.recorder, res, facts, answer);
    },
  };
}
