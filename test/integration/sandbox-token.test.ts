import { describe, expect, it } from 'vitest';
import { APP, startSandbox, wx } from '../helpers/sandbox';

// The sandbox's documented behaviour, asserted over plain HTTP (not through MPDesk's client), so the
// client and the sandbox cannot share a misunderstanding of docs/wechat-protocol.md §5/§6/§12 unnoticed.
const MIN = 60_000;

describe('sandbox: access_token (§5)', () => {
  it('cgi-bin/token returns {access_token, expires_in: 7200}; errors 40002, 40013, 40125', async () => {
    const { url } = await startSandbox();
    const w = wx(url);
    const ok = await w.get('/cgi-bin/token', {
      grant_type: 'client_credential',
      appid: APP.appid,
      secret: APP.secret,
    });
    expect(ok).toEqual({ access_token: expect.any(String), expires_in: 7200 });
    expect(ok.access_token.length).toBeGreaterThanOrEqual(64);
    expect(
      (await w.get('/cgi-bin/token', { grant_type: 'password', appid: APP.appid, secret: APP.secret }))
        .errcode,
    ).toBe(40002);
    expect(
      (
        await w.get('/cgi-bin/token', {
          grant_type: 'client_credential',
          appid: 'wx0000000000000000',
          secret: APP.secret,
        })
      ).errcode,
    ).toBe(40013);
    const bad = await w.get('/cgi-bin/token', {
      grant_type: 'client_credential',
      appid: APP.appid,
      secret: 'x'.repeat(32),
    });
    expect(bad.errcode).toBe(40125);
    // §0: errmsg carries a suffix; never compare it for equality.
    expect(bad.errmsg).toMatch(/^invalid appsecret rid: /);
  });

  it('a new cgi-bin/token supersedes the old one: both work for 5 min, then the old one is 40001', async () => {
    const { url, clock } = await startSandbox();
    const w = wx(url);
    const first = await w.token();
    const second = await w.token();
    expect(second).not.toBe(first);
    expect(await w.get('/cgi-bin/getcallbackip', { access_token: first })).toHaveProperty('ip_list');
    clock.advance(5 * MIN + 1);
    expect((await w.get('/cgi-bin/getcallbackip', { access_token: first })).errcode).toBe(40001);
    expect(await w.get('/cgi-bin/getcallbackip', { access_token: second })).toHaveProperty('ip_list');
  });

  it('tokens expire: 42001 after expires_in; 41001 without a token', async () => {
    const { url, clock } = await startSandbox();
    const w = wx(url);
    const t = await w.token();
    clock.advance(7200 * 1000);
    expect((await w.get('/cgi-bin/getcallbackip', { access_token: t })).errcode).toBe(42001);
    expect((await w.get('/cgi-bin/getcallbackip')).errcode).toBe(41001);
  });

  it('stable_token: the same token while valid, independent of cgi-bin/token, renewed in its last 5 min', async () => {
    const { url, clock } = await startSandbox();
    const w = wx(url);
    const body = {
      grant_type: 'client_credential',
      appid: APP.appid,
      secret: APP.secret,
      force_refresh: false,
    };
    const a = await w.post('/cgi-bin/stable_token', body);
    clock.advance(10 * MIN);
    const b = await w.post('/cgi-bin/stable_token', body);
    expect(b.access_token).toBe(a.access_token);
    expect(b.expires_in).toBe(7200 - 600);
    await w.token();
    await w.token();
    clock.advance(6 * MIN);
    // cgi-bin/token does not invalidate a stable token (§5.2 isolation).
    expect(await w.get('/cgi-bin/getcallbackip', { access_token: a.access_token })).toHaveProperty('ip_list');
    clock.advance(7200 * 1000 - 16 * MIN - 4 * MIN);
    const renewed = await w.post('/cgi-bin/stable_token', body);
    expect(renewed.access_token).not.toBe(a.access_token);
    // The old one still works until it expires.
    expect(await w.get('/cgi-bin/getcallbackip', { access_token: a.access_token })).toHaveProperty('ip_list');
    expect((await w.post('/cgi-bin/stable_token', { ...body, grant_type: 'x' })).errcode).toBe(40002);
  });

  it('stable_token force_refresh invalidates the previous token at once; a second force within 30 s does nothing', async () => {
    const { url, clock } = await startSandbox();
    const w = wx(url);
    const body = { grant_type: 'client_credential', appid: APP.appid, secret: APP.secret };
    const a = await w.post('/cgi-bin/stable_token', body);
    clock.advance(MIN);
    const b = await w.post('/cgi-bin/stable_token', { ...body, force_refresh: true });
    expect(b.access_token).not.toBe(a.access_token);
    expect((await w.get('/cgi-bin/getcallbackip', { access_token: a.access_token })).errcode).toBe(40001);
    clock.advance(10_000);
    const c = await w.post('/cgi-bin/stable_token', { ...body, force_refresh: true });
    expect(c.access_token).toBe(b.access_token);
  });

  it('IP whitelist: 40164 naming the caller IP, on token fetch and on API calls', async () => {
    const { url, platform } = await startSandbox();
    const w = wx(url);
    const t = await w.token();
    platform.setIpWhitelist(APP.appid, ['10.1.2.3']);
    const r = await w.get('/cgi-bin/token', {
      grant_type: 'client_credential',
      appid: APP.appid,
      secret: APP.secret,
    });
    expect(r.errcode).toBe(40164);
    expect(r.errmsg).toMatch(/^invalid ip 127\.0\.0\.1 ipv6 ::ffff:127\.0\.0\.1, not in whitelist/);
    expect((await w.get('/cgi-bin/menu/get', { access_token: t })).errcode).toBe(40164);
    platform.setIpWhitelist(APP.appid, ['127.0.0.1']);
    expect((await w.get('/cgi-bin/menu/get', { access_token: t })).errcode).toBe(46003);
  });

  it('daily quotas: 45009 past the limit, reset on the next China day (§12)', async () => {
    const { url, platform, clock } = await startSandbox();
    const w = wx(url);
    platform.setQuota(APP.appid, 'token', 2);
    await w.token();
    await w.token();
    const r = await w.get('/cgi-bin/token', {
      grant_type: 'client_credential',
      appid: APP.appid,
      secret: APP.secret,
    });
    expect(r.errcode).toBe(45009);
    clock.advance(24 * 60 * MIN);
    expect(await w.token()).toEqual(expect.any(String));
  });

  it('the wrong HTTP method gets 43001/43002; malformed JSON 47001; empty POST 44002', async () => {
    const { url } = await startSandbox();
    const w = wx(url);
    expect((await w.get('/cgi-bin/stable_token')).errcode).toBe(43002);
    expect((await w.post('/cgi-bin/token', {})).errcode).toBe(43001);
    expect((await w.post('/cgi-bin/stable_token', '{not json')).errcode).toBe(47001);
    expect((await w.post('/cgi-bin/stable_token', '')).errcode).toBe(44002);
  });
});
