import path from 'node:path';
import { test as mp, expect } from './fixtures';
import { callApi } from '../helpers/headless-process';

interface Account {
  id: string;
  name: string;
  isSandbox: boolean;
}
const OUT = path.resolve(__dirname, '../../docs/screenshots');

async function sandbox(mpdesk: { apiBase: string; token: string }): Promise<Account> {
  const list = await callApi<Account[]>(mpdesk, 'accounts.list', {});
  return list.body.value!.find((a) => a.isSandbox)!;
}

mp.describe('menu editor', () => {
  mp.use({ locale: 'zh-CN' });
  mp(
    'when WeChat’s API is unreachable it says so with Retry, and the account picker stays',
    async ({ mpdesk, page }) => {
      // A real-looking account whose API host refuses connections (nothing listens on port 9 here).
      const made = await callApi<Account>(mpdesk, 'accounts.create', {
        name: '离线的号',
        appId: 'wx0123456789abcdef',
        appSecret: 'Zq7AppSecretValue0123456789abcXY',
        token: 'tokenAbc123',
        mode: 'plain',
        apiBase: 'http://127.0.0.1:9',
        allowPlainHttpLoopback: true,
      });
      expect(made.body.ok, JSON.stringify(made.body)).toBe(true);
      await page.goto(mpdesk.consoleUrl);
      await page.evaluate(`window.location.hash = '#/menu/${made.body.value!.id}'`);
      const failed = page.getByTestId('menu-load-failed');
      await expect(failed).toContainText('无法加载菜单：无法连接微信服务器（127.0.0.1:9）：连接被拒绝');
      await expect(page.getByText('加载中…')).toHaveCount(0);
      await expect(failed).not.toContainText('MPDesk');
      // Retry asks again (and fails the same way); the picker still moves to another account.
      await failed.getByRole('button', { name: '重试' }).click();
      await expect(failed).toContainText('连接被拒绝');
      const sandboxAccount = await sandbox(mpdesk);
      await page.getByRole('combobox', { name: '公众号' }).selectOption(sandboxAccount.id);
      await expect(page.getByText('该公众号还没有菜单', { exact: false })).toBeVisible();
    },
  );

  mp(
    'build a menu in the phone preview, see core’s checks, keep the draft over a restart, publish',
    async ({ mpdesk, page }) => {
      const account = await sandbox(mpdesk);
      await page.goto(mpdesk.consoleUrl);
      await page.evaluate(`window.location.hash = '#/menu/${account.id}'`);
      await expect(page.getByText(/The account has no menu yet|该公众号还没有菜单/)).toBeVisible();

      await page.getByRole('button', { name: /^(Add menu|添加菜单)$/ }).click();
      const name = page.getByTestId('menu-field-name');
      await name.fill('今日歌曲');
      await page.getByTestId('menu-field-key').fill('V1001_TODAY');

      // A second menu with a sub-menu whose name is too long for the top level: 6 Chinese characters = 18 bytes.
      await page.getByRole('button', { name: /^(Add menu|添加菜单)$/ }).click();
      await name.fill('一二三四五六');
      const top1 = page.locator('[data-path="button.1"]');
      await expect(top1).toHaveAttribute('data-tone', 'error');
      await expect(page.getByRole('alert').filter({ hasText: /1-16 bytes|1-16 个字节/ })).toBeVisible();
      await expect(page.getByRole('button', { name: /^(Save and publish|保存并发布)$/ })).toBeDisabled();
      await expect(page.getByText(/errcode 40018|错误码 40018/)).toBeVisible();
      await name.fill('更多');
      await expect(top1).not.toHaveAttribute('data-tone', 'error');

      await page.getByRole('button', { name: /^(Add sub-menu|添加子菜单)$/ }).click();
      await name.fill('官网');
      await page.getByTestId('menu-field-type').selectOption('view');
      await page.getByTestId('menu-field-url').fill('ftp://example.com');
      await expect(page.locator('[data-path="button.1.sub_button.0"]')).toHaveAttribute('data-tone', 'error');
      await page.getByTestId('menu-field-url').fill('https://example.com/');
      await expect(page.getByText(/No problems|没有问题/)).toBeVisible();
      await expect(page.getByText(/Draft saved|草稿已保存/)).toBeVisible();

      // The draft survives a restart of the whole app.
      await expect
        .poll(async () =>
          JSON.stringify((await callApi(mpdesk, 'menu.draftGet', { accountId: account.id })).body),
        )
        .toContain('https://example.com/');
      await mpdesk.restart();
      await page.goto(mpdesk.consoleUrl);
      await page.evaluate(`window.location.hash = '#/menu/${account.id}'`);
      await expect(page.getByText(/Editing your draft|正在编辑草稿/)).toBeVisible();
      await expect(page.locator('[data-path="button.1"]')).toContainText('更多');
      // Loading the platform's menu over a draft asks first; cancelling keeps the draft.
      await page.getByRole('button', { name: /^(Load current menu|读取当前菜单)$/ }).click();
      await page
        .getByRole('dialog')
        .getByRole('button', { name: /^(Cancel|取消)$/ })
        .click();
      await expect(page.locator('[data-path="button.1"]')).toContainText('更多');

      await page.getByRole('button', { name: /^(Save and publish|保存并发布)$/ }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: /^(Save and publish|保存并发布)$/ }).click();
      await expect(page.getByText(/^(Published|已发布)/)).toBeVisible();

      // What the Simulator reads: menu/get through api.request.
      const raw = await callApi<{ response: unknown }>(mpdesk, 'api.request', {
        accountId: account.id,
        method: 'GET',
        path: '/cgi-bin/menu/get',
      });
      expect(JSON.stringify(raw.body.value?.response)).toContain('V1001_TODAY');
      // The Simulator offers the published CLICK key for a menu-click event.
      await page.evaluate(`window.location.hash = '#/simulator/${account.id}'`);
      await page.locator('.sim-composer select').first().selectOption('CLICK');
      await expect(page.locator('.sim-composer datalist option[value="V1001_TODAY"]')).toHaveCount(1);
    },
  );
});

