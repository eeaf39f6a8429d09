import { describe, expect, it } from 'vitest';
import { inspectAuthorizeUrl } from './oauth-url-inspect';

const codes = (url: string, appId?: string) => inspectAuthorizeUrl(url, appId).problems.map((p) => p.code);

describe('inspecting an authorize link built elsewhere (§8.2)', () => {
  it('accepts the V8 links as they are', () => {
    const v8 =
      'https://open.weixin.qq.com/connect/oauth2/authorize?appid=appid&redirect_uri=http%3A%2F%2Fdiveintonode.org%2F&response_type=code&scope=snsapi_userinfo&state=hehe#wechat_redirect';
    expect(inspectAuthorizeUrl(v8)).toMatchObject({
      problems: [],
      appId: 'appid',
      redirectUri: 'http://diveintonode.org/',
      scope: 'snsapi_userinfo',
      state: 'hehe',
      fixedUrl: null,
    });
    expect(
      codes(
        'https://open.weixin.qq.com/connect/oauth2/authorize?appid=123456&redirect_uri=http%3A%2F%2Flocalhost&response_type=code&scope=snsapi_base&component_appid=456789#wechat_redirect',
      ),
    ).toEqual(['no_state']);
  });

  it('finds the usual mistakes and rebuilds the link correctly', () => {
    const bad =
      'https://open.weixin.qq.com/connect/oauth2/authorize?redirect_uri=https://h5.example.com/cb?x=1&appid=wx0123456789abcdef&scope=snsapi_login&response_type=token&state=a-b';
    const r = inspectAuthorizeUrl(bad, 'wx1111111111111111');
    expect(r.problems.map((p) => p.code)).toEqual([
      'order',
      'encoding',
      'response_type',
      'scope',
      'state',
      'fragment',
      'appid',
    ]);
    expect(r.problems.find((p) => p.code === 'order')!.message.zh).toContain('该链接无法访问');
    expect(r.fixedUrl).toBe(
      'https://open.weixin.qq.com/connect/oauth2/authorize?appid=wx0123456789abcdef&redirect_uri=https%3A%2F%2Fh5.example.com%2Fcb%3Fx%3D1&response_type=code&scope=snsapi_base&state=a-b#wechat_redirect',
    );
  });

  it('names a wrong endpoint, missing parameters and non-URLs', () => {
    expect(codes('https://open.weixin.qq.com/connect/qrconnect?appid=a#wechat_redirect')).toEqual([
      'endpoint',
      'missing_redirect_uri',
      'missing_response_type',
      'missing_scope',
      'no_state',
    ]);
    expect(codes('not a url')).toEqual(['not_url']);
  });
});
