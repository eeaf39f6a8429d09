import { oauthCallbackRoute } from '../../server/oauth-callback-route';
import type { AreaHandlers } from '../handler-types';
import { OauthCallback } from './oauth-callback';
import type { FanProfilePort, OauthDeps } from './oauth-deps';
import { OauthLinks } from './oauth-links';
import { OauthRepo } from './oauth-repo';
import { OauthSessionRepo } from './oauth-session-repo';
import { OauthSessions } from './oauth-sessions';
import { OauthSignIn } from './oauth-signin';

type OauthOwnMethods = Exclude<
  keyof AreaHandlers<'oauth.'>,
  'oauth.gateway' | 'oauth.configureGateway' | 'oauth.rotateGatewayKey'
>;

/** The `oauth.*` area of the contract but the gateway's own (services/oauth-gateway). */
function oauthHandlers(
  links: OauthLinks,
  sessions: OauthSessions,
): Pick<AreaHandlers<'oauth.'>, OauthOwnMethods> {
  return {
    'oauth.settings': ({ accountId }) => links.settings(accountId),
    'oauth.configure': ({ accountId, oauthDomain }) => links.configure(accountId, oauthDomain),
    'oauth.buildUrl': (input) => links.buildUrl(input),
    'oauth.inspectUrl': ({ url, accountId }) => links.inspectUrl(url, accountId),
    'oauth.states': ({ accountId }) => links.fixedStates(accountId),
    'oauth.deleteState': ({ accountId, state }) => links.deleteFixedState(accountId, state),
    'oauth.sessions': (input) => sessions.list(input?.accountId, input?.limit),
    'oauth.refresh': ({ sessionId }) => sessions.refresh(sessionId),
    'oauth.userinfo': ({ sessionId, lang }) => sessions.userinfo(sessionId, lang),
    'oauth.validate': ({ sessionId }) => sessions.validate(sessionId),
    'oauth.deleteSession': ({ sessionId }) => sessions.deleteSession(sessionId),
  };
}

/** Today's store of fans' profiles: the sessions themselves (a session with userinfo is a known profile). */
const sessionProfiles = (repo: OauthSessionRepo): FanProfilePort => ({
  known: (accountId, openid) => repo.hasProfile(accountId, openid),
  // The session already holds the profile it came with.
  onProfile: () => {},
});

/**
 * Web OAuth (docs/wechat-protocol.md §8) as a core module: the `oauth.*` handlers, the
 * `/oauth/<slug>/callback` route WeChat's 302 lands on (logged, ahead of the pipeline's catch-all),
 * and `signIn`, the gateway's port into it (services/oauth-gateway).
 *
 * `profiles` answers whether a fan's profile is known (the seed flow asks snsapi_userinfo only
 * for unknown fans): without one given, the sessions are the store. The fans table takes the same
 * profiles from the `oauth.completed` / `oauth.sessionChanged` events (services/fans/fans-module.ts);
 * since 2021 user/info carries no nickname, so a session is the only source of one either way.
 */
export function createOauthModule(d: OauthDeps) {
  const repo = new OauthRepo(d.db);
  const sessionRepo = new OauthSessionRepo(d.db);
  const profiles = d.profiles ?? sessionProfiles(sessionRepo);
  const deps: OauthDeps = { ...d, profiles };
  const sessions = new OauthSessions(deps, sessionRepo);
  const links = new OauthLinks(deps, repo);
  const signIn = new OauthSignIn(deps, links, sessions, sessionRepo, profiles);
  return {
    handlers: oauthHandlers(links, sessions),
    routes: [
      oauthCallbackRoute(new OauthCallback(deps, repo, sessions, signIn), { recorder: d.recorder, rt: d.rt }),
    ],
    signIn,
    profiles,
    /** The account's 网页授权域名 as recorded (the menu validator checks OAuth links against it). */
    oauthDomainOf: (accountId: string) => repo.domain(accountId),
    start() {
      links.syncSandboxDomains();
    },
    stop() {},
  };
}
