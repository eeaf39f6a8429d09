/**
 * The web OAuth authorize URL (docs/wechat-protocol.md §8.2). WeChat matches the link with a strict
 * pattern, so the parameter order is fixed: appid, redirect_uri (fully percent-encoded),
 * response_type, scope, state, component_appid, then the mandatory `#wechat_redirect`.
 */
export type OAuthScope = 'snsapi_base' | 'snsapi_userinfo';

export interface AuthorizeUrlInput {
  appId: string;
  redirectUri: string;
  scope?: OAuthScope;
  /** Omitted when undefined (wechatpy); `state=` when '' (node-webot). Both work (§8.2). */
  state?: string;
  /** Third-party platform acting for the account (§11.6). */
  componentAppId?: string;
}

export const OAUTH_AUTHORIZE_BASE = 'https://open.weixin.qq.com/connect/oauth2/authorize';

export function buildAuthorizeUrl(input: AuthorizeUrlInput): string {
  let url =
    `${OAUTH_AUTHORIZE_BASE}?appid=${encodeURIComponent(input.appId)}` +
    `&redirect_uri=${encodeURIComponent(input.redirectUri)}` +
    `&response_type=code&scope=${input.scope ?? 'snsapi_base'}`;
  if (input.state !== undefined) url += `&state=${encodeURIComponent(input.state)}`;
  if (input.componentAppId !== undefined)
    url += `&component_appid=${encodeURIComponent(input.componentAppId)}`;
  return `${url}#wechat_redirect`;
}
