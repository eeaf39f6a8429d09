import path from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { startReverseProxy, type ReverseProxy } from '../fakes/reverse-proxy';
import { startWebApp, type WebApp } from '../fakes/web-app';
import { callApi } from '../helpers/headless-process';
import { expect, test, type MpdeskFixture } from './fixtures';
import { itemAt } from '../helpers/indexed';

/**
 * The whole web OAuth loop in Chromium against the headless app (docs/architecture.md §3): a web app
 * behind MPDesk (test/fakes/web-app.ts), a reverse proxy standing in for the tunnel (the external-URL
 * provider points at it), the sandbox's authorize pages, and back to the protected page, which sees
 * the fan's openid from the request headers and, on its own fetch and WebSocket, from the cookie.
 */
const SHOTS = path.resolve(__dirname, '../../reports/screenshots');
const PHONE = { width: 414, height: 860 };

interface Rig {
  app: WebApp;
  tunnel: ReverseProxy;
  publicUrl: string;
  accountId: string;
  appId: string;
}

async function value<T>(mpdesk: MpdeskFixture, method: string, input?: unknown): Promise<T> {
  const r = await callApi<T>(mpdesk, method, input);
  if (!r.body.ok) throw new Error(`${method}: ${r.body.error?.message}`);
  return r.body.value!;
}

async function rig(mpdesk: MpdeskFixture): Promise<Rig> {
  const app = await startWebApp();
  const tunnel = await startReverseProxy(mpdesk.callbackUrl);
  const accounts = await value<{ id: string; appId: string; isSandbox: boolean }[]>(
    mpdesk,
    'accounts.list',
    {},
  );
  const sandbox = accounts.find((a) => a.isSandbox)!;
  await value(mpdesk, 'tunnel.configure', { provider: 'external', externalBaseUrl: tunnel.url });
  await value(mpdesk, 'tunnel.start');
  await value(mpdesk, 'oauth.configureGateway', {
    upstreamUrl: app.url,
    accountId: sandbox.id,
    protectedPrefixes: ['/grades', '/api', '/ws'],
    landingAllowlist: [],
    seedProfiles: true,
  });
  return {
    app,
    tunnel,
    publicUrl: tunnel.url,
    accountId: sandbox.id,
    appId: sandbox.appId,
  };
}

async function phone(browser: Browser, locale = 'zh-CN'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: PHONE,
    locale,
    extraHTTPHeaders: { 'accept-language': locale },
  });
  return { context, page: await context.newPage() };
}

/** Signs a phone in on the sandbox's pages: who it is (the n-th fan), then 允许 on the consent page. */
async function signIn(
  page: Page,
  url: string,
  fanIndex: number,
  consent: 'allow' | 'deny' = 'allow',
): Promise<string> {
  await page.goto(url);
  const fan = page.locator('a.fan').nth(fanIndex);
  await expect(fan).toBeVisible();
  const openid = (await fan.getAttribute('data-openid'))!;
  await fan.click();
  // Seed flow: snsapi_base is silent; the unknown fan is asked for the profile once.
  await page.locator(consent === 'allow' ? '#allow' : '#deny').click();
  return openid;
}

