import { test, expect } from './fixtures';
import { callApi } from '../helpers/headless-process';

/**
 * Settings → version and updates, and the desktop app's own settings. In headless mode the page
 * says updates are for the desktop app and shows no desktop settings. The desktop card is then
 * shown by answering `app.status` as the Electron shell would (the only answer altered); what it
 * saves goes to the real server.
 */
test.describe('settings: desktop app and updates', () => {
  test('headless shows its version and says updates are for the desktop app', async ({ mpdesk, page }) => {
    await page.goto(mpdesk.consoleUrl);
    await page.evaluate(() => (location.hash = '#/settings'));
    const version = page.getByTestId('app-version');
    await expect(version).toHaveText(/^MPDesk \d+\.\d+\.\d+/);
    await expect(page.getByTestId('update-state')).toHaveText(
      /Updates are for the desktop app|自动更新仅适用于桌面应用/,
    );
    await expect(page.getByRole('button', { name: /Check for updates|检查更新/ })).toHaveCount(0);
    await expect(page.getByRole('heading', { name: /Desktop app|桌面应用/ })).toHaveCount(0);
  });

  test('the desktop card saves each switch and checks the feed URL', async ({ mpdesk, page }) => {
    await page.route('**/api/call/app.status', async (route) => {
      const res = await route.fetch();
      const body = (await res.json()) as { ok: boolean; value: { shell: string } };
      body.value.shell = 'electron';
      await route.fulfill({ response: res, json: body });
    });
    await callApi(mpdesk, 'settings.update', { language: 'en' });
    await page.goto(mpdesk.consoleUrl);
    await page.evaluate(() => (location.hash = '#/settings'));
    const card = page.getByRole('region', { name: 'Desktop app' });
    await expect(card).toBeVisible();
    const tray = card.getByRole('checkbox', { name: /Keep running in the tray/ });
    await expect(tray).toBeChecked();
    await tray.uncheck();
    await card.getByRole('checkbox', { name: /tunnel goes offline/ }).uncheck();
    await expect
      .poll(async () => (await callApi<Record<string, unknown>>(mpdesk, 'settings.get', {})).body.value)
      .toMatchObject({ closeToTray: false, notifyTunnel: false, notifyFanMessages: true });

    const feed = card.getByLabel('Update feed');
    await feed.fill('http://dl.example.com/mpdesk');
    await card.getByRole('button', { name: 'Save' }).click();
    await expect(card.locator('[data-field="settings-updateFeedUrl"] .field-error')).toHaveText(
      'An https:// URL of the folder holding latest.yml (http:// only for localhost), or empty',
    );
    await feed.fill('https://dl.example.com/mpdesk/');
    await card.getByRole('button', { name: 'Save' }).click();
    await expect(card.getByRole('status')).toHaveText('Saved');
    await expect
      .poll(
        async () =>
          (await callApi<{ updateFeedUrl: string }>(mpdesk, 'settings.get', {})).body.value?.updateFeedUrl,
      )
      .toBe('https://dl.example.com/mpdesk/');
    await page.screenshot({ path: 'reports/screenshots/settings-desktop-en.png', fullPage: true });
    await callApi(mpdesk, 'settings.update', { language: 'zh-CN' });
    await expect(page.getByRole('region', { name: '桌面应用' })).toBeVisible();
    await page.getByTestId('update-state').scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'reports/screenshots/settings-desktop-zh-CN.png' });
  });
});
