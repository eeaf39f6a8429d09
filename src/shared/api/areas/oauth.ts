import { z } from 'zod';
import { defineMethod } from '../define';
import { idSchema, type Bilingual } from './common';
import { oauthGatewayMethods, type OauthGatewayEvents } from './oauth-gateway';

/**
 * Web OAuth (网页授权, docs/wechat-protocol.md §8) for developers debugging H5 pages: the authorize-URL
 * editor, MPDesk's own callback `GET /oauth/<slug>/callback`, and the sessions it stored.
 * Web access tokens, refresh tokens and codes never travel in clear: only their last 4 characters.
 */
export const OAUTH_SCOPES = ['snsapi_base', 'snsapi_userinfo'] as const;
export type OauthScope = (typeof OAUTH_SCOPES)[number];

export const OAUTH_LANGS = ['zh_CN', 'zh_TW', 'en'] as const;

export const oauthFieldSchemas = {
  scope: z.enum(OAUTH_SCOPES, { error: 'validation.oauthScope' }),
  /** §8.2: `[a-zA-Z0-9]`, at most 128 bytes. */
  state: z.string().regex(/^[A-Za-z0-9]{1,128}$/, { error: 'validation.oauthState' }),
  redirectUri: z
    .string()
    .trim()
    .max(1024, { error: 'validation.tooLong' })
    .regex(/^https?:\/\/[^\s/?#]+[^\s#]*$/i, { error: 'validation.oauthRedirectUri' }),
  /** §8.1 网页授权域名: bare domain or domain + path; no scheme, IP or port. */
  oauthDomain: z
    .string()
    .trim()
    .toLowerCase()
    .regex(
      /^(?=.{1,253}(\/|$))([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?(\/[a-z0-9._~-]+)*\/?$/,
      { error: 'validation.oauthDomain' },
    )
    .transform((s) => s.replace(/\/+$/, '')),
};
const f = oauthFieldSchemas;

export const oauthBuildUrlSchema = z.strictObject({
  accountId: idSchema,
  scope: f.scope,
  /** Omitted: MPDesk's own callback on the public URL (tunnel) or else the local listener. */
  redirectUri: f.redirectUri.optional(),
  /** Omitted: a fresh random state. Either way it is issued (recorded) so the callback accepts it once. */
  state: f.state.optional(),
  /** The state this link replaces in the editor: withdrawn if still unused, so half-typed states do not linger. */
  previousState: f.state.optional(),
  /**
   * Where the fan goes after signing in: a path of the app behind MPDesk (`/grades`) or a URL whose
   * origin is on the gateway's allowlist (it gets a single-use ticket). Omitted: MPDesk's result page.
   */
  landing: z
    .string()
    .trim()
    .min(1, { error: 'validation.required' })
    .max(2048, { error: 'validation.tooLong' })
    .optional(),
  /** A named, fixed state (a state → page entry for menu links): accepted by every fan, never expires. */
  fixed: z.boolean().optional(),
  /** OAuth on behalf of the account by a third-party platform it authorized (§11.6): the platform's id. */
  componentId: idSchema.optional(),
});

/** How a redirect_uri fails WeChat's check against the account's 网页授权域名 (docs/wechat-protocol.md §8.1-§8.2). */
export type RedirectProblem =
  /** The redirect_uri is not an absolute http(s) URL. */
  | 'not_http'
  /** No 网页授权域名 known for the account: WeChat will check one we cannot see. */
  | 'no_domain'
  /** Host differs from the domain (WeChat answers 10003 on its page). */
  | 'host_mismatch'
  /** Host is a subdomain (or parent) of the domain: not covered (§8.1). */
  | 'subdomain'
  /** The domain has a path prefix the redirect_uri does not start with. */
  | 'path_mismatch'
  /** The host is an IP address: a 网页授权域名 cannot be one. */
  | 'ip_host'
  /** A port other than 80/443: a 网页授权域名 carries none. */
  | 'port'
  /** loopback / localhost: fine for the sandbox, unreachable from a phone. */
  | 'local_host'
  /** http instead of https (§8.2: should be https). */
  | 'not_https';

export type OauthRedirectProblem =
  | RedirectProblem
  /** The redirect_uri is not MPDesk's callback: your own server gets the code, MPDesk will not see it. */
  | 'not_ours'
  /** §8.1: saving the domain needs an MP_verify file served on it; MPDesk serves none for the account. */
  | 'verify_file'
  /** A fixed state without a landing page: its fans end on MPDesk's result page. */
  | 'fixed_no_landing';

export interface OauthRedirectIssue {
  problem: OauthRedirectProblem;
  /** `error`: WeChat will refuse the link (10003); `warn`: works only in some setups; `info`: advice. */
  severity: 'error' | 'warn' | 'info';
  message: Bilingual;
}

export interface OauthBuiltUrlDto {
  accountId: string;
  scope: OauthScope;
  redirectUri: string;
  /** `random`: one sign-in, expires; `fixed`: a named entry of the state → page map. */
  stateKind: 'random' | 'fixed';
  /** Where the callback sends the fan (as stored), or null for MPDesk's result page. */
  landing: string | null;
  /** The landing on the public URL, for a phone (QR code); null without a public URL or a path landing. */
  landingUrl: string | null;
  /** The platform's component_appid when a third-party platform acts for the account. */
  componentAppId: string | null;
  /** True when redirectUri is MPDesk's own callback (so MPDesk will see the code). */
  redirectIsOurs: boolean;
  state: string;
  /** The state expires (is no longer accepted by the callback) at this time. */
  stateExpiresAt: number;
  /** Exactly as §8.2: the link for WeChat (open it inside WeChat). */
  url: string;
  /** Sandbox accounts: the same link on the local sandbox platform, openable in any browser. */
  sandboxUrl: string | null;
  oauthDomain: string | null;
  /** What 网页授权域名 would allow this redirect_uri. */
  expectedDomain: string | null;
  issues: OauthRedirectIssue[];
}

/** An entry of the state → page map (fixed states, for menu links). */
export interface OauthFixedStateDto {
  accountId: string;
  state: string;
  scope: OauthScope;
  landing: string | null;
  redirectUri: string;
  componentId: string | null;
  createdAt: number;
}

export interface OauthSettingsDto {
  accountId: string;
  /** 网页授权域名 as configured on mp.weixin.qq.com (MPDesk only keeps a copy to check against). */
  oauthDomain: string | null;
  /** MPDesk's callback for this account on the public URL, when a tunnel/public URL is online. */
  publicRedirectUri: string | null;
  /** MPDesk's callback on the local listener. */
  localRedirectUri: string | null;
  /** What the editor uses when no redirect_uri is typed. */
  defaultRedirectUri: string | null;
  /** The domain a public URL implies (to paste as 网页授权域名). */
  publicOauthDomain: string | null;
  /** MP_verify files MPDesk serves for the account (§8.1: required to save the domain). */
  verifyFiles: string[];
  isSandbox: boolean;
}

export interface OauthUserInfoDto {
  openid: string;
  nickname: string;
  headimgurl: string;
  sex: number;
  province: string;
  city: string;
  country: string;
  privilege: string[];
  unionid?: string;
}

export interface OauthSessionDto {
  id: string;
  accountId: string;
  openid: string;
  unionid: string | null;
  /** The scope WeChat granted (from the code exchange). */
  scope: string;
  state: string;
  /** §8.3 is_snapshotuser=1: a virtual openid from the Moments snapshot page. */
  isSnapshotUser: boolean;
  nickname: string | null;
  headimgurl: string | null;
  userinfo: OauthUserInfoDto | null;
  /** Last 4 characters only, e.g. `…a1B2`. */
  accessTokenTail: string;
  refreshTokenTail: string;
  /** Web access_token expiry (7200 s after the exchange or the last refresh). */
  expiresAt: number;
  /** §8.4: the refresh token lives 30 days from the exchange and is not extended. */
  refreshExpiresAt: number;
  createdAt: number;
  updatedAt: number;
  refreshedAt: number | null;
  lastCheck: { at: number; valid: boolean; errcode: number | null } | null;
  /** The fan's last request through the gateway (a minute's precision), or null. */
  lastSeenAt: number | null;
}

export interface OauthErrorDto {
  /** WeChat's errcode, or null for our own checks (state). */
  errcode: number | null;
  errmsg: string;
  /**
   * `state_unknown`, `state_other_account`, `state_expired`, `state_used`, `csrf_mismatch`,
   * `landing_not_allowed`, `no_code`, `wechat_error`, `network`, `no_secret`, `component`.
   */
  kind: string;
  message: Bilingual;
  hint: Bilingual;
}

/** One callback request's outcome, as the screen shows it live. */
export interface OauthCallbackResultDto {
  accountId: string;
  at: number;
  state: string;
  outcome: 'ok' | 'replayed' | 'refused' | 'rejected' | 'failed';
  /** `…abcd`, or null when the request had no code. */
  codeTail: string | null;
  session: OauthSessionDto | null;
  error: OauthErrorDto | null;
}

export interface OauthValidateDto {
  sessionId: string;
  valid: boolean;
  errcode: number | null;
  errmsg: string;
  explanation: Bilingual | null;
  checkedAt: number;
}

/** An authorize link built elsewhere (the developer's own H5 code), checked against §8.2. */
export interface OauthInspectDto {
  problems: { code: string; severity: 'error' | 'warn' | 'info'; message: Bilingual }[];
  appId: string | null;
  /** Decoded. */
  redirectUri: string | null;
  scope: string | null;
  state: string | null;
  /** The same link built correctly; null when it already is, or cannot be rebuilt. */
  fixedUrl: string | null;
}

const sessionRef = z.strictObject({ sessionId: idSchema });

export const oauthMethods = {
  'oauth.settings': defineMethod<OauthSettingsDto>()(z.strictObject({ accountId: idSchema })),
  /** Keeps a copy of the account's 网页授权域名 (null clears it) to check redirect URIs against. */
  'oauth.configure': defineMethod<OauthSettingsDto>()(
    z.strictObject({ accountId: idSchema, oauthDomain: f.oauthDomain.nullable() }),
  ),
  /** Builds the §8.2 authorize URL and issues its state (unexpired, single use) for the callback. */
  'oauth.buildUrl': defineMethod<OauthBuiltUrlDto>()(oauthBuildUrlSchema),
  /** Stored sessions, newest first, tokens masked. */
  'oauth.sessions': defineMethod<OauthSessionDto[]>()(
    z
      .strictObject({ accountId: idSchema.optional(), limit: z.number().int().min(1).max(500).optional() })
      .optional(),
  ),
  /** §8.4 refresh_token flow. */
  'oauth.refresh': defineMethod<OauthSessionDto>()(sessionRef),
  /** §8.5 /sns/userinfo with the session's web token (snsapi_userinfo only; base answers 48001). */
  'oauth.userinfo': defineMethod<OauthSessionDto>()(
    z.strictObject({
      sessionId: idSchema,
      lang: z.enum(OAUTH_LANGS, { error: 'validation.enum' }).optional(),
    }),
  ),
  /** §8.6 /sns/auth: is the session's web token still valid? */
  'oauth.validate': defineMethod<OauthValidateDto>()(sessionRef),
  'oauth.deleteSession': defineMethod<{ sessionId: string }>()(sessionRef),
  /** The state → page map: the account's fixed states. */
  'oauth.states': defineMethod<OauthFixedStateDto[]>()(z.strictObject({ accountId: idSchema })),
  'oauth.deleteState': defineMethod<{ state: string }>()(
    z.strictObject({ accountId: idSchema, state: f.state }),
  ),
  ...oauthGatewayMethods,
  /** Checks an authorize link built by your own code (order, encoding, scope, state, fragment). */
  'oauth.inspectUrl': defineMethod<OauthInspectDto>()(
    z.strictObject({
      url: z.string().min(1, { error: 'validation.required' }).max(4096, { error: 'validation.tooLong' }),
      accountId: idSchema.optional(),
    }),
  ),
};

export interface OauthEvents extends OauthGatewayEvents {
  /** Every request to `/oauth/<slug>/callback`: a stored session, or why there is none. */
  'oauth.completed': OauthCallbackResultDto;
  /** A session changed (refresh, userinfo, validate) or was deleted (`session` null). */
  'oauth.sessionChanged': { sessionId: string; accountId: string; session: OauthSessionDto | null };
}
