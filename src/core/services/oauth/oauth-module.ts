import { oauthCallbackRoute } from '../../server/oauth-callback-route';
import type { AreaHandlers } from '../handler-types';
import { OauthService, type OauthServiceDeps } from './oauth-service';

/** The `oauth.*` area of the contract, on the OAuth service. */
export function oauthHandlers(s: OauthService): AreaHandlers<'oauth.'> {
  return {
    'oauth.settings': ({ accountId }) => s.settings(accountId),
    'oauth.configure': ({ accountId, oauthDomain }) => s.configure(accountId, oauthDomain),
    'oauth.buildUrl': (input) => s.buildUrl(input),
    'oauth.sessions': (input) => s.sessions(input?.accountId, input?.limit),
    'oauth.refresh': ({ sessionId }) => s.refresh(sessionId),
    'oauth.userinfo': ({ sessionId, lang }) => s.userinfo(sessionId, lang),
    'oauth.validate': ({ sessionId }) => s.validate(sessionId),
    'oauth.deleteSession': ({ sessionId }) => s.deleteSession(sessionId),
    'oauth.inspectUrl': ({ url, accountId }) => s.inspectUrl(url, accountId),
  };
}

/**
 * Web OAuth (docs/wechat-protocol.md §8) as a core module: the `oauth.*` handlers and the
 * `/oauth/<slug>/callback` route WeChat's 302 lands on, ahead of the pipeline's catch-all.
 */
export function createOauthModule(d: OauthServiceDeps) {
  const service = new OauthService(d);
  return {
    service,
    handlers: oauthHandlers(service),
    routes: [oauthCallbackRoute(service)],
    start() {},
    stop() {},
  };
}
