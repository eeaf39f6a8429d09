import { test, expect } from './fixtures';
import { callApi } from '../helpers/headless-process';

interface Account {
  id: string;
  isSandbox: boolean;
}

async function sandboxAccount(mpdesk: { apiBase: string; token: string }): Promise<Account> {
  const list = await callApi<Account[]>(mpdesk, 'accounts.list', {});
  const found = list.body.value?.find((a) => a.isSandbox) ?? list.body.value?.[0];
  if (!found) throw new Error('the API log needs the Sandbox account (its platform answers the calls)');
  return found;
}

test.describe('API log', () => {
  test('the console calls an endpoint, explains its errcode, and the call appears live in the log', async ({
    mpdesk,
    page,
  }) => {
    const account = await sandboxAccount(mpdesk);
    await page.goto(mpdesk.consoleUrl);
    await page.goto(`${mpdesk.apiBase}/#/apilog/${account.id}`);

    await page.getByRole('combobox', { name: /^(Endpoint path|接口路径)/ }).fill('/cgi-bin/menu/get');
    await page.getByRole('button', { name: /^(Send request|发送请求)$/ }).click();
    const result = page.getByTestId('api-result');
    await expect(result).toContainText('errcode 46003');
    await expect(result).toContainText(/menu does not exist|菜单不存在/);

    const row = page.getByTestId('apilog-row').filter({ hasText: '/cgi-bin/menu/get' });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(/46003/);
    await row.getByRole('button', { name: '/cgi-bin/menu/get' }).click();
    const detail = page.getByRole('region', { name: /^(Call|调用) \d+$/ });
    await expect(detail).toContainText(/menu does not exist|菜单不存在/);
    await expect(detail).toContainText(/Create a menu first|先创建菜单/);
    // The access_token went out, but the log shows it masked.
    await expect(detail).toContainText('access_token');

    // A call MPDesk makes by itself (here: through the API) arrives without a reload.
    await callApi(mpdesk, 'api.request', {
      accountId: account.id,
      method: 'GET',
      path: '/cgi-bin/getcallbackip',
    });
    await expect(page.getByTestId('apilog-row').filter({ hasText: '/cgi-bin/getcallbackip' })).toHaveCount(1);

    await page.getByLabel(/^(Errors only|只看出错的)$/).check();
    await expect(page.getByTestId('apilog-row').filter({ hasText: '/cgi-bin/getcallbackip' })).toHaveCount(0);
    await expect(row).toHaveCount(1);
  });

  test('bad input is shown next to its field and nothing is sent', async ({ mpdesk, page }) => {
    const account = await sandboxAccount(mpdesk);
    await page.goto(mpdesk.consoleUrl);
    await page.goto(`${mpdesk.apiBase}/#/apilog/${account.id}`);
    await page.getByLabel(/^(Method|请求方式)$/).selectOption('POST');
    await page.getByRole('combobox', { name: /^(Endpoint path|接口路径)/ }).fill('/cgi-bin/menu/create');
    await page.getByRole('textbox', { name: /^(Request body|请求包体)/ }).fill('{"button": [');
    await page.getByRole('button', { name: /^(Send request|发送请求)$/ }).click();
    await expect(page.getByRole('textbox', { name: /^(Request body|请求包体)/ })).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    await expect(page.getByText(/Not valid JSON|JSON 格式不正确/)).toBeVisible();
    const log = await callApi<{ items: unknown[] }>(mpdesk, 'apilog.list', { accountId: account.id });
    expect(
      log.body.value?.items.filter((e) => (e as { path: string }).path === '/cgi-bin/menu/create'),
    ).toHaveLength(0);
  });
});

/** Screenshots for docs/ (MPDESK_SCREENSHOTS=1). */
test('screenshots: API log', async ({ mpdesk, page }) => {
  test.skip(!process.env.MPDESK_SCREENSHOTS, 'set MPDESK_SCREENSHOTS=1 to refresh docs/screenshots');
  const account = await sandboxAccount(mpdesk);
  for (const path of ['/cgi-bin/getcallbackip', '/cgi-bin/user/get', '/cgi-bin/get_current_autoreply_info'])
    await callApi(mpdesk, 'api.request', { accountId: account.id, method: 'GET', path });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(mpdesk.consoleUrl);
  for (const language of ['zh-CN', 'en'] as const)
    for (const theme of ['light', 'dark'] as const) {
      await callApi(mpdesk, 'settings.update', { language, theme });
      await page.goto(`${mpdesk.apiBase}/#/apilog/${account.id}`);
      await page.reload();
      await page.getByRole('combobox', { name: /^(Endpoint path|接口路径)/ }).fill('/cgi-bin/menu/get');
      await page.getByRole('button', { name: /^(Send request|发送请求)$/ }).click();
      await expect(page.getByTestId('api-result')).toBeVisible();
      await page.getByTestId('apilog-row').first().click();
      await page.screenshot({
        path: `docs/screenshots/apilog-${language === 'en' ? 'en' : 'zh'}-${theme}.png`,
      });
    }
});
