import type { ComponentTarget } from '../../api/component-client';
import type { SnsToken } from '../../api/types';
import type { ComponentParts } from './component-parts';

/**
 * Web OAuth on behalf of an authorizer (docs/wechat-protocol.md §11.6): the authorize link carries
 * the platform's component_appid, and the code is exchanged (and the web token refreshed) with the
 * platform's component_access_token instead of the account's AppSecret. What web OAuth
 * (services/oauth, its ComponentSnsPort) asks of the third-party platform feature.
 */
export function componentOauth(parts: ComponentParts, appIdOf: (accountId: string) => string) {
  const { platforms, tokens } = parts;
  const withToken = (
    platformId: string,
    accountId: string,
    call: (target: ComponentTarget, token: string, appid: string) => Promise<SnsToken>,
  ): Promise<SnsToken> => {
    const r = platforms.row(platformId);
    const appid = appIdOf(accountId);
    return tokens.withComponentToken(r, (token) => call({ ...platforms.target(r), accountId }, token, appid));
  };
  return {
    componentAppId(platformId: string, appid: string): string | null {
      const r = platforms.repo.get(platformId);
      return r && platforms.repo.authorizer(platformId, appid) ? r.componentAppId : null;
    },
    exchange: (platformId: string, accountId: string, code: string) =>
      withToken(platformId, accountId, (t, token, appid) =>
        platforms.d.client().snsAccessToken(t, token, appid, code),
      ),
    refresh: (platformId: string, accountId: string, refreshToken: string) =>
      withToken(platformId, accountId, (t, token, appid) =>
        platforms.d.client().snsRefreshToken(t, token, appid, refreshToken),
      ),
  };
}
