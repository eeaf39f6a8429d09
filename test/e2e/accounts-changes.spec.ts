import { buildVerificationRequest } from '../helpers/wechat-side';
import { APP_SECRET, TOKEN, createAccount, fieldError, gotoAccounts, listAccounts } from './account-helpers';
import { test, expect } from './fixtures';

/**
 * Changing an account on the Accounts screen: editing with stored secrets kept unless replaced,
 * deleting, regenerating the Token, and moving API calls to another host.
 */
test.use({ locale: 'zh-CN' });

test('editing keeps secrets unless replaced, and deleting asks first', async ({ mpdesk, page }) => {
  await createAccount(mpdesk, '旧名称');
  await gotoAccounts(page, mpdesk);
  // First run also has the built-in sandbox account, so there are two.
  await expect(page.getByTestId('account-item')).toHaveCount(2);
  await page.getByTestId('account-item').filter({ hasText: '旧名称' }).click();
  await page.getByRole('button', { name: '编辑旧名称' }).click();
  const dialog = page.getByRole('dialog', { name: '编辑「旧名称」' });
  // Stored secrets show as set, with a Replace action, never their value.
  await expect(dialog.locator('[data-field="account-appSecret"]')).toContainText('已设置');
  await expect(dialog.getByTestId('server-token')).toHaveText('已设置（不再显示）');
  await dialog.getByLabel('名称', { exact: true }).fill('新名称');
  await dialog.getByRole('button', { name: '更换令牌(Token)' }).click();
  await dialog.getByRole('button', { name: '随机生成令牌(Token)' }).click();
  const newToken = await dialog.getByLabel('令牌(Token)', { exact: true }).inputValue();
  expect(newToken).toMatch(/^[A-Za-z0-9]{32}$/);
  await expect(dialog.getByTestId('server-token')).toHaveText(newToken);
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('account-item').filter({ hasText: '新名称' })).toBeVisible();
  // The replaced Token is shown on the card until the page reloads, then never again.
  await expect(page.getByRole('article').getByTestId('server-token')).toHaveText(newToken);
  await page.reload();
  await expect(page.getByRole('article').getByTestId('server-token')).toHaveText('已设置（不再显示）');
  expect(await page.content()).not.toContain(newToken);

  // The AppSecret was left alone, so it is still set.
  const list = await listAccounts<{ name: string; appSecret: { isSet: boolean }; token: { isSet: boolean } }>(
    mpdesk,
  );
  const edited = list.find((a) => a.name === '新名称')!;
  expect(edited.appSecret.isSet).toBe(true);
  expect(edited.token.isSet).toBe(true);

  await page.getByRole('button', { name: '删除新名称' }).click();
  const confirm = page.getByRole('dialog', { name: '删除公众号「新名称」？' });
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: '取消' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByTestId('account-item')).toHaveCount(2);
  await page.getByRole('button', { name: '删除新名称' }).click();
  await confirm.getByRole('button', { name: '删除', exact: true }).click();
  await expect(page.getByTestId('account-item')).toHaveCount(1);
  await expect(page.getByTestId('account-item').filter({ hasText: '新名称' })).toHaveCount(0);
});

test('Regenerate on the card warns that the mp backend must change at once, then shows the new value once', async ({
  mpdesk,
  page,
}) => {
  await createAccount(mpdesk, '换令牌');
  await gotoAccounts(page, mpdesk);
  await page.getByTestId('account-item').filter({ hasText: '换令牌' }).click();
  const detail = page.getByRole('article');
  await expect(detail.getByTestId('server-token')).toHaveText('已设置（不再显示）');
  await detail.getByRole('button', { name: '重新生成令牌(Token)' }).click();
  const confirm = page.getByRole('dialog', { name: '重新生成「换令牌」的令牌(Token)？' });
  await expect(confirm).toContainText('请同时修改公众号后台');
  // Cancel changes nothing.
  await confirm.getByRole('button', { name: '取消' }).click();
  await expect(detail.getByTestId('server-token')).toHaveText('已设置（不再显示）');
  await detail.getByRole('button', { name: '重新生成令牌(Token)' }).click();
  await confirm.getByRole('button', { name: '重新生成', exact: true }).click();
  await expect(confirm).toBeHidden();
  const fresh = detail.getByTestId('server-token');
  await expect(fresh).toHaveText(/^[A-Za-z0-9]{32}$/);
  const newToken = (await fresh.textContent())!;
  expect(newToken).not.toBe(TOKEN);
  // The listener now verifies with the new Token (and refuses the old one), as WeChat will.
  const listed = await listAccounts<{ name: string; callbackPath: string }>(mpdesk);
  const path = mpdesk.callbackUrl + listed.find((a) => a.name === '换令牌')!.callbackPath;
  const now = Math.floor(Date.now() / 1000);
  const withNew = buildVerificationRequest(newToken, { timestamp: now, echostr: 'e1' });
  const withOld = buildVerificationRequest(TOKEN, { timestamp: now, echostr: 'e2' });
  expect(await (await fetch(withNew.url(path))).text()).toBe('e1');
  expect((await fetch(withOld.url(path))).status).not.toBe(200);
  await page.reload();
  await expect(detail.getByTestId('server-token')).toHaveText('已设置（不再显示）');
});

test('moving API calls to another host asks for the AppSecret again, and plain http only for a local proxy', async ({
  mpdesk,
  page,
}) => {
  await createAccount(mpdesk, '代理号');
  await gotoAccounts(page, mpdesk);
  const edit = async (name: string, title: string) => {
    await page.getByTestId('account-item').filter({ hasText: '代理号' }).click();
    await page.getByRole('button', { name }).click();
    return page.getByRole('dialog', { name: title });
  };

  let dialog = await edit('编辑代理号', '编辑「代理号」');
  await dialog.getByRole('combobox', { name: '接口服务器' }).selectOption('custom');
  await dialog.locator('#account-apiBase').fill('http://127.0.0.1:9');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(fieldError(page, 'account-apiBase')).toHaveText(/请使用 https/);
  await expect(fieldError(page, 'account-appSecret')).toHaveText(/须重新填写开发者密码\(AppSecret\)/);
  await dialog.getByRole('checkbox').check();
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(fieldError(page, 'account-apiBase')).toHaveCount(0);
  await expect(fieldError(page, 'account-appSecret')).toHaveText(/须重新填写开发者密码\(AppSecret\)/);
  await page.keyboard.press('Escape');

  await page.getByRole('group', { name: '语言' }).getByRole('button', { name: 'English' }).click();
  dialog = await edit('Edit 代理号', 'Edit “代理号”');
  await dialog.getByRole('combobox', { name: 'API host' }).selectOption('custom');
  await dialog.locator('#account-apiBase').fill('http://proxy.example.com');
  await dialog.getByRole('checkbox').check();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(fieldError(page, 'account-apiBase')).toHaveText(/Use https/);
  await expect(fieldError(page, 'account-appSecret')).toHaveText(/needs the AppSecret again/);
  await dialog.locator('#account-apiBase').fill('http://localhost:9');
  await dialog.getByRole('button', { name: 'Replace AppSecret' }).click();
  await dialog.getByLabel('AppSecret', { exact: true }).fill(APP_SECRET);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  const list = await listAccounts<{ name: string; apiBase?: string }>(mpdesk);
  expect(list.find((a) => a.name === '代理号')?.apiBase).toBe('http://localhost:9');
});
