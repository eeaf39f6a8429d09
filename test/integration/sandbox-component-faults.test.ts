import { describe, expect, it } from 'vitest';
import { APP, startSandbox, wx } from '../helpers/sandbox';

// Documented behaviour of §11.4/§11.5 (component) and the sandbox's fault injection, over plain HTTP.
const COMPONENT = { appid: 'wxc0c0c0c0c0c0c0c0', secret: 'C'.repeat(32) };
const HOUR = 3_600_000;

async function platformToken(url: string, ticket: string) {
  return wx(url).post('/cgi-bin/component/api_component_token', {
    component_appid: COMPONENT.appid,
    component_appsecret: COMPONENT.secret,
    component_verify_ticket: ticket,
  });
}

describe('sandbox: third-party platform (§11.4)', () => {
  it('ticket → component token → pre_auth_code → authorization page → query_auth → authorizer token, whose token calls APIs', async () => {
    const { url, platform } = await startSandbox();
    platform.createComponent(COMPONENT.appid, COMPONENT.secret);
    platform.generateFans(APP.appid, 3);
    const w = wx(url);
    const ticket = platform.pushVerifyTicket(COMPONENT.appid);
    const ct = await platformToken(url, ticket);
    expect(ct).toEqual({ component_access_token: expect.any(String), expires_in: 7200 });
    const q = { component_access_token: ct.component_access_token };
    const pre = await w.post(
      '/cgi-bin/component/api_create_preauthcode',
      { component_appid: COMPONENT.appid },
      q,
    );
    expect(pre).toEqual({ pre_auth_code: expect.stringMatching(/^preauthcode@@@/), expires_in: 1800 });
    const page = await w.get('/cgi-bin/componentloginpage', {
      component_appid: COMPONENT.appid,
      pre_auth_code: pre.pre_auth_code,
      redirect_uri: 'https://platform.example.com/auth/cb',
      auth_type: '1',
      biz_appid: APP.appid,
    });
    const back = new URL(page.redirect);
    expect(back.searchParams.get('expires_in')).toBe('600');
    const authCode = back.searchParams.get('auth_code')!;
    const auth = await w.post(
      '/cgi-bin/component/api_query_auth',
      { component_appid: COMPONENT.appid, authorization_code: authCode },
      q,
    );
    expect(auth.authorization_info).toMatchObject({
      authorizer_appid: APP.appid,
      authorizer_access_token: expect.any(String),
      expires_in: 7200,
      authorizer_refresh_token: expect.any(String),
    });
    expect(auth.authorization_info.func_info[0]).toEqual({ funcscope_category: { id: 1 } });
    // The code is single-use.
    expect(
      (
        await w.post(
          '/cgi-bin/component/api_query_auth',
          { component_appid: COMPONENT.appid, authorization_code: authCode },
          q,
        )
      ).errcode,
    ).toBe(61010);
    // The authorizer token stands in for the account's access_token (§11.4).
    const users = await w.get('/cgi-bin/user/get', {
      access_token: auth.authorization_info.authorizer_access_token,
    });
    expect(users.total).toBe(3);
    const refreshed = await w.post(
      '/cgi-bin/component/api_authorizer_token',
      {
        component_appid: COMPONENT.appid,
        authorizer_appid: APP.appid,
        authorizer_refresh_token: auth.authorization_info.authorizer_refresh_token,
      },
      q,
    );
    expect(refreshed).toMatchObject({
      authorizer_access_token: expect.any(String),
      expires_in: 7200,
      authorizer_refresh_token: auth.authorization_info.authorizer_refresh_token,
    });
    const bad = await w.post(
      '/cgi-bin/component/api_authorizer_token',
      { component_appid: COMPONENT.appid, authorizer_appid: APP.appid, authorizer_refresh_token: 'x' },
      q,
    );
    expect(bad.errcode).toBe(61023);
    const info = await w.post(
      '/cgi-bin/component/api_get_authorizer_info',
      { component_appid: COMPONENT.appid, authorizer_appid: APP.appid },
      q,
    );
    expect(info.authorizer_info).toMatchObject({
      nick_name: APP.name,
      user_name: expect.stringMatching(/^gh_/),
    });
    expect(info.authorization_info.authorizer_appid).toBe(APP.appid);
  });

  it('ticket errors: 61006 wrong ticket, 61005 after 12 h; an account token on a component API is 61024', async () => {
    const { url, platform, clock } = await startSandbox();
    platform.createComponent(COMPONENT.appid, COMPONENT.secret);
    const ticket = platform.pushVerifyTicket(COMPONENT.appid);
    expect((await platformToken(url, 'ticket@@@wrong')).errcode).toBe(61006);
    const w = wx(url);
    const accountToken = await w.token();
    const r = await w.post(
      '/cgi-bin/component/api_create_preauthcode',
      { component_appid: COMPONENT.appid },
      { component_access_token: accountToken },
    );
    expect(r.errcode).toBe(61024);
    clock.advance(12 * HOUR + 1);
    expect((await platformToken(url, ticket)).errcode).toBe(61005);
  });
});

describe('sandbox: fault injection', () => {
  it('busy, 5xx, dropped connection and latency, each for a number of requests and a path prefix', async () => {
    const { url, platform } = await startSandbox();
    const w = wx(url);
    const t = await w.token();
    platform.setFaults([{ kind: 'busy', times: 1, pathPrefix: '/cgi-bin/getcallbackip' }]);
    expect((await w.get('/cgi-bin/menu/get', { access_token: t })).errcode).toBe(46003);
    expect(await w.get('/cgi-bin/getcallbackip', { access_token: t })).toMatchObject({
      errcode: -1,
      errmsg: 'system error',
    });
    expect(await w.get('/cgi-bin/getcallbackip', { access_token: t })).toHaveProperty('ip_list');
    platform.setFaults([{ kind: 'http5xx', status: 503, times: 1 }]);
    expect((await fetch(`${url}/cgi-bin/getcallbackip?access_token=${t}`)).status).toBe(503);
    platform.setFaults([{ kind: 'drop', times: 1 }]);
    await expect(fetch(`${url}/cgi-bin/getcallbackip?access_token=${t}`)).rejects.toThrow();
    platform.setFaults([{ kind: 'latency', latencyMs: 120 }]);
    const started = performance.now();
    await w.get('/cgi-bin/getcallbackip', { access_token: t });
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
    expect(platform.status().faults).toEqual([{ kind: 'latency', latencyMs: 120 }]);
  });
});
