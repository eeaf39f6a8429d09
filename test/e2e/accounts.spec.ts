import {
  APP_ID,
  APP_SECRET,
  createAccount,
  TOKEN,
  fieldError,
  fillNewAccount,
  gotoAccounts,
  recordApiResponses,
  recordEventStream,
} from './account-helpers';
import { test, expect } from './fixtures';

/**
 * The Accounts screen end to end, adding an account: the form, write-only secrets, validation in
 * both languages, the keyboard, persistence across a restart. Changing an account is in
 * accounts-changes.spec.ts, what the screen shows around it in accounts-screen.spec.ts.
 */
test.use({ locale: 'zh-CN' });

test('an account created in the form is listed, survives a restart, and its secrets are never sent back', async ({
  mpdesk,
  page,
}) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  const bodies = recordApiResponses(page);
  const stream = recordEventStream(mpdesk);
  await gotoAccounts(page, mpdesk);
  await expect(page.getByRole('heading', { level: 1, name: '公众号' })).toBeVisible();

  const { dialog, aesKey } = await fillNewAccount(page, '门店服务号');
  expect(aesKey).toMatch(/^[A-Za-z0-9]{43}$/);
  // While the values are in the form, the paste panel shows them. No tunnel yet: no URL to paste,
  // the local one is named as what WeChat cannot reach.
  await expect(dialog.getByTestId('server-url')).toHaveText('隧道或公网地址启动后显示');
  await expect(dialog.getByTestId('server-url-local')).toContainText(`${mpdesk.callbackUrl}/wx/shop-main`);
  await expect(dialog.getByTestId('server-token')).toHaveText(TOKEN);
  await expect(dialog.getByTestId('server-aes-key')).toHaveText(aesKey);
  // Copy buttons put exactly the value on the clipboard.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await dialog.getByRole('button', { name: '复制令牌(Token)' }).click();
  await expect(dialog.getByRole('button', { name: '复制令牌(Token)' })).toHaveText('已复制');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(TOKEN);
  await dialog.getByRole('radio', { name: /安全模式/ }).check();

  // Enter submits the form.
  await dialog.getByLabel('令牌(Token)', { exact: true }).press('Enter');
  await expect(dialog).toBeHidden();

  const item = page.getByTestId('account-item').filter({ hasText: '门店服务号' });
  await expect(item).toBeVisible();
  await expect(item).toContainText(APP_ID);
  const detail = page.getByRole('article');
  await expect(detail.getByTestId('server-url')).toHaveText('隧道或公网地址启动后显示');
  // Just created: still shown on the card, for this page only, to paste into the mp backend.
  await expect(detail.getByTestId('server-token')).toHaveText(TOKEN);
  await expect(detail.getByTestId('server-aes-key')).toHaveText(aesKey);
  await expect(detail.getByText(/请现在复制：离开或刷新本页后/)).toBeVisible();
  await detail.getByRole('button', { name: '立即隐藏令牌和消息加解密密钥' }).click();
  await expect(detail.getByTestId('server-token')).toHaveText('已设置（不再显示）');
  await expect(detail.getByTestId('server-aes-key')).toHaveText('已设置（不再显示）');
  await expect(detail.getByTestId('server-mode')).toHaveText('安全模式');
  await expect(
    detail.getByText('为安全起见，令牌和密钥保存后不再显示；如需填写到后台，请点「重新生成」。'),
  ).toBeVisible();

  // Secrets: not in the page, not in any API response, not on the event stream.
  const html = await page.content();
  await expect.poll(() => bodies.some((b) => b.includes('accounts.create') && b.includes(APP_ID))).toBe(true);
  await stream.stop();
  const api = bodies.join('\n');
  expect(stream.text()).toContain('accounts.changed');
  for (const secret of [APP_SECRET, TOKEN, aesKey]) {
    expect(html).not.toContain(secret);
    expect(api).not.toContain(secret);
    expect(stream.text()).not.toContain(secret);
  }

  await mpdesk.restart();
  await gotoAccounts(page, mpdesk);
  await page.getByTestId('account-item').filter({ hasText: '门店服务号' }).click();
  await expect(page.getByRole('article').getByTestId('server-url-local')).toContainText(
    `${mpdesk.callbackUrl}/wx/shop-main`,
  );
  await expect(page.getByRole('article').getByTestId('server-token')).toHaveText('已设置（不再显示）');
  expect(pageErrors).toEqual([]);
});

