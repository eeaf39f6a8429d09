/**
 * MPDesk as an OAuth gateway in front of the developer's H5 app (docs/architecture.md §3): pure
 * units (landing, cookies, the assertion, identity headers, the proxy decision, pages), the stores
 * (configuration, keys, tickets) and the module (endpoints and the reverse proxy).
 */
export { createOauthGatewayModule, type OauthGatewayModule } from './gateway-module';
export type { GatewayShared, GatewaySignIn, SessionIdentity } from './gateway-ports';
export { parseLanding, normalizeOrigin, type Landing } from './landing';
export {
  readCookies,
  sealSession,
  sessionCookieName,
  sessionFromCookies,
  setCookie,
  slidingClaims,
  type SessionClaims,
} from './session-cookie';
export { csrfBinding, csrfOfCookies } from './csrf';
export { browserOrigin, type BrowserOrigin } from './request-origin';
export { pickLang, renderGatewayPage, type PageLang } from './gateway-pages';
export { GATEWAY_TEXTS } from './gateway-texts';
