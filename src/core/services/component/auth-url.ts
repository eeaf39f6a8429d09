/** The parameters of the §11.5 authorization page. */
export interface ComponentAuthUrlParts {
  componentAppid: string;
  preAuthCode: string;
  redirectUri: string;
  authType: number;
  bizAppid?: string;
}

export const COMPONENT_LOGIN_PAGE = 'https://mp.weixin.qq.com/cgi-bin/componentloginpage';
export const BIND_COMPONENT_PAGE = 'https://open.weixin.qq.com/wxaopen/safe/bindcomponent';

const enc = encodeURIComponent;

/**
 * docs/wechat-protocol.md §11.5, parameters in the documented order, redirect_uri fully encoded. `pc`:
 * componentloginpage (scan a QR code); `mobile`: bindcomponent opened inside WeChat (with
 * `#wechat_redirect`). `base` replaces mp.weixin.qq.com for the sandbox's stand-in page.
 */
export function buildComponentAuthUrl(
  kind: 'pc' | 'mobile',
  p: ComponentAuthUrlParts,
  base?: string,
): string {
  const biz = p.bizAppid ? `&biz_appid=${enc(p.bizAppid)}` : '';
  const common = `component_appid=${enc(p.componentAppid)}&pre_auth_code=${enc(p.preAuthCode)}&redirect_uri=${enc(p.redirectUri)}&auth_type=${p.authType}${biz}`;
  if (kind === 'pc') {
    const page = base ? `${base.replace(/\/+$/, '')}/cgi-bin/componentloginpage` : COMPONENT_LOGIN_PAGE;
    return `${page}?${common}`;
  }
  return `${BIND_COMPONENT_PAGE}?action=bindcomponent&no_scan=1&${common}#wechat_redirect`;
}
