import http from 'node:http';
import { createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyAssertion } from '../../src/core/services/oauth-gateway/assertion';
import type { OauthSessionDto } from '../../src/shared/api/areas/oauth';
import type { GatewayDto } from '../../src/shared/api/areas/oauth-gateway';
import { textFrame, type SeenRequest } from '../fakes/web-app';
import { gatewayRig, type GatewayRig } from '../helpers/gateway-rig';
import { firstOf, itemAt } from '../helpers/indexed';

/**
 * MPDesk as an OAuth gateway in front of the developer's app (docs/architecture.md §3), over real
 * HTTP: the tunnel stand-in, MPDesk's callback listener, the sandbox's authorize page and the app.
 */
const seenAt = (r: GatewayRig, path: string): SeenRequest => {
  const hit = r.app.seen.filter((q) => q.path === path).at(-1);
  if (!hit) throw new Error(`the app never saw ${path}`);
  return hit;
};

describe('signing a fan in to the app behind MPDesk', () => {
  it('a protected page without a session: base, then userinfo for an unknown fan, then the page with the fan’s identity', async () => {
    const r = await gatewayRig();
    const fan = r.fans[1];
    const phone = r.phone(fan.openid);
    const hops = await phone.go(`${r.publicUrl}/grades?term=2`, {
      headers: { 'x-mpdesk-openid': 'oForgedByTheClient' },
    });
    const at = hops.map((h) => `${h.status} ${new URL(h.url).pathname}`);
    expect(at).toEqual([
      '302 /grades', // no session: to the authorize page (snsapi_base)
      '302 /connect/oauth2/authorize',
      '302 /oauth/sandbox/callback', // unknown fan: once more through snsapi_userinfo
      '302 /connect/oauth2/authorize',
      '302 /oauth/sandbox/callback', // signed in: to the landing
      '200 /grades',
    ]);
    const first = new URL(firstOf(hops).location!);
    expect(first.searchParams.get('scope')).toBe('snsapi_base');
    expect(first.searchParams.get('redirect_uri')).toBe(`${r.publicUrl}/oauth/sandbox/callback`);
    expect(new URL(itemAt(hops, 2).location!).searchParams.get('scope')).toBe('snsapi_userinfo');
    expect(itemAt(hops, 4).location).toBe('/grades?term=2');

    // The cookie: signed, HttpOnly, Lax, Path=/, host-only (no Domain), not Secure on http.
    const sessionCookie = itemAt(hops, 4).setCookies.find((c) => c.startsWith('mpdesk_session='))!;
    expect(sessionCookie).toMatch(
      /^mpdesk_session=v1\.[a-z0-9]+\.[\w-]+\.[\w-]+; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax$/,
    );
    expect(sessionCookie).not.toMatch(/Domain=|Secure/);
    expect(firstOf(hops).setCookies.some((c) => c.startsWith('mpdesk_csrf='))).toBe(true);

    // The app saw the fan, not what the client claimed, with a verifiable assertion.
    const seen = seenAt(r, '/grades?term=2');
    expect(seen.headers).toMatchObject({
      'x-mpdesk-openid': fan.openid,
      'x-mpdesk-scope': 'snsapi_userinfo',
      'x-mpdesk-appid': r.account.appId,
      'x-forwarded-proto': 'http',
      'x-forwarded-host': new URL(r.publicUrl).host,
    });
    expect(String(seen.headers['x-forwarded-for'])).toMatch(/127\.0\.0\.1/);
    expect(seen.headers.cookie ?? '').not.toContain('mpdesk_session');
    const g = await r.call<GatewayDto>('oauth.gateway');
    const claims = verifyAssertion(
      String(seen.headers['x-mpdesk-assertion']),
      createPublicKey(g.assertion.publicKeyPem),
      Math.floor(r.clock.now() / 1000),
    );
    expect(claims).toMatchObject({
      sub: fan.openid,
      aud: r.account.appId,
      scope: 'snsapi_userinfo',
      iss: r.publicUrl,
    });
    const jwks = (await (await fetch(g.urls.jwksUrl!)).json()) as { keys: { kid: string; x: string }[] };
    expect(jwks.keys).toEqual([g.assertion.jwk]);

    // The cookie alone identifies the page's fetch/XHR.
    const me = await phone.request(`${r.publicUrl}/api/me`, { headers: { accept: 'application/json' } });
    expect(JSON.parse(me.body).headers['x-mpdesk-openid']).toBe(fan.openid);
    // The profile went to the store; one session per fan and scope.
    const sessions = await r.call<OauthSessionDto[]>('oauth.sessions', { accountId: r.account.id });
    expect(sessions.map((x) => [x.openid, x.scope]).sort()).toEqual([
      [fan.openid, 'snsapi_base'],
      [fan.openid, 'snsapi_userinfo'],
    ]);
    expect(sessions.find((x) => x.scope === 'snsapi_userinfo')!.nickname).toBe(fan.nickname);

    // Every request the gateway handled is in the callback log.
    const rows = r.logged('/');
    const reasons = rows.filter((x) => x.source === 'web').map((x) => `${x.status} ${x.reason}`);
    expect(reasons).toEqual([
      '302 gateway_sign_in',
      '302 oauth_signed_in',
      '302 oauth_signed_in',
      '200 gateway_proxied',
      '200 acknowledged', // the JWKS
      '200 gateway_proxied',
    ]);
    const proxied = rows.find((x) => x.reason === 'gateway_proxied')!;
    expect(proxied.openid).toBe(fan.openid);
    expect(String(proxied.body ?? '')).toBe('');
    expect(proxied.headers).not.toContain(phone.cookies(r.publicUrl).get('mpdesk_session'));
    for (const row of rows.filter((x) => x.path.startsWith('/oauth/')))
      expect(JSON.parse(row.query).code).toMatch(/^\w\w\*\*\*\*\w\w$/);
  });

  it('a second fan gets their own identity; a known fan signs in with snsapi_base only; reloads hit no 40163', async () => {
    const r = await gatewayRig();
    const [a, b] = r.fans;
    const phoneA = r.phone(a.openid);
    await phoneA.go(`${r.publicUrl}/grades`);
    const phoneB = r.phone(b.openid);
    const hopsB = await phoneB.go(`${r.publicUrl}/grades`);
    expect(hopsB.at(-1)!.status).toBe(200);
    expect(seenAt(r, '/grades').headers['x-mpdesk-openid']).toBe(b.openid);
    // A's phone still is A.
    const again = await phoneA.go(`${r.publicUrl}/grades`);
    expect(again.map((h) => h.status)).toEqual([200]);
    expect(seenAt(r, '/grades').headers['x-mpdesk-openid']).toBe(a.openid);
    // Reloading the callback URL (the browser's back button) replays; no second exchange, no 40163.
    const callback = hopsB.find((h) => h.url.includes('/oauth/sandbox/callback'))!;
    const reload = await phoneB.request(callback.url);
    expect(reload.status).toBe(302);
    expect(r.logged('/oauth/').every((x) => !/40163/.test(x.detail))).toBe(true);
    // A new phone for a fan MPDesk now knows: snsapi_base only.
    const phoneA2 = r.phone(a.openid);
    const hops = await phoneA2.go(`${r.publicUrl}/grades`);
    expect(hops.map((h) => h.status)).toEqual([302, 302, 302, 200]);
    expect(new URL(firstOf(hops).location!).searchParams.get('scope')).toBe('snsapi_base');
    const sessions = await r.call<OauthSessionDto[]>('oauth.sessions', { accountId: r.account.id });
    expect(sessions).toHaveLength(4); // two fans × two scopes: visits add no rows
  });

  it('fetch/XHR without a session gets a 401 with the authorize URL; unprotected paths pass anonymously', async () => {
    const r = await gatewayRig();
    const phone = r.phone(r.fans[0].openid);
    const xhr = await phone.request(`${r.publicUrl}/api/me`, {
      headers: {
        accept: 'application/json',
        'x-requested-with': 'XMLHttpRequest',
        referer: `${r.publicUrl}/grades?x=1`,
      },
    });
    expect(xhr.status).toBe(401);
    const body = JSON.parse(xhr.body) as {
      error: string;
      authorizeUrl: string;
      signInUrl: string;
      message: string;
    };
    expect(body.error).toBe('sign_in_required');
    expect(body.message).toMatch(/WeChat web authorization/);
    expect(new URL(body.authorizeUrl).searchParams.get('scope')).toBe('snsapi_base');
    expect(body.signInUrl).toBe('/__mpdesk/oauth/sign-in?landing=%2Fgrades%3Fx%3D1');
    // Following the authorize URL lands on the page that made the call.
    const hops = await phone.go(body.authorizeUrl);
    expect(new URL(hops.at(-1)!.url).pathname + new URL(hops.at(-1)!.url).search).toBe('/grades?x=1');
    // Not protected: the app gets the request, without identity (and without forged headers).
    const open = await r
      .phone(r.fans[1].openid)
      .request(`${r.publicUrl}/whoami`, { headers: { 'x-mpdesk-openid': 'oForged' } });
    expect(open.status).toBe(200);
    expect(JSON.parse(open.body).headers['x-mpdesk-openid']).toBeUndefined();
  });

  it('streams bodies both ways and passes WebSockets through with the fan’s identity', async () => {
    const r = await gatewayRig();
    const fan = r.fans[0];
    const phone = r.phone(fan.openid);
    await phone.go(`${r.publicUrl}/grades`);
    const upload = 'x'.repeat(3 << 20);
    const echoed = await phone.request(`${r.publicUrl}/api/upload`, {
      method: 'POST',
      body: upload,
      headers: { 'content-type': 'text/plain' },
    });
    expect(JSON.parse(echoed.body).body.length).toBe(upload.length);
    expect((await phone.request(`${r.publicUrl}/stream`)).body).toBe('first\nsecond\n');

    const cookie = `mpdesk_session=${phone.cookies(r.publicUrl).get('mpdesk_session')}`;
    const text = await wsRoundTrip(r.publicUrl.replace('http://', ''), cookie, 'hello');
    expect(text).toBe(`${fan.openid}: hello`);
    expect(seenAt(r, '/ws').headers['x-mpdesk-openid']).toBe(fan.openid);
    // Without a session a protected WebSocket is refused before the app sees it.
    await expect(wsRoundTrip(r.publicUrl.replace('http://', ''), '', 'x')).rejects.toThrow(/401/);
    expect(r.logged('/ws').map((x) => `${x.status} ${x.reason}`)).toEqual([
      '101 gateway_proxied',
      '401 gateway_sign_in',
    ]);
  });

  it('behind an https public URL (TLS ends at the tunnel): a __Host- cookie, Secure, and https to the app', async () => {
    const r = await gatewayRig();
    const https = r.publicUrl.replace('http://', 'https://');
    await r.call('tunnel.configure', { provider: 'external', externalBaseUrl: https });
    const phone = r.phone(r.fans[0].openid);
    const hops = await phone.go(`${r.publicUrl}/grades`);
    expect(new URL(firstOf(hops).location!).searchParams.get('redirect_uri')).toBe(
      `${https}/oauth/sandbox/callback`,
    );
    // The stand-in speaks http; follow the hops on it as the tunnel's edge would pass them on.
    const landed = hops.find((h) => h.setCookies.some((c) => c.startsWith('__Host-mpdesk_session=')));
    expect(landed).toBeDefined();
    const cookie = landed!.setCookies.find((c) => c.startsWith('__Host-mpdesk_session='))!;
    expect(cookie).toMatch(/; Path=\/; Max-Age=\d+; HttpOnly; Secure; SameSite=Lax$/);
    expect(firstOf(hops).setCookies[0]).toMatch(/^__Host-mpdesk_csrf=.*; Secure; SameSite=Lax$/);
    expect(seenAt(r, '/grades').headers).toMatchObject({
      'x-forwarded-proto': 'https',
      'x-mpdesk-openid': r.fans[0].openid,
    });
    const g = await r.call<GatewayDto>('oauth.gateway');
    expect(g.cookie).toMatchObject({ name: '__Host-mpdesk_session', secure: true });
  });

  it('the app down is a clear 502 page, logged; WeChat’s own paths never reach the app', async () => {
    const r = await gatewayRig({ protectedPrefixes: [] });
    await r.app.stop();
    const res = await r.phone(r.fans[0].openid, { lang: 'zh-CN,zh;q=0.9' }).request(`${r.publicUrl}/page`);
    expect(res.status).toBe(502);
    expect(res.body).toContain('应用没有运行');
    expect(res.body).toContain('<html lang="zh-CN">');
    expect(r.logged('/page')).toMatchObject([
      { status: 502, reason: 'gateway_unreachable', outcome: 'error' },
    ]);
    const seenBefore = r.app.seen.length;
    await r.app.start(r.app.port);
    const wx = await fetch(`${r.publicUrl}/wx/sandbox?signature=x&timestamp=1&nonce=1&echostr=e`);
    expect(wx.status).toBeGreaterThanOrEqual(400);
    expect(firstOf(r.logged('/wx/')).reason).toBe('bad_signature');
    for (const p of [
      '/oauth/sandbox/callback?state=x',
      '/MP_verify_abcdefgh12345678.txt',
      '/component/x/events',
    ])
      await fetch(`${r.publicUrl}${p}`);
    expect(r.app.seen.length).toBe(seenBefore);
  });
});

/** A WebSocket handshake and one text frame through the public URL, with a cookie. */
function wsRoundTrip(hostPort: string, cookie: string, text: string): Promise<string> {
  const [host, port] = hostPort.split(':');
  return new Promise((resolve, reject) => {
    const req = http.request({
      host,
      port: Number(port),
      path: '/ws',
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
        ...(cookie ? { cookie } : {}),
      },
    });
    req.on('upgrade', (res, socket) => {
      socket.on('data', (d: Buffer) => {
        resolve(d.subarray(2).toString());
        socket.destroy();
      });
      socket.write(textFrame(text, true));
    });
    req.on('response', (res) => reject(new Error(`handshake answered ${res.statusCode}`)));
    req.on('error', reject);
    req.end();
  });
}
