import type { OauthRedirectIssue } from '../../../shared/api/areas/oauth';
import type { GatewayConfigRepo } from './gateway-config';
import type { GatewayKeys } from './gateway-keys';
import type { SessionClaims } from './session-cookie';
import type { TicketRepo } from './ticket-repo';

/** What the gateway and web OAuth share: the configuration, the keys and the tickets. */
export interface GatewayShared {
  config: GatewayConfigRepo;
  keys: GatewayKeys;
  tickets: TicketRepo;
}

/** A signed-in fan as the gateway passes them to the app. */
export interface SessionIdentity {
  sessionId: string;
  accountId: string;
  appId: string;
  openid: string;
  unionid: string | null;
  scope: string;
  nickname: string | null;
  headimgurl: string | null;
  /** The session's refresh token dies then (epoch ms): the cookie does not outlive it. */
  refreshExpiresAt: number;
}

/** What the gateway asks of web OAuth (services/oauth implements it; the gateway never imports it). */
export interface GatewaySignIn {
  /** The fan a cookie names, with the web token refreshed when it needs to be; null when the session is gone. */
  identity(claims: SessionClaims): SessionIdentity | null;
  /** A session by id (a ticket's). */
  identityOf(sessionId: string): SessionIdentity | null;
  /** Starts a sign-in (snsapi_base) that lands on `landing`; returns the authorize URL for the browser. */
  start(input: { accountId: string; landing: string; csrfHash: string; origin: string }): string;
  /** What is wrong with MPDesk's callback on `origin` for the account (its 网页授权域名, §8.1). */
  redirectIssues(accountId: string, origin: string): OauthRedirectIssue[];
}
