import { describe, expect, it } from 'vitest';
import { buildAuthorizeUrl } from './oauth-url';

describe('OAuth authorize URL (§8.2, V8)', () => {
  it('node-webot: empty state is written as state=', () => {
    expect(buildAuthorizeUrl({ appId: 'appid', redirectUri: 'http://diveintonode.org/', state: '' })).toBe(
      'https://open.weixin.qq.com/connect/oauth2/authorize?appid=appid&redirect_uri=http%3A%2F%2Fdiveintonode.org%2F&response_type=code&scope=snsapi_base&state=#wechat_redirect',
    );
  });

  it('node-webot: state hehe with snsapi_userinfo', () => {
    expect(
      buildAuthorizeUrl({
        appId: 'appid',
        redirectUri: 'http://diveintonode.org/',
        state: 'hehe',
        scope: 'snsapi_userinfo',
      }),
    ).toBe(
      'https://open.weixin.qq.com/connect/oauth2/authorize?appid=appid&redirect_uri=http%3A%2F%2Fdiveintonode.org%2F&response_type=code&scope=snsapi_userinfo&state=hehe#wechat_redirect',
    );
  });

  it('wechatpy: no state at all', () => {
    expect(buildAuthorizeUrl({ appId: '123456', redirectUri: 'http://localhost' })).toBe(
      'https://open.weixin.qq.com/connect/oauth2/authorize?appid=123456&redirect_uri=http%3A%2F%2Flocalhost&response_type=code&scope=snsapi_base#wechat_redirect',
    );
  });

  it('wechatpy component: component_appid before the fragment', () => {
    expect(
      buildAuthorizeUrl({ appId: '123456', redirectUri: 'http://localhost', componentAppId: '456789' }),
    ).toBe(
      'https://open.weixin.qq.com/connect/oauth2/authorize?appid=123456&redirect_uri=http%3A%2F%2Flocalhost&response_type=code&scope=snsapi_base&component_appid=456789#wechat_redirect',
    );
  });

  it('encodes ?, = and & inside the redirect URI', () => {
    expect(buildAuthorizeUrl({ appId: 'a', redirectUri: 'https://x.cn/cb?a=1&b=2' })).toContain(
      'redirect_uri=https%3A%2F%2Fx.cn%2Fcb%3Fa%3D1%26b%3D2&',
    );
  });
});
