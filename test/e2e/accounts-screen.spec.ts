import { callApi } from '../helpers/headless-process';
import { createAccount, gotoAccounts } from './account-helpers';
import { test, expect } from './fixtures';

/** What the Accounts screen shows around the accounts: the URL to paste once a tunnel is up, and screenshots. */
test.use({ locale: 'zh-CN' });

test('with a tunnel online, the URL to paste is the public one', async ({ mpdesk, page }) => {
  await createAccount(mpdesk, '真实公众号', { callbackSlug: 'real' });
  await gotoAccounts(page, mpdesk);
  const url = page.getByRole('article').getByTestId('server-url');
  // The sandbox account is served by the built-in platform: nothing to paste, a way to try it.
  await expect(page.getByTestId('sandbox-try-it')).toBeVisible();
  await expect(url).toHaveCount(0);
  await expect(page.getByText('无需在公众平台填写任何配置', { exact: false }).first()).toBeVisible();
  await expect(page.getByRole('link', { name: '打开消息模拟' })).toHaveAttribute('href', /#\/simulator\//);

  await page.getByTestId('account-item').filter({ hasText: '真实公众号' }).click();
  await expect(url).toHaveText('隧道或公网地址启动后显示');
  const local = page.getByTestId('server-url-local');
  await expect(local).toContainText(`${mpdesk.callbackUrl}/wx/real`);
  await expect(local).toContainText('微信无法访问');
  await expect(local.getByRole('link', { name: '设置隧道' })).toHaveAttribute('href', '#/settings/tunnel');

  expect(
    (
      await callApi(mpdesk, 'tunnel.configure', {
        provider: 'external',
        externalBaseUrl: 'https://wx.example.com',
      })
    ).body.ok,
  ).toBe(true);
  await callApi(mpdesk, 'tunnel.start');
  await expect(url).toHaveText('https://wx.example.com/wx/real');
  await expect(page.getByText('这是隧道的公网地址', { exact: false })).toBeVisible();
  await expect(local).toHaveCount(0);
  await expect(page.getByTestId('tunnel-status')).toHaveText('公网地址：https://wx.example.com');
});

test('screenshots of the Accounts screen in both languages and both themes', async ({ mpdesk, page }) => {
  await page.setViewportSize({ width: 1280, height: 820 });
  await createAccount(mpdesk, '门店服务号', {
    mode: 'safe',
    callbackSlug: 'shop-main',
    encodingAESKey: 'A'.repeat(43),
  });
  await createAccount(mpdesk, 'Brand News', { appId: 'wxfedcba9876543210' });
  await gotoAccounts(page, mpdesk);
  const settings = (patch: object) => callApi(mpdesk, 'settings.update', patch);
  for (const language of ['zh-CN', 'en'] as const) {
    for (const theme of ['light', 'dark'] as const) {
      await settings({ language, theme });
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await expect(page.locator('html')).toHaveAttribute('lang', language);
      await expect(page.getByTestId('account-item')).toHaveCount(3);
      await page.screenshot({ path: `reports/screenshots/accounts-${language}-${theme}.png` });
      await page.getByRole('button', { name: language === 'en' ? 'Add account' : '添加公众号' }).click();
      await page
        .getByRole('button', { name: language === 'en' ? 'Generate Token' : '随机生成令牌(Token)' })
        .click();
      await page.getByRole('button', { name: language === 'en' ? 'Save' : '保存' }).click();
      await page.screenshot({ path: `reports/screenshots/accounts-form-${language}-${theme}.png` });
      await page
        .getByRole('button', {
          name: language === 'en' ? 'Generate EncodingAESKey' : '随机生成消息加解密密钥(EncodingAESKey)',
        })
        .click();
      await page.getByLabel(language === 'en' ? /^Callback path/ : /^回调路径/).fill('brand-news');
      await page
        .getByRole('dialog')
        .getByRole('region', { name: language === 'en' ? 'Paste into mp.weixin.qq.com' : '填写到公众平台' })
        .scrollIntoViewIfNeeded();
      await page.screenshot({ path: `reports/screenshots/accounts-form-paste-${language}-${theme}.png` });
      await page.keyboard.press('Escape');
    }
  }
});
