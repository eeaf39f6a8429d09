import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MenuDto } from '../../shared/api/areas/menu';
import { displayUnits, toWireMenu, utf8Bytes, validateMenu } from './menu-validate';
import { buildAuthorizeUrl } from './oauth-url';

const codes = (m: MenuDto) => validateMenu(m).map((i) => [i.path, i.errcode]);

describe('validateMenu (docs/wechat-protocol.md §7.2)', () => {
  it('accepts the reference example menu', () => {
    const menu: MenuDto = {
      button: [
        { type: 'click', name: 'Today', key: 'V1001_TODAY' },
        {
          name: 'More',
          sub_button: [
            { type: 'view', name: 'Site', url: 'https://example.com/' },
            {
              type: 'miniprogram',
              name: 'App',
              url: 'https://example.com/f',
              appid: 'wx0000000000000000',
              pagepath: 'pages/index/index',
            },
            { type: 'scancode_waitmsg', name: 'Scan', key: 'rselfmenu_0_0' },
            { type: 'location_select', name: 'Where', key: 'rselfmenu_2_0' },
            { type: 'article_id', name: 'Post', article_id: 'ARTICLE_ID' },
          ],
        },
      ],
    };
    expect(validateMenu(menu)).toEqual([]);
  });

  it('counts names in UTF-8 bytes: 5 Chinese characters fit the top level (15 bytes), 6 do not', () => {
    expect(utf8Bytes('今日歌曲')).toBe(12);
    expect(utf8Bytes('😀')).toBe(4);
    const top = (name: string) => codes({ button: [{ type: 'click', name, key: 'k' }] });
    expect(top('一二三四五').filter(([, c]) => c !== 0)).toEqual([]);
    expect(top('一二三四五六')).toEqual([['button.0.name', 40018]]);
    expect(top('abcdefghijklmnop').filter(([, c]) => c !== 0)).toEqual([]);
    expect(top('abcdefghijklmnopq')).toEqual([['button.0.name', 40018]]);
    expect(top('')).toEqual([['button.0.name', 40018]]);
  });

  it('warns (no errcode) when the client would truncate a name that WeChat accepts', () => {
    expect(displayUnits('一二三四五')).toBe(10);
    const issues = validateMenu({ button: [{ type: 'click', name: '一二三四五', key: 'k' }] });
    expect(issues).toMatchObject([{ path: 'button.0.name', severity: 'warning', errcode: 0 }]);
  });

  it('reports every problem with its path and the sub-button errcodes', () => {
    const long = 'x'.repeat(129);
    const menu: MenuDto = {
      button: [
        {
          name: '菜单',
          sub_button: [
            { type: 'click', name: 'a', key: long },
            { type: 'view', name: 'b', url: 'ftp://x' },
            { type: 'nope', name: 'c' },
            { type: 'view', name: 'd'.repeat(61), url: 'https://a.example/' },
            { type: 'media_id', name: 'e' },
          ],
        },
        { name: 'Empty', sub_button: [] },
        { type: 'view', name: 'Top', url: '' },
      ],
    };
    expect(codes(menu)).toEqual([
      ['button.0.sub_button.0.key', 40026],
      ['button.0.sub_button.1.url', 40054],
      ['button.0.sub_button.2.type', 40024],
      ['button.0.sub_button.3.name', 40025],
      ['button.0.sub_button.4.media_id', 40007],
      ['button.1.sub_button', 40023],
      ['button.2.url', 40020],
    ]);
  });

  it('limits counts: 1-3 top-level, 1-5 sub-buttons, 3 external domains', () => {
    const leaf = (i: number) => ({ type: 'click', name: `b${i}`, key: `k${i}` });
    expect(codes({ button: [] })).toEqual([['button', 40016]]);
    expect(codes({ button: [0, 1, 2, 3].map(leaf) })).toEqual([['button', 40016]]);
    expect(codes({ button: [{ name: 'm', sub_button: [0, 1, 2, 3, 4, 5].map(leaf) }] })).toEqual([
      ['button.0.sub_button', 40023],
    ]);
    const view = (h: string) => ({ type: 'view', name: h, url: `https://${h}.example/` });
    expect(codes({ button: [{ name: 'm', sub_button: ['a', 'b', 'c', 'd'].map(view) }] })).toEqual([
      ['button', 65316],
    ]);
  });

  it('flags a duplicate CLICK key as a warning and missing miniprogram fields as errors', () => {
    const issues = validateMenu({
      button: [
        { type: 'click', name: 'a', key: 'K' },
        { type: 'click', name: 'b', key: 'K' },
        { type: 'miniprogram', name: 'c', url: 'https://x.example/' },
      ],
    });
    expect(issues.map((i) => [i.path, i.severity])).toEqual([
      ['button.1.key', 'warning'],
      ['button.2.appid', 'error'],
      ['button.2.pagepath', 'error'],
    ]);
  });

  it('sends containers as name + sub_button only and drops fields a type does not use', () => {
    expect(
      toWireMenu({
        button: [
          {
            type: 'click',
            name: 'C',
            key: 'x',
            url: 'https://stale/',
            sub_button: [{ type: 'view', name: 'v', url: 'https://a/', key: 'old' }],
          },
          { type: 'click', name: 'L', key: 'k', sub_button: [] },
        ],
      }),
    ).toEqual({
      button: [
        { name: 'C', sub_button: [{ type: 'view', name: 'v', url: 'https://a/' }] },
        { type: 'click', name: 'L', key: 'k' },
      ],
    });
  });

  it('checks web OAuth links inside view buttons (§8.2): order, encoding, #wechat_redirect, the 网页授权域名', () => {
    const good = buildAuthorizeUrl({
      appId: 'wx1111111111111111',
      redirectUri: 'https://wx.example.com/oauth/shop/callback',
      scope: 'snsapi_base',
      state: 'grades',
    });
    const wrongOrder =
      'https://open.weixin.qq.com/connect/oauth2/authorize?redirect_uri=https%3A%2F%2Fwx.example.com%2Fcb&appid=wx1111111111111111&response_type=code&scope=snsapi_base&state=a#wechat_redirect';
    const notEncoded =
      'https://open.weixin.qq.com/connect/oauth2/authorize?appid=wx1111111111111111&redirect_uri=https://wx.example.com/cb&response_type=code&scope=snsapi_base&state=a#wechat_redirect';
    const noFragment = good.replace('#wechat_redirect', '');
    const elsewhere = buildAuthorizeUrl({
      appId: 'wx1111111111111111',
      redirectUri: 'https://pay.example.com/cb',
      state: 'a',
    });
    const menu: MenuDto = {
      button: [
        { type: 'view', name: 'A', url: good },
        {
          name: 'More',
          sub_button: [
            { type: 'view', name: 'B', url: wrongOrder },
            { type: 'view', name: 'C', url: notEncoded },
            { type: 'view', name: 'D', url: noFragment },
            { type: 'view', name: 'E', url: elsewhere },
          ],
        },
      ],
    };
    const issues = validateMenu(menu, { appId: 'wx1111111111111111', oauthDomain: 'wx.example.com' });
    expect(issues.map((i) => [i.path, i.key, i.severity, i.errcode])).toEqual([
      ['button.1.sub_button.0.url', 'validation.menuOauthLink', 'warning', 0],
      ['button.1.sub_button.1.url', 'validation.menuOauthLink', 'warning', 0],
      ['button.1.sub_button.2.url', 'validation.menuOauthLink', 'warning', 0],
      ['button.1.sub_button.3.url', 'validation.menuOauthDomain', 'warning', 10003],
    ]);
    // Without the account's domain there is nothing to check it against; links elsewhere are not OAuth.
    expect(validateMenu(menu).map((i) => i.key)).not.toContain('validation.menuOauthDomain');
    expect(
      validateMenu({ button: [{ type: 'view', name: 'X', url: 'https://example.com/?a=1&redirect_uri=x' }] }),
    ).toEqual([]);
  });

  it('never throws and only reports known errcodes on arbitrary menus', () => {
    const btn = fc.record(
      {
        type: fc.constantFrom('click', 'view', 'miniprogram', 'media_id', 'bogus'),
        name: fc.string(),
        key: fc.string(),
        url: fc.string(),
      },
      { requiredKeys: ['name'] },
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            name: fc.string(),
            type: fc.constant('click'),
            key: fc.string(),
            sub_button: fc.option(fc.array(btn, { maxLength: 7 }), { nil: undefined }),
          }),
          { maxLength: 5 },
        ),
        (button) => {
          for (const i of validateMenu({ button })) {
            expect([
              0, 10003, 40007, 40016, 40017, 40018, 40019, 40020, 40023, 40024, 40025, 40026, 40027, 40054,
              40055, 65316,
            ]).toContain(i.errcode);
            expect(i.path).toMatch(/^button(\.\d+(\.sub_button(\.\d+)?)?(\.\w+)?)?$/);
          }
        },
      ),
    );
  });
});
