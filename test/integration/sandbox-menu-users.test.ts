import { describe, expect, it } from 'vitest';
import { APP, startSandbox, wx } from '../helpers/sandbox';
import { firstN, firstOf, itemAt } from '../helpers/indexed';

// Documented behaviour of §7 (menu) and §9 (users), asserted over plain HTTP.
const name = (bytes: number) => 'a'.repeat(bytes);

describe('sandbox: menu (§7)', () => {
  it('create / get / get_current_selfmenu_info / delete, sub-buttons wrapped as {list} in selfmenu', async () => {
    const { url } = await startSandbox();
    const w = wx(url);
    const t = await w.token();
    expect((await w.get('/cgi-bin/menu/get', { access_token: t })).errcode).toBe(46003);
    expect(await w.get('/cgi-bin/get_current_selfmenu_info', { access_token: t })).toEqual({
      is_menu_open: 0,
    });
    const menu = {
      button: [
        { type: 'click', name: '今日歌曲', key: 'V1001_TODAY' },
        {
          name: '菜单',
          sub_button: [
            { type: 'view', name: '搜索', url: 'https://www.soso.com/' },
            {
              type: 'miniprogram',
              name: 'wxa',
              url: 'https://mp.weixin.qq.com',
              appid: 'wx286b93c14bbf93aa',
              pagepath: 'pages/lunar/index',
            },
          ],
        },
      ],
    };
    expect(await w.post('/cgi-bin/menu/create', menu, { access_token: t })).toEqual({
      errcode: 0,
      errmsg: 'ok',
    });
    expect(await w.get('/cgi-bin/menu/get', { access_token: t })).toEqual({ menu });
    const cur = await w.get('/cgi-bin/get_current_selfmenu_info', { access_token: t });
    expect(cur.is_menu_open).toBe(1);
    expect(cur.selfmenu_info.button[1]).toEqual({
      name: '菜单',
      sub_button: { list: itemAt(menu.button, 1).sub_button },
    });
    expect(await w.get('/cgi-bin/menu/delete', { access_token: t })).toEqual({ errcode: 0, errmsg: 'ok' });
    expect((await w.get('/cgi-bin/menu/get', { access_token: t })).errcode).toBe(46003);
  });

  it.each([
    ['no buttons', { button: [] }, 40016],
    ['four top-level buttons', { button: Array(4).fill({ type: 'click', name: 'a', key: 'k' }) }, 40016],
    ['an unknown type', { button: [{ type: 'dance', name: 'a', key: 'k' }] }, 40017],
    [
      'a 17-byte top-level name (6 CJK chars = 18 bytes)',
      { button: [{ type: 'click', name: '六个汉字菜单', key: 'k' }] },
      40018,
    ],
    ['a click without key', { button: [{ type: 'click', name: 'a' }] }, 40019],
    ['a 129-byte key', { button: [{ type: 'click', name: 'a', key: name(129) }] }, 40019],
    ['a 1025-byte url', { button: [{ type: 'view', name: 'a', url: `https://a.com/${name(1011)}` }] }, 40020],
    [
      'six sub-buttons',
      { button: [{ name: 'm', sub_button: Array(6).fill({ type: 'click', name: 'a', key: 'k' }) }] },
      40023,
    ],
    ['an empty sub_button', { button: [{ name: 'm', sub_button: [] }] }, 40023],
    ['a bad sub-button type', { button: [{ name: 'm', sub_button: [{ type: 'x', name: 'a' }] }] }, 40024],
    [
      'a 61-byte sub name',
      { button: [{ name: 'm', sub_button: [{ type: 'click', name: name(61), key: 'k' }] }] },
      40025,
    ],
    [
      'a 129-byte sub key',
      { button: [{ name: 'm', sub_button: [{ type: 'click', name: 'a', key: name(129) }] }] },
      40026,
    ],
    [
      'a sub url that is not http(s)',
      { button: [{ name: 'm', sub_button: [{ type: 'view', name: 'a', url: 'ftp://x.com/' }] }] },
      40054,
    ],
    [
      'a top url that is not http(s)',
      { button: [{ type: 'view', name: 'a', url: 'javascript:alert(1)' }] },
      40055,
    ],
    ['media_id missing', { button: [{ type: 'media_id', name: 'a' }] }, 40007],
    [
      'four external domains',
      {
        button: [
          {
            name: 'm',
            sub_button: ['a', 'b', 'c', 'd'].map((d) => ({
              type: 'view',
              name: d,
              url: `https://${d}.example.com/`,
            })),
          },
        ],
      },
      65316,
    ],
  ])('rejects %s', async (_what, menu, errcode) => {
    const { url } = await startSandbox();
    const w = wx(url);
    const r = await w.post('/cgi-bin/menu/create', menu, { access_token: await w.token() });
    expect(r.errcode).toBe(errcode);
  });

  it('accepts the limits exactly: 16-byte top name, 60-byte sub name, 5 sub-buttons, 3 top buttons', async () => {
    const { url } = await startSandbox();
    const w = wx(url);
    const sub = Array.from({ length: 5 }, (_, i) => ({
      type: 'click',
      name: name(60),
      key: `k${i}`.padEnd(128, 'k'),
    }));
    const menu = {
      button: [
        { name: '五个汉字a', sub_button: sub },
        { type: 'click', name: name(16), key: 'k' },
        { type: 'click', name: 'c', key: 'k' },
      ],
    };
    expect(Buffer.byteLength('五个汉字a')).toBe(13);
    expect((await w.post('/cgi-bin/menu/create', menu, { access_token: await w.token() })).errcode).toBe(0);
  });
});

