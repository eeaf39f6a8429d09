import { callApi } from '../helpers/headless-process';
import { test, expect } from './fixtures';

/**
 * An account's developer settings (#/accounts/<id>/developer): forwarding to the developer's own
 * server and the MP_verify files the mp backend asks for, reached from the account and from the
 * setup doctor's advice.
 */
interface Account {
  id: string;
  name: string;
}

const CODE = 'AbCdEfGh12345678';
const FILE = `MP_verify_${CODE}.txt`;

test.use({ locale: 'zh-CN' });

async function realAccount(mpdesk: { apiBase: string; token: string }): Promise<Account> {
  const made = await callApi<Account>(mpdesk, 'accounts.create', {
    name: '开发号',
    appId: 'wx0123456789abcdef',
    appSecret: 'Zq7AppSecretValue0123456789abcXY',
    token: 'tokenAbc123',
    mode: 'plain',
  });
  expect(made.body.ok, JSON.stringify(made.body)).toBe(true);
  return made.body.value!;
}

test('the doctor names the developer settings, and its link opens them; a MP_verify file uploads, is served, and is deleted', async ({
  mpdesk,
  page,
}) => {
  const account = await realAccount(mpdesk);
  await page.goto(mpdesk.consoleUrl);
  await page.goto(`${mpdesk.apiBase}/#/dashboard/${account.id}`);
  await page.getByRole('button', { name: '开始检查' }).click();
  const check = page.getByTestId('check-mp_verify');
  await expect(check).toContainText('公众号 → 开发者设置');
  await check.getByRole('link', { name: /前往公众号的开发者设置/ }).click();
  await expect(page).toHaveURL(new RegExp(`#/accounts/${account.id}/developer/verify$`));
  const screen = page.getByTestId('developer-settings');
  await expect(screen.getByRole('heading', { name: '「开发号」的开发者设置' })).toBeVisible();

  const upload = page.locator('#dev-verify-file');
  // A renamed file is refused with the reason, and nothing is saved.
  await upload.setInputFiles({ name: 'verify.txt', mimeType: 'text/plain', buffer: Buffer.from(CODE) });
  await expect(screen.getByRole('alert')).toContainText('不是公众号后台提供的文件');
  await upload.setInputFiles({ name: FILE, mimeType: 'text/plain', buffer: Buffer.from(CODE) });
  const table = screen.getByTestId('verify-files');
  await expect(table).toContainText(FILE);
  await expect(table).toContainText('隧道启动后位于公网地址根目录');
  // The listener serves it byte for byte at the root, as WeChat fetches it.
  const served = await fetch(`${mpdesk.callbackUrl}/${FILE}`);
  expect(served.status).toBe(200);
  expect(await served.text()).toBe(CODE);
  await page.screenshot({ path: 'reports/screenshots/developer-settings-zh-CN.png', fullPage: true });

  // With a public URL the table gives the URL WeChat will fetch.
  await callApi(mpdesk, 'tunnel.configure', {
    provider: 'external',
    externalBaseUrl: 'https://wx.example.com',
  });
  await callApi(mpdesk, 'tunnel.start');
  await expect(table).toContainText(`https://wx.example.com/${FILE}`);

  await table.getByRole('button', { name: `删除 ${FILE}` }).click();
  await page
    .getByRole('dialog', { name: `删除 ${FILE}？` })
    .getByRole('button', { name: '删除' })
    .click();
  await expect(screen.getByText('还没有文件。')).toBeVisible();
  expect((await fetch(`${mpdesk.callbackUrl}/${FILE}`)).status).toBe(404);
});

test('forwarding to my server: the URL is checked, the order and timeout are saved', async ({
  mpdesk,
  page,
}) => {
  const account = await realAccount(mpdesk);
  await page.goto(mpdesk.consoleUrl);
  await page.goto(`${mpdesk.apiBase}/#/accounts/${account.id}`);
  await page.getByRole('link', { name: '开发者设置' }).click();
  const screen = page.getByTestId('developer-settings');
  await screen.getByLabel('把消息转发到我的服务器').check();
  await screen.getByLabel('我的服务器地址').fill('ftp://example.com');
  await screen.getByRole('button', { name: '保存' }).click();
  await expect(screen.locator('[data-field="dev-fwd-url"] .field-error')).toBeVisible();
  await screen.getByLabel('我的服务器地址').fill('http://127.0.0.1:8080/wechat');
  await screen.getByRole('radio', { name: /先我的服务器/ }).check();
  await screen.getByLabel('超时时间').fill('50');
  await screen.getByRole('button', { name: '保存' }).click();
  await expect(screen.locator('[data-field="dev-fwd-timeout"] .field-error')).toHaveText(
    '请输入 100 到 4500 之间的整数',
  );
  await screen.getByLabel('超时时间').fill('2000');
  await screen.getByRole('button', { name: '保存' }).click();
  await expect(screen.getByText('已保存')).toBeVisible();
  const saved = await callApi(mpdesk, 'upstream.get', { accountId: account.id });
  expect(saved.body.value).toMatchObject({
    enabled: true,
    url: 'http://127.0.0.1:8080/wechat',
    order: 'upstream-first',
    timeoutMs: 2000,
  });
  // Back on the account, and the doctor's "edit the account" link opens its editor.
  await screen.getByRole('link', { name: '← 返回 开发号' }).click();
  await page.goto(`${mpdesk.apiBase}/#/accounts/${account.id}/edit`);
  await expect(page.getByRole('dialog', { name: '编辑「开发号」' })).toBeVisible();
});
