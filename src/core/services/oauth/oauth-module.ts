import { oauthCallbackRoute } from '../../server/oauth-callback-route';
import type { AreaHandlers } from '../handler-types';
import { OauthCallback } from './oauth-callback';
import type { OauthDeps } from './oauth-deps';
import { OauthLinks } from './oauth-links';
import { OauthRepo } from './oauth-repo';
import { OauthSessions } from './oauth-sessions';

/** The `oauth.*` area of the contract: the link editor and the stored sessions. */
function oauthHandlers(links: OauthLinks, sessions: OauthSessions): AreaHandlers<'oauth.'> {
  return {
    'oauth.settings': ({ accountId }) => links.settings(accountId),
    'oauth.configure': ({ accountId, oauthDomain }) => links.configure(accountId, oauthDomain),
    'oauth.buildUrl': (input) => links.buildUrl(input),
    'oauth.inspectUrl': ({ url, accountId }) => links.inspectUrl(url, accountId),
    'oauth.sessions': (input) => sessions.list(input?.accountId, input?.limit),
    'oauth.refresh': ({ sessionId }) => sessions.refresh(sessionId),
    'oauth.userinfo': ({ sessionId, lang }) => sessions.userinfo(sessionId, lang),
    'oauth.validate': ({ sessionId }) => sessions.validate(sessionId),
    'oauth.deleteSession': ({ sessionId }) => sessions.deleteSession(sessionId),
  };
}

/**
 * Web OAuth (docs/wechat-protocol.md §8) as a core module: the `oauth.*` handlers and the
 * `/oauth/<slug>/callback` route WeChat's 302 lands on, ahead of the pipeline's catch-all.
 */
export function createOauthModule(d: OauthDeps) {
  const repo = new OauthRepo(d.db);
  const sessions = new OauthSessions(d, repo);
  return {
    handlers: oauthHandlers(new OauthLinks(d, repo), sessions),
    routes: [oauthCallbackRoute(new OauthCallback(d, repo, sessions))],
    start() {},
    stop() {},
  };
}
