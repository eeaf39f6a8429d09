import { describe, expect, it } from 'vitest';
import type { OauthCallbackResultDto, OauthSessionDto } from '../../../shared/api/areas/oauth';
import { renderCallbackPage } from './oauth-page';
import { stateError, wechatError } from './oauth-texts';

const session: OauthSessionDto = {
  id: 's1',
  accountId: 'a1',
  openid: 'oABC',
  unionid: null,
  scope: 'snsapi_userinfo',
  state: 'S1',
  isSnapshotUser: false,
  nickname: '<img src=x onerror=alert(1)>"小明"&🐱',
  headimgurl: null,
  userinfo: null,
  accessTokenTail: '…abcd',
  refreshTokenTail: '…efgh',
  expiresAt: Date.UTC(2026, 0, 1),
  refreshExpiresAt: Date.UTC(2026, 0, 31),
  createdAt: 0,
  updatedAt: 0,
  refreshedAt: null,
  lastCheck: null,
  lastSeenAt: null,
};
const base: OauthCallbackResultDto = {
  accountId: 'a1',
  at: 0,
  state: 'S1',
  outcome: 'ok',
  codeTail: '…wxyz',
  session,
  error: null,
};

describe('the callback page', () => {
  it('escapes everything that came from WeChat or the request', () => {
    const html = renderCallbackPage(base, '<b>号</b>');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;&quot;小明&quot;&amp;🐱');
    expect(html).toContain('&lt;b&gt;号&lt;/b&gt;');
    expect(html).toContain('<meta name="referrer" content="no-referrer">');
  });

  it('names the CSRF risk of a mismatched state in both languages', () => {
    const html = renderCallbackPage(
      { ...base, outcome: 'rejected', session: null, error: stateError('state_unknown') },
      'A',
    );
    expect(html).toContain('data-outcome="rejected"');
    expect(html).toContain('CSRF');
    expect(html).toContain('跨站请求伪造');
    expect(html).toContain('回调被拒绝');
    expect(html).toContain('Callback rejected');
  });

  it('explains 40029, 40163 and 40125 in both languages, errmsg shown, no stack', () => {
    for (const [code, zh, en] of [
      [40029, '5 分钟', '5 minutes'],
      [40163, '只能换一次', 'exchanged once'],
      [40125, 'AppSecret', 'AppSecret'],
    ] as const) {
      const html = renderCallbackPage(
        { ...base, outcome: 'failed', session: null, error: wechatError(code, `oops rid: 1234`) },
        'A',
      );
      expect(html).toContain(`errcode ${code}`);
      expect(html).toContain(zh);
      expect(html).toContain(en);
      expect(html).toContain('oops rid: 1234');
      expect(html).not.toMatch(/\n\s+at /);
    }
  });
});
