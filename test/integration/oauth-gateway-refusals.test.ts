import { describe, expect, it } from 'vitest';
import type { OauthBuiltUrlDto, OauthSessionDto } from '../../src/shared/api/areas/oauth';
import type { GatewayRotatedDto } from '../../src/shared/api/areas/oauth-gateway';
import { startWebApp } from '../fakes/web-app';
import { accountInput } from '../helpers/test-core';
import { gatewayRig, type GatewayRig } from '../helpers/gateway-rig';
import { firstN } from '../helpers/indexed';

/** Bad input at the gateway: each refused with a clear page (zh/en by Accept-Language) and logged. */
const signedIn = async (r: GatewayRig, fan = r.fans[0].openid, lang?: string) => {
  const phone = r.phone(fan, { lang });
  const hops = await phone.go(`${r.publicUrl}/grades`);
  expect(hops.at(-1)!.status).toBe(200);
  return phone;
};

describe('cookies that are not what MPDesk issued', () => {
  it('a tampered or forged cookie: 403 page in the browser’s language, cleared, logged', async () => {
    const r = await gatewayRig();
    const phone = await signedIn(r, r.fans[0].openid, 'zh-CN,zh;q=0.9,en;q=0.5');
    const jar = phone.cookies(r.publicUrl);
    const good = jar.get('mpdesk_session')!;
    const [v, kid, payload, sig] = firstN(good.split('.'), 4);
    // Another fan's claims under the first one's signature.
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { sub: string };
    const swapped = Buffer.from(JSON.stringify({ ...claims, sub: r.fans[1].openid })).toString('base64url');
    jar.set('mpdesk_session', [v, kid, swapped, sig].join('.'));
    const zh = await phone.request(`${r.publicUrl}/grades`, { headers: { 'sec-fetch-mode': 'navigate' } });
    expect(zh.status).toBe(403);
    expect(zh.body).toContain('登录凭证无效');
    expect(zh.body).toContain('data-gateway="cookie_forged"');
    expect(zh.body).toContain('/__mpdesk/oauth/sign-in?landing=%2Fgrades');
    expect(zh.setCookies.some((c) => /^mpdesk_session=; .*Max-Age=0/.test(c))).toBe(true);
    expect(jar.has('mpdesk_session')).toBe(false);
    jar.set('mpdesk_session', 'not-a-cookie');
    const en = await phone.request(`${r.publicUrl}/whoami`, {
      headers: { 'accept-language': 'en', 'sec-fetch-mode': 'navigate' },
    });
    expect(en.status).toBe(403);
    expect(en.body).toContain('This sign-in is not valid');
    // fetch/XHR gets the same refusal in JSON.
    jar.set('mpdesk_session', `${good.slice(0, -3)}AAA`);
    const xhr = await phone.request(`${r.publicUrl}/api/me`, {
      headers: { accept: 'application/json', 'accept-language': 'en' },
    });
    expect(xhr.status).toBe(403);
    expect(JSON.parse(xhr.body)).toMatchObject({ error: 'cookie_forged' });
    const rows = r.logged('/').filter((x) => x.reason === 'gateway_refused');
    expect(rows.map((x) => x.detail.split(':')[0])).toEqual([
      'cookie_forged',
      'cookie_forged',
      'cookie_forged',
    ]);
    expect(rows.every((x) => x.outcome === 'rejected' && x.status === 403)).toBe(true);
    // The app never saw any of those requests.
    expect(r.app.seen.filter((q) => q.path === '/api/me' || q.path === '/whoami')).toEqual([]);
  });

  it('an expired cookie is refused (401 page); a fresh visit slides the expiry; a rotated key or a deleted session signs in again', async () => {
    const r = await gatewayRig();
    const phone = await signedIn(r);
    const jar = phone.cookies(r.publicUrl);
    // An hour later a visit re-issues the cookie (sliding expiry).
    r.clock.advance(61 * 60_000);
    const slide = await phone.request(`${r.publicUrl}/grades`, { headers: { 'sec-fetch-mode': 'navigate' } });
    expect(slide.status).toBe(200);
    expect(slide.setCookies.filter((c) => c.startsWith('mpdesk_session=v1.'))).toHaveLength(1);
    expect(slide.setCookies.some((c) => c.startsWith('app_cookie='))).toBe(false);
    // The browser kept the cookie past its Max-Age (or someone replays it): refused.
    const stale = jar.get('mpdesk_session')!;
    r.clock.advance(8 * 24 * 3_600_000);
    const expired = await phone.request(`${r.publicUrl}/grades`, {
      headers: { 'sec-fetch-mode': 'navigate' },
    });
    expect(expired.status).toBe(401);
    expect(expired.body).toContain('Your sign-in has expired');
    expect(r.logged('/grades').at(-1)).toMatchObject({ status: 401, reason: 'gateway_refused' });
    // Signing in again works; after a key rotation the old cookie sends the fan to sign in, silently.
    r.clock.advance(-8 * 24 * 3_600_000);
    jar.set('mpdesk_session', stale);
    const rotated = await r.call<GatewayRotatedDto>('oauth.rotateGatewayKey', { key: 'cookie' });
    expect(rotated.ticketSecret).toBeNull();
    const after = await phone.request(`${r.publicUrl}/grades`, { headers: { 'sec-fetch-mode': 'navigate' } });
    expect(after.status).toBe(302);
    expect(after.location).toContain('/connect/oauth2/authorize');
    expect((await phone.go(`${r.publicUrl}/grades`)).at(-1)!.status).toBe(200);
    // Deleting the session in the UI signs the fan out.
    const sessions = await r.call<OauthSessionDto[]>('oauth.sessions', { accountId: r.account.id });
    for (const x of sessions) await r.call('oauth.deleteSession', { sessionId: x.id });
    const out = await phone.request(`${r.publicUrl}/grades`, { headers: { 'sec-fetch-mode': 'navigate' } });
    expect(out.status).toBe(302);
    expect(jar.has('mpdesk_session')).toBe(false);
  });

  it('an expired web token is refreshed with the refresh token while the fan keeps browsing', async () => {
    const r = await gatewayRig();
    const phone = await signedIn(r);
    const before = (await r.call<OauthSessionDto[]>('oauth.sessions', { accountId: r.account.id })).find(
      (x) => x.scope === 'snsapi_userinfo',
    )!;
    r.clock.advance(7200_000 + 1);
    r.sandboxClock.advance(7200_000 + 1);
    const refreshed = new Promise<OauthSessionDto>((resolve) =>
      r.core.events.subscribe((e) => {
        if (e.name === 'oauth.sessionChanged' && e.payload.session?.refreshedAt) resolve(e.payload.session);
      }),
    );
    expect(
      (await phone.request(`${r.publicUrl}/grades`, { headers: { 'sec-fetch-mode': 'navigate' } })).status,
    ).toBe(200);
    const s = await refreshed;
    expect(s.id).toBe(before.id);
    expect(s.expiresAt).toBeGreaterThan(r.clock.now());
  });
});