test('validation errors appear next to their fields, in Chinese and in English', async ({ mpdesk, page }) => {
  await gotoAccounts(page, mpdesk);
  await page.getByRole('button', { name: '添加公众号' }).click();
  let dialog = page.getByRole('dialog', { name: '添加公众号' });
  await dialog.getByLabel('开发者ID(AppID)', { exact: true }).fill('wx123');
  await dialog.getByLabel('令牌(Token)', { exact: true }).fill('a!');
  await dialog.getByLabel('消息加解密密钥(EncodingAESKey)', { exact: true }).fill('short');
  await dialog.getByRole('button', { name: '保存' }).click();

  await expect(fieldError(page, 'account-name')).toHaveText('此项为必填项');
  await expect(fieldError(page, 'account-appId')).toHaveText('开发者ID(AppID) 为 “wx” 加 16 位十六进制字符');
  await expect(fieldError(page, 'account-appSecret')).toHaveText('开发者密码(AppSecret) 为 32 位字母或数字');
  await expect(fieldError(page, 'account-token')).toHaveText('令牌(Token) 须为 3-32 位字母或数字');
  await expect(fieldError(page, 'account-encodingAESKey')).toHaveText(
    '消息加解密密钥(EncodingAESKey) 须为 43 位字母或数字',
  );
  // The message is tied to its input for assistive tech.
  await expect(dialog.getByLabel('令牌(Token)', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByLabel('令牌(Token)', { exact: true })).toHaveAccessibleDescription(/3-32/);

  // Esc closes the dialog.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await page.getByRole('group', { name: '语言' }).getByRole('button', { name: 'English' }).click();
  await page.getByRole('button', { name: 'Add account' }).click();
  dialog = page.getByRole('dialog', { name: 'Add Official Account' });
  await dialog.getByLabel('Token', { exact: true }).fill('a!');
  await dialog.getByRole('radio', { name: /Compatible/ }).check();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(fieldError(page, 'account-name')).toHaveText('This field is required');
  await expect(fieldError(page, 'account-token')).toHaveText('Token must be 3-32 letters or digits');
  await expect(fieldError(page, 'account-encodingAESKey')).toHaveText(
    'Compatible and safe modes need an EncodingAESKey',
  );
  await page.keyboard.press('Escape');

  // A rule only the server knows (a callback path already taken) comes back as an issue on that field.
  await createAccount(mpdesk, 'First', { callbackSlug: 'taken' });
  await page.getByRole('button', { name: 'Add account' }).click();
  dialog = page.getByRole('dialog', { name: 'Add Official Account' });
  await dialog.getByLabel('Display name', { exact: true }).fill('Second');
  await dialog.getByLabel('AppID', { exact: true }).fill(APP_ID);
  await dialog.getByLabel('AppSecret', { exact: true }).fill(APP_SECRET);
  await dialog.getByLabel(/^Callback path/).fill('taken');
  await dialog.getByRole('button', { name: 'Generate Token' }).click();
  await dialog.getByRole('button', { name: 'Generate EncodingAESKey' }).click();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(fieldError(page, 'account-callbackSlug')).toHaveText('Already used by another account');
});

test('the form works from the keyboard alone', async ({ mpdesk, page }) => {
  await gotoAccounts(page, mpdesk);
  const add = page.getByRole('button', { name: '添加公众号' });
  await add.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: '添加公众号' });
  // Focus starts in the first field; typing and Tab move through the form.
  await expect(dialog.getByLabel('名称', { exact: true })).toBeFocused();
  await page.keyboard.type('键盘号');
  await page.keyboard.press('Tab');
  await expect(dialog.getByLabel('开发者ID(AppID)', { exact: true })).toBeFocused();
  await page.keyboard.type(APP_ID);
  await page.keyboard.press('Tab');
  await page.keyboard.type(APP_SECRET);
  await page.keyboard.press('Tab');
  await expect(dialog.getByLabel(/^回调路径/)).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.type(TOKEN);
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: '随机生成令牌(Token)' })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter'); // Generate EncodingAESKey
  await expect(dialog.getByLabel('消息加解密密钥(EncodingAESKey)', { exact: true })).toHaveValue(
    /^[A-Za-z0-9]{43}$/,
  );
  await dialog.getByLabel('名称', { exact: true }).press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('account-item').filter({ hasText: '键盘号' })).toBeVisible();

  // Esc closes the dialog and gives focus back to the button that opened it.
  await add.focus();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(add).toBeFocused();
});
