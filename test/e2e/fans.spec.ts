import path from 'node:path';
import { test as mp, expect } from './fixtures';
import { callApi } from '../helpers/headless-process';

interface Account {
  id: string;
  isSandbox: boolean;
}
const OUT = path.resolve(__dirname, '../../docs/screenshots');

async function sandbox(mpdesk: { apiBase: string; token: string }): Promise<Account> {
  const list = await callApi<Account[]>(mpdesk, 'accounts.list', {});
  return list.body.value!.find((a) => a.isSandbox)!;
}

mp.describe('fans', () => {
  mp(
    'generate followers, scroll a virtualized list, search, set a CJK/emoji remark in the drawer',
    async ({ mpdesk, page }) => {
      const account = await sandbox(mpdesk);
      await page.goto(mpdesk.consoleUrl);
      await page.evaluate(`window.location.hash = '#/fans/${account.id}'`);
      const count = page.locator('.fans-count');
      await expect(count).toContainText(/of|共/);
      // Counts are grouped as the UI language groups them (1,234).
      const before = Number((await count.textContent())!.match(/([\d,]+)\D*$/)![1].replace(/,/g, ''));

      await page.getByLabel(/^(How many|数量)$/).fill('2000');
      await page.getByRole('button', { name: /^(Generate fans|生成用户)$/ }).click();
      await expect(page.getByText((before + 2000).toLocaleString('en-US')).first()).toBeVisible();
      // Only the visible rows are in the DOM.
      const rows = page.locator('.fans-item');
      await expect(rows.first()).toBeVisible();
      expect(await rows.count()).toBeLessThan(80);
      // Scrolling to the end pages in the next batch of 100.
      await page.locator('.fans-scroll').evaluate((el) => (el.scrollTop = el.scrollHeight));
      await expect(count).toContainText(/200 /);

      const openid = (await rows.nth(3).getAttribute('data-openid'))!;
      await page.getByRole('searchbox').fill(openid.slice(0, 12));
      await expect(rows).toHaveCount(1);
      await rows.first().click();
      const drawer = page.getByRole('complementary', { name: /Follower|用户详情/ });
      await expect(drawer).toContainText(openid);
      await drawer.getByLabel(/^(Remark|备注名)/).fill('字'.repeat(30));
      await drawer.getByRole('button', { name: /Save remark|保存备注/ }).click();
      await expect(drawer.getByRole('alert')).toContainText(/30/);
      await drawer.getByLabel(/^(Remark|备注名)/).fill('老王🍉 VIP');
      await drawer.getByRole('button', { name: /Save remark|保存备注/ }).click();
      await expect(drawer.getByRole('status')).toBeVisible();
      await expect(rows.first()).toContainText('老王🍉 VIP');
      await page.getByRole('searchbox').fill('🍉');
      await expect(rows).toHaveCount(1);
    },
  );
});

for (const lang of ['en', 'zh-CN'] as const) {
  for (const theme of ['light', 'dark'] as const) {
    mp(`screenshot fans ${lang} ${theme}`, async ({ page, mpdesk }) => {
      mp.skip(!process.env.MPDESK_SCREENSHOTS, 'set MPDESK_SCREENSHOTS=1 to refresh docs/screenshots');
      await page.setViewportSize({ width: 1440, height: 900 });
      await callApi(mpdesk, 'settings.update', { language: lang, theme });
      const account = await sandbox(mpdesk);
      await callApi(mpdesk, 'sandbox.generateFans', { accountId: account.id, count: 300 });
      const list = await callApi<{ items: { openid: string }[] }>(mpdesk, 'fans.list', {
        accountId: account.id,
        limit: 6,
      });
      const names = ['张伟', '🌸小雨🌸', '老王🍉 VIP', 'Alice 🐱', '李娜'];
      for (const [i, f] of list.body.value!.items.slice(0, 5).entries()) {
        await callApi(mpdesk, 'fans.remark', { accountId: account.id, openid: f.openid, remark: names[i] });
      }
      await page.goto(mpdesk.consoleUrl);
      await page.evaluate(`window.location.hash = '#/fans/${account.id}'`);
      await page.locator('.fans-item').nth(2).click();
      await expect(page.getByRole('complementary')).toBeVisible();
      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(OUT, `fans-${lang === 'en' ? 'en' : 'zh'}-${theme}.png`) });
    });
  }
}