describe('sandbox: users (§9)', () => {
  it('user/get pages 10 000 at a time; past the end count is 0 and data is absent', async () => {
    const { url, platform } = await startSandbox();
    platform.generateFans(APP.appid, 25_000);
    const w = wx(url);
    const t = await w.token();
    const p1 = await w.get('/cgi-bin/user/get', { access_token: t });
    expect(p1).toMatchObject({ total: 25_000, count: 10_000 });
    expect(p1.data.openid).toHaveLength(10_000);
    expect(p1.next_openid).toBe(p1.data.openid[9_999]);
    const p2 = await w.get('/cgi-bin/user/get', { access_token: t, next_openid: p1.next_openid });
    const p3 = await w.get('/cgi-bin/user/get', { access_token: t, next_openid: p2.next_openid });
    expect([p2.count, p3.count]).toEqual([10_000, 5_000]);
    const all = new Set([...p1.data.openid, ...p2.data.openid, ...p3.data.openid]);
    expect(all.size).toBe(25_000);
    for (const id of all) expect(id).toMatch(/^o[A-Za-z0-9_-]{27}$/);
    const end = await w.get('/cgi-bin/user/get', { access_token: t, next_openid: p3.next_openid });
    expect(end.count).toBe(0);
    expect(end).not.toHaveProperty('data');
    expect((await w.get('/cgi-bin/user/get', { access_token: t, next_openid: 'nope' })).errcode).toBe(40003);
  });

  it('user/info: fields of §9, no nickname; a non-follower gets subscribe 0 only; unknown openid 40003', async () => {
    const { url, platform } = await startSandbox();
    platform.generateFans(APP.appid, 3);
    const [a, b] = firstN(platform.fans(APP.appid, 2), 2);
    platform.setSubscribed(APP.appid, b.openid, false);
    const w = wx(url);
    const t = await w.token();
    const info = await w.get('/cgi-bin/user/info', { access_token: t, openid: a.openid, lang: 'zh_CN' });
    expect(info).toMatchObject({
      subscribe: 1,
      openid: a.openid,
      subscribe_time: expect.any(Number),
      tagid_list: expect.any(Array),
      remark: '',
    });
    expect(info.subscribe_scene).toMatch(/^ADD_SCENE_/);
    expect(info).not.toHaveProperty('nickname');
    expect(await w.get('/cgi-bin/user/info', { access_token: t, openid: b.openid })).toEqual({
      subscribe: 0,
      openid: b.openid,
    });
    expect((await w.get('/cgi-bin/user/info', { access_token: t, openid: 'oNOPE' })).errcode).toBe(40003);
  });

  it('batchget takes 1-100 openids (40032 otherwise); remark is stored; tags/get counts 星标组', async () => {
    const { url, platform } = await startSandbox();
    platform.generateFans(APP.appid, 150);
    const fans = platform.fans(APP.appid, 101);
    const w = wx(url);
    const t = await w.token();
    const list = (n: number) => ({
      user_list: fans.slice(0, n).map((f) => ({ openid: f.openid, lang: 'zh_CN' })),
    });
    const ok = await w.post('/cgi-bin/user/info/batchget', list(100), { access_token: t });
    expect(ok.user_info_list).toHaveLength(100);
    expect((await w.post('/cgi-bin/user/info/batchget', list(101), { access_token: t })).errcode).toBe(40032);
    expect((await w.post('/cgi-bin/user/info/batchget', list(0), { access_token: t })).errcode).toBe(40032);
    const remark = await w.post(
      '/cgi-bin/user/info/updateremark',
      { openid: firstOf(fans).openid, remark: '老客户🌟' },
      { access_token: t },
    );
    expect(remark).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(
      (await w.get('/cgi-bin/user/info', { access_token: t, openid: firstOf(fans).openid })).remark,
    ).toBe('老客户🌟');
    expect(
      (await w.post('/cgi-bin/user/info/updateremark', { openid: 'oNOPE', remark: 'x' }, { access_token: t }))
        .errcode,
    ).toBe(40003);
    const tags = await w.get('/cgi-bin/tags/get', { access_token: t });
    expect(tags.tags[0]).toMatchObject({ id: 2, name: '星标组' });
    expect(tags.tags[0].count).toBeGreaterThan(0);
  });

  it('the fan generator writes CJK and emoji nicknames, deterministically', async () => {
    const a = await startSandbox();
    const b = await startSandbox();
    a.platform.generateFans(APP.appid, 500);
    b.platform.generateFans(APP.appid, 500);
    const fa = a.platform.fans(APP.appid, 500);
    expect(fa).toEqual(b.platform.fans(APP.appid, 500));
    expect(fa.some((f) => /\p{Script=Han}/u.test(f.nickname))).toBe(true);
    expect(fa.some((f) => /\p{Extended_Pictographic}/u.test(f.nickname))).toBe(true);
  });
});
