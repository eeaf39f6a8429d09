import path from 'node:path';
import { callApi } from '../helpers/headless-process';
import { buildWechatRequest, nowTimestamp } from '../helpers/wechat-side';
import { cdata } from '../../src/core/wechat';
import { expect, test } from './fixtures';
import { firstOf } from '../helpers/indexed';

/**
 * The Platform screen (第三方平台, docs/wechat-protocol.md §11) end to end: configure a sandbox platform,
 * copy its callback URLs, watch the ticket arrive and the component token come, build the §11.5
 * link, and see an account appear live after an `authorized` push.
 */
const SHOTS = path.resolve(
  __dirname,
  process.env.MPDESK_SCREENSHOTS ? '../../docs/screenshots' : '../../reports/screenshots',
);
const C = {
  appId: 'wxc0ffee0123456789',
  secret: 'C'.repeat(16) + 'c'.repeat(16),
  token: 'componentToken42',
  aesKey: 'ComponentKey0123456789abcdefghijklmnopqrstu',
};
interface Platform {
  id: string;
  authorizers: { appid: string }[];
}

test('configure a sandbox platform, ticket and token, authorization link, authorizer appears live', async ({
  mpdesk,
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 1500 });
  await page.goto(mpdesk.consoleUrl);
  await page.evaluate(`window.location.hash = '#/component'`);
  await expect(page.getByText(/No third-party platform yet|还没有第三方平台/)).toBeVisible();

  await page.getByRole('button', { name: /^(Add platform|添加平台)$/ }).click();
  await page.getByLabel(/^(Name|名称)$/).fill('测试平台');
  await page.getByLabel(/^(Component AppID|第三方平台 AppID)$/).fill(C.appId);
  await page.getByLabel(/^(Component AppSecret|第三方平台 AppSecret)$/).fill(C.secret);
  await page.getByLabel(/消息校验Token/).fill(C.token);
  await page.getByLabel(/消息加解密Key/).fill(C.aesKey);
  await page.getByLabel(/^(WeChat API|微信接口)$/).selectOption('sandbox');
  await page.getByRole('button', { name: /^(Save|保存)$/ }).click();

  const platform = firstOf((await callApi<Platform[]>(mpdesk, 'component.list')).body.value!);
  await expect(page.getByTestId('component-events-url')).toHaveText(
    `${mpdesk.callbackUrl}/component/${platform.id}/events`,
  );
  await expect(page.getByTestId('component-messages-url')).toHaveText(
    `${mpdesk.callbackUrl}/component/${platform.id}/$APPID$/messages`,
  );
  await expect(page.getByTestId('component-ticket')).toContainText(/every 10 minutes|每 10 分钟/);
  await expect(
    page.getByRole('button', { name: /Copy authorization event URL|复制授权事件接收URL/ }),
  ).toBeEnabled();

  // A public URL (the tunnel) replaces the local one live: that is what WeChat must be given.
  await callApi(mpdesk, 'tunnel.configure', {
    provider: 'external',
    externalBaseUrl: 'https://wx.example.com',
  });
  await callApi(mpdesk, 'tunnel.start');
  await expect(page.getByTestId('component-events-url')).toHaveText(
    `https://wx.example.com/component/${platform.id}/events`,
  );
  await expect(page.getByTestId('component-messages-url')).toHaveText(
    `https://wx.example.com/component/${platform.id}/$APPID$/messages`,
  );

  await page.getByRole('button', { name: /^(Push a ticket \(sandbox\)|推送票据（沙箱）)$/ }).click();
  await expect(page.getByTestId('component-ticket')).toContainText(/Received|收到/);
  await page.getByRole('button', { name: /^(Fetch token|获取令牌)$/ }).click();
  await expect(page.getByTestId('component-token')).toContainText(/Valid until|有效期至/);

  const accounts = await callApi<{ appId: string; isSandbox: boolean }[]>(mpdesk, 'accounts.list', {});
  const biz = accounts.body.value!.find((a) => a.isSandbox)!.appId;
  await page.getByLabel(/biz_appid/).fill(biz);
  await page.getByLabel(/redirect_uri/).fill('https://admin.example.com/authorized');
  await page.getByRole('button', { name: /^(Create pre_auth_code and build|创建预授权码并生成)$/ }).click();
  const url = page.getByTestId('component-auth-url');
  await expect(url).toContainText('https://mp.weixin.qq.com/cgi-bin/componentloginpage?component_appid=');
  await expect(url).toContainText(
    `&redirect_uri=${encodeURIComponent('https://admin.example.com/authorized')}&auth_type=3&biz_appid=${biz}`,
  );

  // The admin confirms on the sandbox's page; WeChat then pushes `authorized` (§11.3).
  const built = await callApi<{ sandboxUrl: string }>(mpdesk, 'component.buildAuthUrl', {
    id: platform.id,
    kind: 'pc',
    bizAppid: biz,
    redirectUri: 'https://admin.example.com/authorized',
  });
  const r = await fetch(built.body.value!.sandboxUrl, { redirect: 'manual' });
  const code = new URL(r.headers.get('location')!).searchParams.get('auth_code')!;
  const xml = `<xml><AppId>${cdata(C.appId)}</AppId><CreateTime>1413192760</CreateTime><InfoType>${cdata('authorized')}</InfoType><AuthorizerAppid>${cdata(biz)}</AuthorizerAppid><AuthorizationCode>${cdata(code)}</AuthorizationCode><AuthorizationCodeExpiredTime>1413193360</AuthorizationCodeExpiredTime><PreAuthCode>${cdata('preauthcode@@@x')}</PreAuthCode></xml>`;
  const req = buildWechatRequest({ token: C.token, appId: C.appId, aesKey: C.aesKey, mode: 'safe' }, xml, {
    openid: null,
    timestamp: nowTimestamp(),
  });
  const push = await fetch(req.url(mpdesk.callbackUrl, `/component/${platform.id}/events`), {
    method: 'POST',
    headers: req.headers,
    body: req.body,
  });
  expect(await push.text()).toBe('success');

  const table = page.getByTestId('component-authorizers');
  await expect(table).toContainText(biz);
  await expect(table).toContainText('1, 2, 3, 4, 7, 11');
  await expect(table).toContainText(/Valid until|有效期至/);

  // With redirect_uri left empty, the link lands on MPDesk's own page, which exchanges the auth_code.
  await page.getByLabel(/redirect_uri/).fill('');
  await page.getByRole('button', { name: /^(Create pre_auth_code and build|创建预授权码并生成)$/ }).click();
  await expect(url).toContainText(
    `&redirect_uri=${encodeURIComponent(`https://wx.example.com/component/${platform.id}/authorized`)}&`,
  );
  const local = await callApi<{ sandboxUrl: string }>(mpdesk, 'component.buildAuthUrl', {
    id: platform.id,
    kind: 'pc',
    bizAppid: biz,
    redirectUri: `${mpdesk.callbackUrl}/component/${platform.id}/authorized`,
  });
  const landing = await page.context().newPage();
  await landing.goto(local.body.value!.sandboxUrl);
  await expect(landing.locator('h1')).toHaveAttribute('data-outcome', 'ok');
  await expect(landing.locator('h1')).toContainText(`Authorized: ${biz}`);
  await landing.close();
  await expect(table).toContainText('redirect');
  await page.screenshot({ path: path.join(SHOTS, 'component-light.png'), fullPage: true });

  await callApi(mpdesk, 'settings.update', { language: 'zh-CN', theme: 'dark' });
  await expect(page.getByRole('heading', { name: '已授权账号' })).toBeVisible();
  await page.screenshot({ path: path.join(SHOTS, 'component-zh-dark.png'), fullPage: true });
});
