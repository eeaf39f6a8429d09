import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test as mp, expect, type MpdeskFixture } from './fixtures';
import { callApi } from '../helpers/headless-process';

interface Account {
  id: string;
  isSandbox: boolean;
}
const OUT = path.resolve(__dirname, '../../docs/screenshots');
const LANGS = { en: /^(Sync fans)$/, 'zh-CN': /^(同步用户)$/ } as const;

async function sandbox(mpdesk: MpdeskFixture): Promise<Account> {
  const list = await callApi<Account[]>(mpdesk, 'accounts.list', {});
  return list.body.value!.find((a) => a.isSandbox)!;
}

/** Syncs through the API and waits for the store to have everyone (for the screenshots). */
async function syncThroughApi(mpdesk: MpdeskFixture, accountId: string): Promise<void> {
  await callApi(mpdesk, 'fans.sync', { accountId });
  await expect
    .poll(
      async () =>
        (await callApi<{ state: string }>(mpdesk, 'fans.syncStatus', { accountId })).body.value!.state,
    )
    .toBe('done');
}

const rows = (page: Page) => page.locator('.fans-item');

for (const lang of ['en', 'zh-CN'] as const) {
  mp.describe(`fans (${lang})`, () => {
    mp(
      'sync from WeChat, search, remark, tag in a batch, blacklist, export the filter as CSV',
      async ({ mpdesk, page }) => {
        await callApi(mpdesk, 'settings.update', { language: lang });
        const account = await sandbox(mpdesk);
        await page.goto(mpdesk.consoleUrl);
        await page.evaluate(`window.location.hash = '#/fans/${account.id}'`);
        // Nothing in the store before the first sync.
        await expect(page.locator('.fans-empty')).toBeVisible();
        await page.getByRole('button', { name: LANGS[lang] }).click();
        const count = page.locator('.fans-count');
        await expect(count).toHaveText(lang === 'en' ? '1,000 fans' : '共 1,000 人', { timeout: 20_000 });
        await expect(rows(page).first()).toBeVisible();
        expect(await rows(page).count()).toBeLessThan(80);

        // A fragment from the middle of an openid finds that fan.
        const openid = (await rows(page).nth(3).getAttribute('data-openid'))!;
        const search = page.getByRole('searchbox');
        await search.fill(openid.slice(9, 17));
        await expect(rows(page)).toHaveCount(1);
        await expect(count).toHaveText(lang === 'en' ? '1 fan' : '共 1 人');
        await rows(page).first().click();
        const drawer = page.getByRole('complementary');
        await expect(drawer).toContainText(openid);
        const remark = drawer.getByLabel(/^(Remark|备注名)/);
        await remark.fill('字'.repeat(30));
        await drawer.getByRole('button', { name: /Save remark|保存备注/ }).click();
        await expect(drawer.getByRole('alert')).toContainText(/30/);
        await remark.fill('老王🍉 VIP');
        await drawer.getByRole('button', { name: /Save remark|保存备注/ }).click();
        await expect(drawer.getByRole('status')).toBeVisible();
        await expect(rows(page).first()).toContainText('老王🍉 VIP');
        await search.fill('老王');
        await expect(rows(page)).toHaveCount(1);

        // Blacklist them from the drawer; the filter finds them.
        await drawer.getByRole('button', { name: /^(Blacklist|加入黑名单)$/ }).click();
        await expect(rows(page).first()).toContainText(/blacklisted|黑名单/);
        await search.fill('');
        await page.getByRole('combobox', { name: /^(Status|状态)$/ }).selectOption('blacklisted');
        await expect(count).toHaveText(lang === 'en' ? '1 fan' : '共 1 人');
        await page.getByRole('combobox', { name: /^(Status|状态)$/ }).selectOption('all');

        // A tag made in the tag manager, given to three fans at once.
        await page.getByRole('button', { name: /Manage tags|标签管理/ }).click();
        const dialog = page.getByRole('dialog');
        await dialog.getByLabel(/New tag name|新标签名/).fill('双十一');
        await dialog.getByRole('button', { name: /Create tag|新建标签/ }).click();
        await expect(dialog.getByText('双十一')).toBeVisible();
        await dialog
          .getByRole('button', { name: /Close|关闭/ })
          .first()
          .click();
        await drawer.getByRole('button', { name: /Close|关闭/ }).click();
        for (let i = 0; i < 3; i++) await rows(page).nth(i).getByRole('checkbox').check();
        const batch = page.getByRole('region', { name: /Selected fans|已选用户/ });
        await expect(batch).toContainText(lang === 'en' ? '3 fans selected' : '已选 3 人');
        await batch
          .getByLabel(/Tag for the selected fans|为已选用户选择标签/)
          .selectOption({ label: '双十一' });
        await batch.getByRole('button', { name: /^(Add tag|打标签)$/ }).click();
        await expect(batch.getByRole('status')).toContainText(
          lang === 'en' ? '3 fans changed' : '已更改 3 人',
        );
        await page.getByRole('combobox', { name: /^(Tag|标签)$/ }).selectOption({ label: '双十一' });
        await expect(count).toHaveText(lang === 'en' ? '3 fans' : '共 3 人');

        // Export what the filter shows.
        const download = page.waitForEvent('download');
        await page.getByRole('button', { name: /Export CSV|导出 CSV/ }).click();
        const file = await download;
        const csv = fs.readFileSync((await file.path())!, 'utf8');
        expect(csv.charCodeAt(0)).toBe(0xfeff);
        const lines = csv.trim().split('\r\n');
        expect(lines).toHaveLength(4);
        expect(lines[0]).toContain(lang === 'en' ? 'Remark' : '备注名');
        expect(lines.slice(1).every((l) => l.includes('双十一'))).toBe(true);
      },
    );
  });
}

for (const lang of ['en', 'zh-CN'] as const) {
  for (const theme of ['light', 'dark'] as const) {
    mp(`screenshot fans ${lang} ${theme}`, async ({ page, mpdesk }) => {
      mp.skip(!process.env.MPDESK_SCREENSHOTS, 'set MPDESK_SCREENSHOTS=1 to refresh docs/screenshots');
      await page.setViewportSize({ width: 1440, height: 900 });
      await callApi(mpdesk, 'settings.update', { language: lang, theme });
      const account = await sandbox(mpdesk);
      await callApi(mpdesk, 'sandbox.generateFans', { accountId: account.id, count: 300 });
      await syncThroughApi(mpdesk, account.id);
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
      await rows(page).nth(2).click();
      await expect(page.getByRole('complementary')).toBeVisible();
      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(OUT, `fans-${lang === 'en' ? 'en' : 'zh'}-${theme}.png`) });
    });
  }
}
