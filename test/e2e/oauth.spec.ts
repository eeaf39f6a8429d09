import path from 'node:path';
import type { Page } from '@playwright/test';
import { callApi } from '../helpers/headless-process';
import { expect, test } from './fixtures';
import { firstOf } from '../helpers/indexed';

/**
 * The OAuth screen end to end (docs/wechat-protocol.md §8): build a link, follow it through the sandbox
 * platform's authorize page (a 302 to MPDesk's callback, as WeChat does), and watch the session
 * appear live with the user's nickname.
 */
interface Account {
  id: string;
  name: string;
  appId: string;
  isSandbox: boolean;
}
interface Session {
  openid: string;
  nickname: string | null;
  scope: string;
}

// docs/screenshots/oauth-*.png are refreshed with MPDESK_SCREENSHOTS=1; ordinary runs write to reports/.
const SHOTS = path.resolve(
  __dirname,
  process.env.MPDESK_SCREENSHOTS ? '../../docs/screenshots' : '../../reports/screenshots',
);

async function sandboxAccount(mpdesk: { apiBase: string; token: string }): Promise<Account> {
  const list = await callApi<Account[]>(mpdesk, 'accounts.list', {});
  const found = list.body.value?.find((a) => a.isSandbox);
  if (!found) throw new Error('the first-run Sandbox account is missing');
  return found;
}

async function openScreen(page: Page, mpdesk: { consoleUrl: string }, accountId: string) {
  await page.goto(mpdesk.consoleUrl);
  await page.evaluate(`window.location.hash = '#/oauth/${accountId}'`);
  await expect(page.getByTestId('oauth-url')).toContainText(
    'https://open.weixin.qq.com/connect/oauth2/authorize?appid=',
  );
}