describe('tickets for landings outside MPDesk', () => {
  it('redeemed once, server to server, with the secret the UI shows; tampered, reused, expired and unauthenticated ones refused', async () => {
    const outside = await startWebApp();
    const r = await gatewayRig({ landingAllowlist: [outside.url] });
    const built = await r.call<OauthBuiltUrlDto>('oauth.buildUrl', {
      accountId: r.account.id,
      scope: 'snsapi_base',
      landing: `${outside.url}/welcome?from=menu`,
    });
    expect(built.landingUrl).toBe(`${outside.url}/welcome?from=menu`);
    const phone = r.phone(r.fans[2].openid);
    const hops = await phone.go(built.sandboxUrl!);
    const arrived = new URL(hops.at(-1)!.url);
    expect(arrived.origin + arrived.pathname).toBe(`${outside.url}/welcome`);
    expect(arrived.searchParams.get('from')).toBe('menu');
    const ticket = arrived.searchParams.get('mpdesk_ticket')!;
    expect(ticket).toMatch(/^[\w-]{43}$/);

    const redeemUrl = `${r.listener}/__mpdesk/oauth/tickets`;
    const redeem = (body: unknown, secret?: string, lang = 'en') =>
      fetch(redeemUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'accept-language': lang,
          ...(secret ? { authorization: `Bearer ${secret}` } : {}),
        },
        body: JSON.stringify(body),
      }).then(async (res) => ({ status: res.status, json: (await res.json()) as Record<string, unknown> }));
    expect(await redeem({ ticket })).toMatchObject({ status: 503, json: { error: 'ticket_no_secret' } });
    const { ticketSecret } = await r.call<GatewayRotatedDto>('oauth.rotateGatewayKey', { key: 'ticket' });
    expect(ticketSecret).toMatch(/^mpgw_\w{40}$/);
    const g = await r.call<{ ticket: { secretSet: boolean; secretTail: string } }>('oauth.gateway');
    expect(g.ticket).toEqual({
      secretSet: true,
      secretTail: `…${ticketSecret!.slice(-4)}`,
      rotatedAt: expect.any(Number),
    });
    expect(JSON.stringify(g)).not.toContain(ticketSecret);

    expect(await redeem({ ticket }, 'wrong')).toMatchObject({
      status: 401,
      json: { error: 'ticket_secret' },
    });
    const tampered = `${ticket.slice(0, -1)}${ticket.endsWith('A') ? 'B' : 'A'}`;
    expect(await redeem({ ticket: tampered }, ticketSecret!)).toMatchObject({
      status: 404,
      json: { error: 'ticket_unknown' },
    });
    const ok = await redeem({ ticket }, ticketSecret!);
    expect(ok).toMatchObject({
      status: 200,
      // The seed flow ran (the fan was unknown): the ticket carries the snsapi_userinfo session.
      json: {
        openid: r.fans[2].openid,
        appid: r.account.appId,
        scope: 'snsapi_userinfo',
        nickname: r.fans[2].nickname,
        landing: `${outside.url}/welcome?from=menu`,
      },
    });
    const again = await redeem({ ticket }, ticketSecret!, 'zh-CN');
    expect(again).toMatchObject({ status: 409, json: { error: 'ticket_used' } });
    expect(String(again.json.message)).toContain('只能兑换一次');

    // A new ticket left for more than 60 s is expired; a form body works too.
    const hops2 = await r.phone(r.fans[2].openid).go(built.sandboxUrl!);
    const ticket2 = new URL(hops2.at(-1)!.url).searchParams.get('mpdesk_ticket')!;
    r.clock.advance(61_000);
    const late = await fetch(redeemUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Bearer ${ticketSecret}`,
      },
      body: `ticket=${ticket2}`,
    });
    expect(late.status).toBe(410);
    const rows = r.logged('/__mpdesk/oauth/tickets');
    expect(rows.map((x) => `${x.status} ${x.reason}`)).toEqual([
      '503 gateway_refused',
      '401 gateway_refused',
      '404 gateway_refused',
      '200 ticket_redeemed',
      '409 gateway_refused',
      '410 gateway_refused',
    ]);
    const dump = JSON.stringify(rows);
    for (const secret of [ticket, ticket2, ticketSecret!]) expect(dump).not.toContain(secret);
    await outside.stop();
  });

  it('a landing outside the allowlist is refused at every step: building the link, the sign-in endpoint, the callback', async () => {
    const r = await gatewayRig({ landingAllowlist: ['https://h5.example.com'] });
    for (const landing of [
      '//evil.com',
      '/\\evil.com',
      'https://evil.com/',
      'https://h5.example.com@evil.com/',
      'javascript:alert(1)',
    ]) {
      const e = await r.callErr('oauth.buildUrl', { accountId: r.account.id, scope: 'snsapi_base', landing });
      expect(e, landing).toMatchObject({
        code: 'invalid_input',
        issues: [{ path: 'landing', key: 'validation.oauthLanding' }],
      });
    }
    const page = await r
      .phone(r.fans[0].openid)
      .request(`${r.publicUrl}/__mpdesk/oauth/sign-in?landing=${encodeURIComponent('//evil.com')}`);
    expect(page.status).toBe(400);
    expect(page.body).toContain('Landing page not allowed');
    // The allowlist changed after the link was built: the callback refuses to go there.
    const built = await r.call<OauthBuiltUrlDto>('oauth.buildUrl', {
      accountId: r.account.id,
      scope: 'snsapi_base',
      landing: 'https://h5.example.com/x',
    });
    await r.call('oauth.configureGateway', {
      ...(await r.call<{ config: object }>('oauth.gateway')).config,
      landingAllowlist: [],
    });
    const hops = await r.phone(r.fans[0].openid).go(built.sandboxUrl!);
    expect(hops.at(-1)).toMatchObject({ status: 403 });
    expect(hops.at(-1)!.body).toContain('data-gateway="landing_not_allowed"');
    expect(hops.at(-1)!.setCookies).toEqual([]);
    expect(r.logged('/oauth/').at(-1)).toMatchObject({ status: 403, reason: 'oauth_rejected' });
  });
});

describe('states that must not sign anyone in', () => {
  it('a state issued for another account, and a sign-in finished in another browser (CSRF), are refused and logged', async () => {
    const r = await gatewayRig();
    const other = r.core.services.accounts.create(
      accountInput({ callbackSlug: 'other', appId: 'wx99999999999999aa' }),
    );
    const built = await r.call<OauthBuiltUrlDto>('oauth.buildUrl', {
      accountId: r.account.id,
      scope: 'snsapi_base',
    });
    const wrong = await r
      .phone(r.fans[0].openid)
      .request(`${r.publicUrl}/oauth/other/callback?code=abc&state=${built.state}`);
    expect(wrong.status).toBe(403);
    expect(wrong.body).toContain('issued for another account');
    expect(r.logged('/oauth/other/')).toMatchObject([
      { status: 403, reason: 'oauth_rejected', outcome: 'rejected' },
    ]);
    expect(other.id).toBeTruthy();

    // Phone A starts a sign-in; its authorize link is finished by a browser that never saw MPDesk.
    const a = r.phone(r.fans[0].openid);
    const start = await a.request(`${r.publicUrl}/grades`, { headers: { 'sec-fetch-mode': 'navigate' } });
    const victim = r.phone(r.fans[1].openid);
    const hops = await victim.go(start.location!);
    expect(hops.at(-1)!.status).toBe(403);
    expect(hops.at(-1)!.body).toContain('CSRF');
    expect(victim.cookies(r.publicUrl).has('mpdesk_session')).toBe(false);
    expect(r.logged('/oauth/sandbox/').at(-1)!.detail).toContain('csrf_mismatch');
  });

  it('refusals: a fan who declines a fixed-state menu link sees why; one who declines the seed flow’s profile still lands', async () => {
    const r = await gatewayRig();
    const menu = await r.call<OauthBuiltUrlDto>('oauth.buildUrl', {
      accountId: r.account.id,
      scope: 'snsapi_userinfo',
      state: 'grades',
      fixed: true,
      landing: '/grades',
    });
    expect(menu).toMatchObject({
      stateKind: 'fixed',
      landing: '/grades',
      landingUrl: `${r.publicUrl}/grades`,
    });
    expect(await r.call('oauth.states', { accountId: r.account.id })).toMatchObject([
      { state: 'grades', landing: '/grades' },
    ]);
    const declined = await r.phone(r.fans[0].openid, { consent: 'deny' }).go(menu.sandboxUrl!);
    expect(declined.at(-1)!.status).toBe(200);
    expect(declined.at(-1)!.body).toContain('The user refused authorization');
    expect(r.logged('/oauth/').at(-1)).toMatchObject({ reason: 'oauth_declined', outcome: 'ok' });
    // Two fans on the same fixed link: each lands as themselves.
    for (const fan of r.fans.slice(0, 2)) {
      const hops = await r.phone(fan.openid).go(menu.sandboxUrl!);
      expect(hops.at(-1)!.status).toBe(200);
      expect(r.app.seen.at(-1)!.headers['x-mpdesk-openid']).toBe(fan.openid);
    }
    // The seed flow: base first, the profile declined: the fan lands with the base identity.
    const seed = await r.phone(r.fans[2].openid, { consent: 'deny' }).go(`${r.publicUrl}/grades?seed=1`);
    expect(seed.at(-1)!.status).toBe(200);
    expect(r.app.seen.at(-1)!.headers).toMatchObject({
      'x-mpdesk-openid': r.fans[2].openid,
      'x-mpdesk-scope': 'snsapi_base',
    });
    // It is asked once: next time, no second round through snsapi_userinfo.
    const next = await r.phone(r.fans[2].openid).go(`${r.publicUrl}/grades`);
    expect(next.map((h) => h.status)).toEqual([302, 302, 302, 200]);
    // Deleting the fixed state withdraws the menu link.
    await r.call('oauth.deleteState', { accountId: r.account.id, state: 'grades' });
    expect((await r.phone(r.fans[0].openid).go(menu.sandboxUrl!)).at(-1)!.status).toBe(403);
  });

  it('the sandbox checks the 网页授权域名: a redirect_uri elsewhere is WeChat’s 10003 page', async () => {
    const r = await gatewayRig();
    await r.call('oauth.configure', { accountId: r.account.id, oauthDomain: 'wx.example.com' });
    const hops = await r.phone(r.fans[0].openid).go(`${r.publicUrl}/grades`);
    const last = hops.at(-1)!;
    expect(new URL(last.url).pathname).toBe('/connect/oauth2/authorize');
    expect(last.status).toBe(200);
    expect(last.body).toContain('data-errcode="10003"');
    expect(last.body).toContain('redirect_uri 域名与后台配置不一致');
    await r.call('oauth.configure', { accountId: r.account.id, oauthDomain: null });
    expect((await r.phone(r.fans[0].openid).go(`${r.publicUrl}/grades`)).at(-1)!.status).toBe(200);
  });
});
