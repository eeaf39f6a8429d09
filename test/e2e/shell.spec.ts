import { test, expect, type MpdeskFixture } from './fixtures';

/** The app shell: navigation from the feature registry, hash routes, status bar, language, theme, settings. */

async function api<T = unknown>(m: MpdeskFixture, method: string, input?: unknown): Promise<T> {
  const res = await fetch(`${m.apiBase}/api/call/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${m.token}`, 'content-type': 'application/json' },
    body: input === undefined ? '' : JSON.stringify(input),
  });
  const body = (await res.json()) as { ok: boolean; value: T };
  expect(body.ok).toBe(true);
  return body.value;
}

test.describe('in a Chinese browser', () => {
  test.use({ locale: 'zh-CN' });

  test('navigation lists the built screens and routes by hash', async ({ mpdesk, page }) => {
    await page.goto(mpdesk.consoleUrl);
    const nav = page.getByRole('navigation', { name: '主导航' });
    await expect(nav.getByRole('link', { name: '公众号', exact: true })).toBeVisible();
    // The token left the address bar; the route took its place.
    await expect(page).toHaveURL(/#\/[a-z]+$/);
    expect(page.url()).not.toContain('token=');

    // Every link leads to a real screen whose title is the link's name (no placeholders).
    const links = nav.getByRole('link');
    const count = await links.count();
    expect(count).toBeGreaterThanOrEqual(2);
    for (let i = 0; i < count; i++) {
      const link = links.nth(i);
      const name = (await link.innerText()).trim();
      const href = (await link.getAttribute('href'))!;
      await link.click();
      await expect(page).toHaveURL(new RegExp(`${href.replace(/[/#]/g, '\\$&')}$`));
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
      await expect(link).toHaveAttribute('aria-current', 'page');
    }

    await nav.getByRole('link', { name: '设置' }).click();
    await expect(page).toHaveURL(/#\/settings$/);
    await nav.getByRole('link', { name: '公众号', exact: true }).click();
    await expect(page).toHaveURL(/#\/accounts$/);
    await page.goBack();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('设置');

    // A reload keeps the route (the token stays in the tab's sessionStorage).
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('设置');

    // Unknown routes go home instead of showing a blank page.
    await page.evaluate(() => (window.location.hash = '#/no-such-screen'));
    await expect(page).not.toHaveURL(/no-such-screen/);
    await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('');
  });

  test('the status bar shows the event stream and the callback listener', async ({ mpdesk, page }) => {
    await page.goto(mpdesk.consoleUrl);
    await page.getByRole('navigation').getByRole('link', { name: '公众号', exact: true }).click();
    const events = page.getByTestId('events-status');
    await expect(events).toHaveText('实时更新已连接');
    await expect(page.getByTestId('callback-status')).toHaveText(`回调监听：${mpdesk.callbackUrl}`);

    // Live refresh: an account added elsewhere appears without a reload.
    await api(mpdesk, 'accounts.create', {
      name: '外部添加',
      appId: 'wx00112233445566aa',
      appSecret: 'A'.repeat(32),
      token: 'tok123',
      mode: 'plain',
    });
    await expect(page.getByTestId('account-item').filter({ hasText: '外部添加' })).toBeVisible();

    // The server goes away (a restart moves it to new ports): the bar says so.
    await mpdesk.restart();
    await expect(events).toHaveText('实时更新已断开，正在重连…');
  });

  test('the language follows the browser, can be switched, and is remembered by the server', async ({
    mpdesk,
    page,
    browser,
  }) => {
    await page.goto(mpdesk.consoleUrl);
    await page.getByRole('navigation').getByRole('link', { name: '公众号', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('公众号');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');

    await page.getByRole('group', { name: '语言' }).getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Accounts');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(
      page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'English' }),
    ).toHaveAttribute('aria-pressed', 'true');
    await expect
      .poll(async () => (await api<{ language: string }>(mpdesk, 'settings.get')).language)
      .toBe('en');

    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Accounts');

    // A fresh browser profile (no localStorage) still gets the saved choice from the server.
    const other = await browser.newContext({ locale: 'zh-CN' });
    const p2 = await other.newPage();
    await p2.goto(mpdesk.consoleUrl);
    await expect(p2.locator('html')).toHaveAttribute('lang', 'en');
    await expect(p2.getByRole('link', { name: 'Accounts', exact: true })).toBeVisible();

    // Switching from the Settings screen, back to following the system (a Chinese browser here).
    await page.getByRole('navigation').getByRole('link', { name: 'Settings', exact: true }).click();
    await page.getByRole('combobox', { name: 'Display language' }).selectOption('auto');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('设置');
    // Other windows follow live (settings.changed).
    await expect(p2.getByRole('link', { name: '公众号', exact: true })).toBeVisible();
    await expect(p2.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await other.close();
  });

  test('theme follows the OS, can be overridden in Settings, and is remembered', async ({ mpdesk, page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(mpdesk.consoleUrl + '');
    const html = page.locator('html');
    await expect(html).toHaveAttribute('data-theme', 'dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect(html).toHaveAttribute('data-theme', 'light');

    await page.getByRole('navigation').getByRole('link', { name: '设置', exact: true }).click();
    const themes = page.getByRole('group', { name: '主题' });
    await themes.getByRole('button', { name: '深色' }).click();
    await expect(html).toHaveAttribute('data-theme', 'dark');
    await expect(themes.getByRole('button', { name: '深色' })).toHaveAttribute('aria-pressed', 'true');
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe('rgb(18, 19, 21)');
    await expect.poll(async () => (await api<{ theme: string }>(mpdesk, 'settings.get')).theme).toBe('dark');

    await page.reload();
    await expect(html).toHaveAttribute('data-theme', 'dark');
    await page.setViewportSize({ width: 1280, height: 820 });
    await page.screenshot({ path: 'reports/screenshots/settings-zh-CN-dark.png' });

    await themes.getByRole('button', { name: '跟随系统' }).click();
    await expect(html).toHaveAttribute('data-theme', 'light');
  });

  test('settings validate the reply deadline and the log retention next to the fields', async ({
    mpdesk,
    page,
  }) => {
    await page.goto(mpdesk.consoleUrl);
    await page.getByRole('navigation').getByRole('link', { name: '设置', exact: true }).click();
    await expect(page.getByLabel('被动回复时限')).toBeVisible();
    await expect(page.getByLabel('回调日志保留天数')).toBeVisible();
    // By id from here on: the labels change language below.
    const deadline = page.locator('#settings-replyDeadlineMs');
    const retention = page.locator('#settings-callbackLogRetentionDays');
    await expect(deadline).toHaveValue('4500');
    await deadline.fill('100');
    await retention.fill('abc');
    await retention.press('Enter');
    await expect(page.locator('[data-field="settings-replyDeadlineMs"] .field-error')).toHaveText(
      '请输入 500 到 4900 之间的整数',
    );
    await expect(page.locator('[data-field="settings-callbackLogRetentionDays"] .field-error')).toHaveText(
      '请输入数字',
    );
    await expect(deadline).toHaveAttribute('aria-invalid', 'true');

    await page.getByRole('group', { name: '语言' }).getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.locator('[data-field="settings-replyDeadlineMs"] .field-error')).toHaveText(
      'Enter a whole number from 500 to 4900',
    );

    await deadline.fill('3000');
    await retention.fill('7');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
    const s = await api<{ replyDeadlineMs: number; callbackLogRetentionDays: number }>(
      mpdesk,
      'settings.get',
    );
    expect(s).toMatchObject({ replyDeadlineMs: 3000, callbackLogRetentionDays: 7 });
    await expect(page.locator('.field-error')).toHaveCount(0);
  });
});

test('without the console token the page explains how to open it, and the API stays shut', async ({
  mpdesk,
  page,
}) => {
  await page.goto(`${mpdesk.apiBase}/#/accounts`);
  await expect(
    page.getByRole('heading', {
      name: /Open the console from the address MPDesk printed|请通过 MPDesk 打印的地址打开控制台/,
    }),
  ).toBeVisible();
  await expect(page.getByRole('navigation')).toHaveCount(0);
});

test.describe('in an English browser', () => {
  test.use({ locale: 'en-US' });

  test('the UI starts in English', async ({ mpdesk, page }) => {
    await page.goto(mpdesk.consoleUrl);
    await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
    await page.getByRole('navigation').getByRole('link', { name: 'Accounts', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Accounts');
    await expect(page.getByTestId('events-status')).toHaveText('Live updates connected');
    await expect(page.getByTestId('callback-status')).toHaveText(`Callback listener: ${mpdesk.callbackUrl}`);
  });
});