test.describe('web OAuth screen', () => {
  test('build a link, follow it through the sandbox, see the session appear live with the nickname', async ({
    mpdesk,
    page,
    context,
  }) => {
    const account = await sandboxAccount(mpdesk);
    await page.setViewportSize({ width: 1440, height: 960 });
    await openScreen(page, mpdesk, account.id);

    await page.getByRole('radio', { name: /snsapi_userinfo/ }).check();
    const state = page.getByRole('textbox', { name: 'state' });
    await expect(state).toHaveValue(/^[A-Za-z0-9]{24}$/);
    const stateValue = await state.inputValue();
    const urlBox = page.getByTestId('oauth-url');
    await expect(urlBox).toContainText('scope=snsapi_userinfo');
    const url = (await urlBox.textContent())!;
    // §8.2: exact parameter order, redirect_uri fully encoded, the mandatory fragment.
    const redirect = `${mpdesk.callbackUrl}/oauth/sandbox/callback`;
    expect(url).toBe(
      `https://open.weixin.qq.com/connect/oauth2/authorize?appid=${account.appId}&redirect_uri=${encodeURIComponent(redirect)}&response_type=code&scope=snsapi_userinfo&state=${stateValue}#wechat_redirect`,
    );
    await expect(page.getByTestId('oauth-last')).toContainText(/Waiting for the callback|等待回调/);

    const [popup] = await Promise.all([
      context.waitForEvent('page'),
      page.getByTestId('oauth-open-sandbox').click(),
    ]);
    await popup.waitForLoadState();
    // The sandbox plays WeChat's pages: which fan this browser is (once), then 允许.
    await popup.locator('a.fan').first().click();
    await popup.locator('#allow').click();
    await expect(popup).toHaveURL(new RegExp(`^${escapeRe(redirect)}\\?code=`));
    await expect(popup.locator('h1')).toHaveAttribute('data-outcome', 'ok');
    await expect(popup.locator('h1')).toContainText('网页授权成功');
    await expect(popup.locator('h1')).toContainText('Web OAuth succeeded');

    const sessions = await callApi<Session[]>(mpdesk, 'oauth.sessions', { accountId: account.id });
    const s = firstOf(sessions.body.value!);
    expect(s.scope).toBe('snsapi_userinfo');
    expect(s.nickname).toBeTruthy();
    await expect(popup.locator('dd').first()).toHaveText(s.nickname!);
    await popup.screenshot({ path: path.join(SHOTS, 'oauth-callback-page.png') });
    await popup.close();

    // The console shows it live: no reload.
    const list = page.getByTestId('oauth-sessions');
    await expect(list.locator('.oauth-nickname').first()).toHaveText(s.nickname!);
    await expect(list).toContainText(s.openid);
    await expect(page.getByTestId('oauth-last')).toContainText(/Signed in|授权成功/);
    await expect(page.getByTestId('oauth-last')).toContainText(s.nickname!);
    // The used state is replaced by a fresh one.
    await expect(state).not.toHaveValue(stateValue);
    await page.screenshot({ path: path.join(SHOTS, 'oauth-en-light.png') });

    // Check the web token (§8.6) from the list.
    await list
      .getByRole('button', { name: new RegExp(`^(Check token|检验 token).*${escapeRe(s.nickname!)}`) })
      .click();
    await expect(list).toContainText(/sns\/auth/);
    await expect(list.locator('.oauth-session').first()).toContainText(/valid|有效/);
  });

  test('a forged state is refused with the CSRF explanation, and the screen says so', async ({
    mpdesk,
    page,
    context,
  }) => {
    const account = await sandboxAccount(mpdesk);
    await openScreen(page, mpdesk, account.id);
    const other = await context.newPage();
    const res = await other.goto(
      `${mpdesk.callbackUrl}/oauth/sandbox/callback?code=abcdef123456&state=notOurs`,
    );
    expect(res!.status()).toBe(403);
    await expect(other.locator('h1')).toHaveAttribute('data-outcome', 'rejected');
    await expect(other.locator('body')).toContainText('CSRF');
    await other.close();
    await expect(page.getByTestId('oauth-last')).toContainText(/Rejected|已拒绝/);
    await expect(page.getByTestId('oauth-last')).toContainText('CSRF');
  });

  test('the 网页授权域名 check warns about a redirect_uri on another domain, in Chinese too', async ({
    mpdesk,
    page,
  }) => {
    const account = await sandboxAccount(mpdesk);
    await callApi(mpdesk, 'settings.update', { language: 'zh-CN' });
    await page.setViewportSize({ width: 1440, height: 960 });
    await openScreen(page, mpdesk, account.id);
    await page.getByRole('textbox', { name: '网页授权域名' }).fill('wx.example.com');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await expect(page.getByText('已保存')).toBeVisible();
    await page.getByRole('textbox', { name: '回调地址(redirect_uri)' }).fill('https://pay.example.com/h5/cb');
    const issue = page.locator('[data-problem="host_mismatch"]');
    await expect(issue).toContainText('10003');
    await expect(page.getByTestId('oauth-url')).toContainText(
      'redirect_uri=https%3A%2F%2Fpay.example.com%2Fh5%2Fcb&',
    );
    await page.getByRole('textbox', { name: 'state' }).fill('bad-state!');
    await expect(page.getByText('state：1-128 位字母或数字')).toBeVisible();
    await page.getByRole('textbox', { name: 'state' }).fill('myState1');
    await expect(page.getByTestId('oauth-url')).toContainText('&state=myState1#wechat_redirect');
    await callApi(mpdesk, 'settings.update', { theme: 'dark' });
    await page.waitForTimeout(200);
    await page.screenshot({ path: path.join(SHOTS, 'oauth-zh-dark.png') });
  });
});

test('checking a link built by your own code: wrong order and encoding found, the fixed link offered', async ({
  mpdesk,
  page,
}) => {
  const account = await sandboxAccount(mpdesk);
  await page.setViewportSize({ width: 1440, height: 1100 });
  await openScreen(page, mpdesk, account.id);
  await page
    .getByRole('textbox', { name: /Authorize link your H5 page builds|你的 H5 页面生成的授权链接/ })
    .fill(
      `https://open.weixin.qq.com/connect/oauth2/authorize?redirect_uri=https://h5.example.com/cb&appid=${account.appId}&response_type=code&scope=snsapi_userinfo&state=xyz`,
    );
  await page.getByRole('button', { name: /^(Check|检查)$/ }).click();
  const problems = page.getByTestId('oauth-inspect-problems');
  await expect(problems.locator('[data-problem="order"]')).toContainText('该链接无法访问');
  await expect(problems.locator('[data-problem="encoding"]')).toBeVisible();
  await expect(problems.locator('[data-problem="fragment"]')).toBeVisible();
  await expect(page.getByTestId('oauth-inspect-fixed')).toHaveText(
    `https://open.weixin.qq.com/connect/oauth2/authorize?appid=${account.appId}&redirect_uri=https%3A%2F%2Fh5.example.com%2Fcb&response_type=code&scope=snsapi_userinfo&state=xyz#wechat_redirect`,
  );
  await page.getByTestId('oauth-inspect-fixed').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SHOTS, 'oauth-inspect-en-light.png'), fullPage: true });
});

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
