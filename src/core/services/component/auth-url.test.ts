import { describe, expect, it } from 'vitest';
import { buildComponentAuthUrl } from './auth-url';

/** docs/wechat-protocol.md §11.5: both pages, parameter order, redirect_uri fully encoded. */
describe('component authorization page URL', () => {
  const parts = {
    componentAppid: 'wxc0ffee0123456789',
    preAuthCode: 'preauthcode@@@abc',
    redirectUri: 'https://admin.example.com/cb?from=mpdesk&x=1',
    authType: 1,
  };

  it('PC: componentloginpage with auth_type and biz_appid', () => {
    expect(buildComponentAuthUrl('pc', { ...parts, bizAppid: 'wx570bc396a51b8ff8' })).toBe(
      'https://mp.weixin.qq.com/cgi-bin/componentloginpage?component_appid=wxc0ffee0123456789' +
        '&pre_auth_code=preauthcode%40%40%40abc' +
        '&redirect_uri=https%3A%2F%2Fadmin.example.com%2Fcb%3Ffrom%3Dmpdesk%26x%3D1&auth_type=1&biz_appid=wx570bc396a51b8ff8',
    );
  });

  it('mobile: bindcomponent with action, no_scan and #wechat_redirect; no biz_appid when not given', () => {
    expect(buildComponentAuthUrl('mobile', { ...parts, authType: 3 })).toBe(
      'https://open.weixin.qq.com/wxaopen/safe/bindcomponent?action=bindcomponent&no_scan=1' +
        '&component_appid=wxc0ffee0123456789&pre_auth_code=preauthcode%40%40%40abc' +
        '&redirect_uri=https%3A%2F%2Fadmin.example.com%2Fcb%3Ffrom%3Dmpdesk%26x%3D1&auth_type=3#wechat_redirect',
    );
  });

  it('the sandbox stand-in keeps the same query on its own host', () => {
    expect(buildComponentAuthUrl('pc', parts, 'http://127.0.0.1:5000/')).toMatch(
      /^http:\/\/127\.0\.0\.1:5000\/cgi-bin\/componentloginpage\?component_appid=wxc0ffee0123456789&/,
    );
  });
});