test.describe('the gateway in front of an H5 app', () => {
  test('sign in through the sandbox, the page sees the fan from headers and cookie; a second fan is themselves; reload is no 40163', async ({
    mpdesk,
    browser,
  }) => {
    const r = await rig(mpdesk);
    const a = await phone(browser);
    const callbacks: string[] = [];
    a.page.on('request', (q) => q.url().includes('/oauth/sandbox/callback') && callbacks.push(q.url()));
    const openidA = await signIn(a.page, `${r.publicUrl}/grades`, 1);
    await expect(a.page).toHaveURL(`${r.publicUrl}/grades`);
    await expect(a.page.locator('#header-openid')).toHaveText(openidA);
    await expect(a.page.locator('#scope')).toHaveText('snsapi_userinfo');
    await expect(a.page.locator('#fetch-openid')).toHaveText(openidA);
    await expect(a.page.locator('#ws')).toHaveText(`${openidA}: hello`);
    await a.page.screenshot({ path: path.join(SHOTS, 'oauth-gateway-app-414.png') });
    // The session cookie: HttpOnly (the page's script cannot read it), Lax, Path=/.
    const cookies = await a.context.cookies(r.publicUrl);
    expect(cookies.find((c) => c.name === 'mpdesk_session')).toMatchObject({
      httpOnly: true,
      sameSite: 'Lax',
      path: '/',
    });
    expect(await a.page.evaluate(() => document.cookie)).not.toContain('mpdesk_session');
    // Reload: the cookie signs the fan in; no code is exchanged again.
    await a.page.reload();
    await expect(a.page.locator('#header-openid')).toHaveText(openidA);
    // The callback URL again (a reload while it was loading, a shared link): the code is replayed,
    // never exchanged a second time, and the fan lands as before.
    expect(callbacks).toHaveLength(2);
    await a.page.goto(itemAt(callbacks, 1));
    await expect(a.page).toHaveURL(`${r.publicUrl}/grades`);
    await expect(a.page.locator('#header-openid')).toHaveText(openidA);

    const b = await phone(browser, 'en-US');
    const openidB = await signIn(b.page, `${r.publicUrl}/grades`, 2);
    expect(openidB).not.toBe(openidA);
    await expect(b.page.locator('#header-openid')).toHaveText(openidB);
    await expect(b.page.locator('#fetch-openid')).toHaveText(openidB);
    await a.page.reload();
    await expect(a.page.locator('#header-openid')).toHaveText(openidA);

    const log = await value<{ items: { reason: string; status: number }[] }>(mpdesk, 'callbacks.list', {
      limit: 200,
    });
    const reasons = log.items.map((x) => x.reason);
    expect(reasons).toContain('gateway_sign_in');
    expect(reasons).toContain('oauth_signed_in');
    expect(reasons).toContain('gateway_proxied');
    expect(log.items.some((x) => x.status === 400)).toBe(false);
    await a.context.close();
    await b.context.close();
    await r.app.stop();
    await r.tunnel.close();
  });

  test('a refusal and a 10003 are explained; forged cookies, tickets, landings and states are refused with a page, and logged', async ({
    mpdesk,
    browser,
  }) => {
    const r = await rig(mpdesk);
    // A fixed-state menu link with snsapi_userinfo: the fan taps 拒绝.
    const menu = await value<{ sandboxUrl: string }>(mpdesk, 'oauth.buildUrl', {
      accountId: r.accountId,
      scope: 'snsapi_userinfo',
      state: 'grades',
      fixed: true,
      landing: '/grades',
    });
    const zh = await phone(browser, 'zh-CN');
    await zh.page.goto(menu.sandboxUrl);
    await zh.page.locator('a.fan').first().click();
    await expect(zh.page.locator('#deny')).toBeVisible();
    await zh.page.screenshot({ path: path.join(SHOTS, 'oauth-sandbox-consent-414.png') });
    await zh.page.locator('#deny').click();
    await expect(zh.page.locator('h1')).toHaveAttribute('data-outcome', 'refused');
    await expect(zh.page.locator('body')).toContainText('用户拒绝了授权');
    await zh.page.screenshot({ path: path.join(SHOTS, 'oauth-callback-refused-414.png') });
    expect(await zh.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      PHONE.width,
    );

    // A forged session cookie: refused in the browser's language, and cleared.
    await zh.context.addCookies([
      { name: 'mpdesk_session', value: 'v1.k.eyJzaWQiOiJ4In0.AAAA', url: r.publicUrl },
    ]);
    const forged = await zh.page.goto(`${r.publicUrl}/grades`);
    expect(forged!.status()).toBe(403);
    await expect(zh.page.locator('h1')).toHaveText('登录凭证无效');
    await zh.page.screenshot({ path: path.join(SHOTS, 'oauth-gateway-refused-zh-414.png') });
    const en = await phone(browser, 'en-US');
    await en.context.addCookies([{ name: 'mpdesk_session', value: 'garbage', url: r.publicUrl }]);
    await en.page.goto(`${r.publicUrl}/grades`);
    await expect(en.page.locator('h1')).toHaveText('This sign-in is not valid');
    // Signing in again from the refusal page works.
    await en.page.getByRole('link', { name: 'Sign in again' }).click();
    await en.page.locator('a.fan').first().click();
    await en.page.locator('#allow').click();
    await expect(en.page).toHaveURL(`${r.publicUrl}/grades`);
    await expect(en.page.locator('#header-openid')).not.toBeEmpty();

    // A landing outside the allowlist, through the sign-in endpoint.
    await en.page.goto(
      `${r.publicUrl}/__mpdesk/oauth/sign-in?landing=${encodeURIComponent('//evil.example.com/')}`,
    );
    await expect(en.page.locator('h1')).toHaveText('Landing page not allowed');
    // A state issued for the sandbox account, on another account's callback.
    await value(mpdesk, 'accounts.create', {
      name: 'Other',
      appId: 'wx99999999999999aa',
      appSecret: 'a'.repeat(32),
      token: 'tok123',
      mode: 'plain',
      callbackSlug: 'other',
    });
    const built = await value<{ state: string }>(mpdesk, 'oauth.buildUrl', {
      accountId: r.accountId,
      scope: 'snsapi_base',
    });
    const wrong = await en.page.goto(`${r.publicUrl}/oauth/other/callback?code=abc&state=${built.state}`);
    expect(wrong!.status()).toBe(403);
    await expect(en.page.locator('body')).toContainText('issued for another account');

    // Tickets: a tampered one and a reused one, redeemed server to server.
    const { ticketSecret } = await value<{ ticketSecret: string }>(mpdesk, 'oauth.rotateGatewayKey', {
      key: 'ticket',
    });
    const redeem = (ticket: string) =>
      fetch(`${mpdesk.callbackUrl}/__mpdesk/oauth/tickets`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${ticketSecret}`,
          'content-type': 'application/json',
          'accept-language': 'zh-CN',
        },
        body: JSON.stringify({ ticket }),
      });
    const outside = await startWebApp();
    const config = (await value<{ config: object }>(mpdesk, 'oauth.gateway', {})).config;
    await value(mpdesk, 'oauth.configureGateway', { ...config, landingAllowlist: [outside.url] });
    const ext = await value<{ sandboxUrl: string }>(mpdesk, 'oauth.buildUrl', {
      accountId: r.accountId,
      scope: 'snsapi_base',
      landing: `${outside.url}/welcome`,
    });
    await en.page.goto(ext.sandboxUrl);
    await expect(en.page).toHaveURL(/mpdesk_ticket=/);
    const ticket = new URL(en.page.url()).searchParams.get('mpdesk_ticket')!;
    expect((await redeem(`${ticket.slice(0, -1)}${ticket.endsWith('x') ? 'y' : 'x'}`)).status).toBe(404);
    expect((await redeem(ticket)).status).toBe(200);
    const reused = await redeem(ticket);
    expect(reused.status).toBe(409);
    expect(((await reused.json()) as { message: string }).message).toContain('只能兑换一次');
    await outside.stop();

    // 10003: the account's 网页授权域名 is not the public host.
    await value(mpdesk, 'oauth.configure', { accountId: r.accountId, oauthDomain: 'wx.example.com' });
    const d = await phone(browser);
    await d.page.goto(`${r.publicUrl}/grades`);
    await expect(d.page.locator('h1')).toHaveAttribute('data-errcode', '10003');
    await expect(d.page.locator('body')).toContainText('redirect_uri 域名与后台配置不一致');
    await d.page.screenshot({ path: path.join(SHOTS, 'oauth-sandbox-10003-414.png') });
    // MPDesk explains it where the developer looks: the gateway card names the mismatch and the fix.
    const g = await value<{ issues: { problem: string; message: { zh: string; en: string } }[] }>(
      mpdesk,
      'oauth.gateway',
      {},
    );
    expect(g.issues.find((i) => i.problem === 'host_mismatch')?.message.zh).toContain('10003');

    const log = await value<{ items: { reason: string; status: number; path: string }[] }>(
      mpdesk,
      'callbacks.list',
      { limit: 200 },
    );
    const refused = log.items
      .filter((x) => x.reason === 'gateway_refused')
      .map((x) => `${x.status} ${x.path}`);
    expect(refused).toEqual(
      expect.arrayContaining([
        '403 /grades',
        '400 /__mpdesk/oauth/sign-in',
        '404 /__mpdesk/oauth/tickets',
        '409 /__mpdesk/oauth/tickets',
      ]),
    );
    expect(log.items.some((x) => x.reason === 'oauth_rejected' && x.path === '/oauth/other/callback')).toBe(
      true,
    );
    expect(log.items.some((x) => x.reason === 'oauth_declined')).toBe(true);
    for (const c of [zh, en, d]) await c.context.close();
    await r.app.stop();
    await r.tunnel.close();
  });

  test('the OAuth screen: landing, fixed state and QR codes that scan to the links', async ({
    mpdesk,
    page,
  }) => {
    const r = await rig(mpdesk);
    await page.setViewportSize({ width: 1440, height: 1300 });
    await page.goto(mpdesk.consoleUrl);
    await page.evaluate(`window.location.hash = '#/oauth/${r.accountId}'`);
    await page.getByRole('textbox', { name: /落地页|Landing page/ }).fill('/grades');
    await page.getByRole('textbox', { name: 'state' }).fill('grades');
    await page.getByRole('checkbox', { name: /固定 state|Fixed state/ }).check();
    await expect(page.getByTestId('oauth-url')).toContainText('&state=grades#wechat_redirect');
    await expect(page.getByTestId('oauth-landing-url')).toHaveText(`${r.publicUrl}/grades`);
    await expect(page.getByTestId('oauth-states').locator('tr[data-state="grades"]')).toContainText(
      '/grades',
    );
    const qrs = page.getByTestId('oauth-qrs').locator('img');
    await expect(qrs).toHaveCount(2);
    const link = (await qrs.nth(0).getAttribute('data-qr-value'))!;
    expect(decode(await qrs.nth(0).screenshot())).toBe(link);
    expect(link).toContain('/connect/oauth2/authorize?');
    expect(decode(await qrs.nth(1).screenshot())).toBe(`${r.publicUrl}/grades`);
    const gateway = page.getByTestId('oauth-gateway');
    await expect(gateway.getByTestId('gateway-public-url')).toHaveText(r.publicUrl);
    expect(decode(await gateway.locator('.qr-code img').screenshot())).toBe(r.publicUrl);
    await expect(gateway.getByTestId('gateway-public-key')).toContainText('BEGIN PUBLIC KEY');
    await gateway.getByRole('button', { name: /生成新的兑换密钥|New redeem secret/ }).click();
    await expect(gateway.getByTestId('gateway-new-secret')).toHaveText(/^mpgw_\w{40}$/);
    await page.screenshot({ path: path.join(SHOTS, 'oauth-gateway-screen.png'), fullPage: true });
    await r.app.stop();
    await r.tunnel.close();
  });
});

/** What a phone's camera reads from a QR code's screenshot. */
function decode(png: Buffer): string | null {
  const img = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(img.data), img.width, img.height)?.data ?? null;
}