const SAMPLE = {
  button: [
    { type: 'click', name: '今日歌曲', key: 'V1001_TODAY' },
    {
      name: '服务',
      sub_button: [
        { type: 'view', name: '官网', url: 'https://example.com/' },
        { type: 'click', name: '赞一下我们 👍', key: 'V1001_GOOD' },
        { type: 'scancode_waitmsg', name: '扫码', key: 'rselfmenu_0_0' },
        { type: 'view', name: 'Broken link', url: 'ftp://x' },
      ],
    },
    { type: 'location_select', name: '发送位置信息', key: 'rselfmenu_2_0' },
  ],
};

for (const lang of ['en', 'zh-CN'] as const) {
  for (const theme of ['light', 'dark'] as const) {
    mp(`screenshot menu ${lang} ${theme}`, async ({ page, mpdesk }) => {
      mp.skip(!process.env.MPDESK_SCREENSHOTS, 'set MPDESK_SCREENSHOTS=1 to refresh docs/screenshots');
      await page.setViewportSize({ width: 1440, height: 900 });
      await callApi(mpdesk, 'settings.update', { language: lang, theme });
      const account = await sandbox(mpdesk);
      await callApi(mpdesk, 'menu.draftSave', { accountId: account.id, menu: SAMPLE });
      await page.goto(mpdesk.consoleUrl);
      await page.evaluate(`window.location.hash = '#/menu/${account.id}'`);
      await page.locator('[data-path="button.1"]').click();
      await page.locator('[data-path="button.1.sub_button.3"]').click();
      await expect(page.locator('[data-path="button.1.sub_button.3"]')).toHaveAttribute('data-tone', 'error');
      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(OUT, `menu-${lang === 'en' ? 'en' : 'zh'}-${theme}.png`) });
    });
  }
}
