import { type Page } from '@playwright/test';
import { callApi } from '../helpers/headless-process';
import { buildVerificationRequest } from '../helpers/wechat-side';
import { test, expect, type MpdeskFixture } from './fixtures';

/**
 * The Accounts screen end to end: the form, write-only secrets, validation in both languages,
 * persistence across a restart. Values are shaped like real ones (docs/wechat-protocol.md §1).
 */
const APP_ID = 'wx0123456789abcdef';
const APP_SECRET = 'Zq7AppSecretValue0123456789abcXY'; // 32 letters/digits
const TOKEN = 'TypedToken4Test';

/** Everything the server sends on the event stream while the test runs (Node side, not the page). */
function recordEventStream(m: MpdeskFixture) {
  const ctrl = new AbortController();
  let text = '';
  const done = (async () => {
    try {
      const res = await fetch(`${m.apiBase}/api/events`, {
        headers: { authorization: `Bearer ${m.token}` },
        signal: ctrl.signal,
      });
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        text += value;
      }
    } catch {
      // aborted
    }
  })();
  return {
    text: () => text,
    stop: async () => {
      ctrl.abort();
      await done;
    },
  };
}

function recordApiResponses(page: Page) {
  const bodies: string[] = [];
  page.on('response', async (res) => {
    if (!res.url().includes('/api/call/')) return;
    try {
      bodies.push(`${res.url()}\n${await res.text()}`);
    } catch {
      // the page navigated away before the body was read
    }
  });
  return bodies;
}

async function fillNewAccount(page: Page, name: string) {
  await page.getByRole('button', { name: '添加公众号' }).click();
  const dialog = page.getByRole('dialog', { name: '添加公众号' });
  await dialog.getByLabel('名称', { exact: true }).fill(name);
  await dialog.getByLabel('开发者ID(AppID)', { exact: true }).fill(APP_ID);
  await dialog.getByLabel('开发者密码(AppSecret)', { exact: true }).fill(APP_SECRET);
  await dialog.getByLabel(/^回调路径/).fill('shop-main');
  await dialog.getByLabel('令牌(Token)', { exact: true }).fill(TOKEN);
  await dialog.getByRole('button', { name: '随机生成消息加解密密钥(EncodingAESKey)' }).click();
  const aesKey = await dialog.getByLabel('消息加解密密钥(EncodingAESKey)', { exact: true }).inputValue();
  return { dialog, aesKey };
}

/** Opens the console (its home may be another screen) and goes to 公众号 through the navigation. */
async function gotoAccounts(page: Page, m: MpdeskFixture) {
  await page.goto(m.consoleUrl);
  await page.getByRole('navigation').getByRole('link', { name: '公众号', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('公众号');
}

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

  const fieldError = (id: string) => page.locator(`[data-field="${id}"] .field-error`);
  await expect(fieldError('account-name')).toHaveText('此项为必填项');
  await expect(fieldError('account-appId')).toHaveText('开发者ID(AppID) 为 “wx” 加 16 位十六进制字符');
  await expect(fieldError('account-appSecret')).toHaveText('开发者密码(AppSecret) 为 32 位字母或数字');
  await expect(fieldError('account-token')).toHaveText('令牌(Token) 须为 3-32 位字母或数字');
  await expect(fieldError('account-encodingAESKey')).toHaveText(
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
  await expect(fieldError('account-name')).toHaveText('This field is required');
  await expect(fieldError('account-token')).toHaveText('Token must be 3-32 letters or digits');
  await expect(fieldError('account-encodingAESKey')).toHaveText(
    'Compatible and safe modes need an EncodingAESKey',
  );
  await page.keyboard.press('Escape');

  // A rule only the server knows (a callback path already taken) comes back as an issue on that field.
  const res = await fetch(`${mpdesk.apiBase}/api/call/accounts.create`, {
    method: 'POST',
    headers: { authorization: `Bearer ${mpdesk.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'First',
      appId: APP_ID,
      appSecret: APP_SECRET,
      token: TOKEN,
      mode: 'plain',
      callbackSlug: 'taken',
    }),
  });
  expect(res.status).toBe(200);
  await page.getByRole('button', { name: 'Add account' }).click();
  dialog = page.getByRole('dialog', { name: 'Add Official Account' });
  await dialog.getByLabel('Display name', { exact: true }).fill('Second');
  await dialog.getByLabel('AppID', { exact: true }).fill(APP_ID);
  await dialog.getByLabel('AppSecret', { exact: true }).fill(APP_SECRET);
  await dialog.getByLabel(/^Callback path/).fill('taken');
  await dialog.getByRole('button', { name: 'Generate Token' }).click();
  await dialog.getByRole('button', { name: 'Generate EncodingAESKey' }).click();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(fieldError('account-callbackSlug')).toHaveText('Already used by another account');
});

test('editing keeps secrets unless replaced, and deleting asks first', async ({ mpdesk, page }) => {
  const res = await fetch(`${mpdesk.apiBase}/api/call/accounts.create`, {
    method: 'POST',
    headers: { authorization: `Bearer ${mpdesk.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      name: '旧名称',
      appId: APP_ID,
      appSecret: APP_SECRET,
      token: TOKEN,
      mode: 'plain',
    }),
  });
  expect(res.status).toBe(200);
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
  const list = (await (
    await fetch(`${mpdesk.apiBase}/api/call/accounts.list`, {
      method: 'POST',
      headers: { authorization: `Bearer ${mpdesk.token}` },
    })
  ).json()) as { value: { appSecret: { isSet: boolean }; token: { isSet: boolean } }[] };
  const edited = list.value.find((a) => (a as unknown as { name: string }).name === '新名称')!;
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

test('screenshots of the Accounts screen in both languages and both themes', async ({ mpdesk, page }) => {
  await page.setViewportSize({ width: 1280, height: 820 });
  for (const body of [
    {
      name: '门店服务号',
      appId: APP_ID,
      appSecret: APP_SECRET,
      token: TOKEN,
      mode: 'safe',
      callbackSlug: 'shop-main',
      encodingAESKey: 'A'.repeat(43),
    },
    { name: 'Brand News', appId: 'wxfedcba9876543210', appSecret: APP_SECRET, token: TOKEN, mode: 'plain' },
  ]) {
    const r = await fetch(`${mpdesk.apiBase}/api/call/accounts.create`, {
      method: 'POST',
      headers: { authorization: `Bearer ${mpdesk.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(r.status).toBe(200);
  }
  await gotoAccounts(page, mpdesk);
  const settings = async (patch: object) =>
    fetch(`${mpdesk.apiBase}/api/call/settings.update`, {
      method: 'POST',
      headers: { authorization: `Bearer ${mpdesk.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(patch),
    });
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

test('with a tunnel online, the URL to paste is the public one', async ({ mpdesk, page }) => {
  const call = async (method: string, input?: unknown) => {
    const res = await fetch(`${mpdesk.apiBase}/api/call/${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${mpdesk.token}`, 'content-type': 'application/json' },
      body: input === undefined ? '' : JSON.stringify(input),
    });
    return (await res.json()) as { ok: boolean; value: { state: string; publicUrl: string | null } };
  };
  await call('accounts.create', {
    name: '真实公众号',
    appId: APP_ID,
    appSecret: APP_SECRET,
    token: TOKEN,
    mode: 'plain',
    callbackSlug: 'real',
  });
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
    (await call('tunnel.configure', { provider: 'external', externalBaseUrl: 'https://wx.example.com' })).ok,
  ).toBe(true);
  await call('tunnel.start');
  await expect(url).toHaveText('https://wx.example.com/wx/real');
  await expect(page.getByText('这是隧道的公网地址', { exact: false })).toBeVisible();
  await expect(local).toHaveCount(0);
  await expect(page.getByTestId('tunnel-status')).toHaveText('公网地址：https://wx.example.com');
});

test('Regenerate on the card warns that the mp backend must change at once, then shows the new value once', async ({
  mpdesk,
  page,
}) => {
  const made = await fetch(`${mpdesk.apiBase}/api/call/accounts.create`, {
    method: 'POST',
    headers: { authorization: `Bearer ${mpdesk.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      name: '换令牌',
      appId: APP_ID,
      appSecret: APP_SECRET,
      token: TOKEN,
      mode: 'plain',
    }),
  });
  expect(made.status).toBe(200);
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
  const listed = await callApi<{ name: string; callbackPath: string }[]>(mpdesk, 'accounts.list');
  const path = mpdesk.callbackUrl + listed.body.value!.find((a) => a.name === '换令牌')!.callbackPath;
  const now = Math.floor(Date.now() / 1000);
  const withNew = buildVerificationRequest(newToken, { timestamp: now, echostr: 'e1' });
  const withOld = buildVerificationRequest(TOKEN, { timestamp: now, echostr: 'e2' });
  expect(await (await fetch(withNew.url(path))).text()).toBe('e1');
  expect((await fetch(withOld.url(path))).status).not.toBe(200);
  await page.reload();
  await expect(detail.getByTestId('server-token')).toHaveText('已设置（不再显示）');
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

test('moving API calls to another host asks for the AppSecret again, and plain http only for a local proxy', async ({
  mpdesk,
  page,
}) => {
  const res = await fetch(`${mpdesk.apiBase}/api/call/accounts.create`, {
    method: 'POST',
    headers: { authorization: `Bearer ${mpdesk.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      name: '代理号',
      appId: APP_ID,
      appSecret: APP_SECRET,
      token: TOKEN,
      mode: 'plain',
    }),
  });
  expect(res.status).toBe(200);
  await gotoAccounts(page, mpdesk);
  const fieldError = (id: string) => page.locator(`[data-field="${id}"] .field-error`);
  const edit = async (name: string, title: string) => {
    await page.getByTestId('account-item').filter({ hasText: '代理号' }).click();
    await page.getByRole('button', { name }).click();
    return page.getByRole('dialog', { name: title });
  };

  let dialog = await edit('编辑代理号', '编辑「代理号」');
  await dialog.getByRole('combobox', { name: '接口服务器' }).selectOption('custom');
  await dialog.locator('#account-apiBase').fill('http://127.0.0.1:9');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(fieldError('account-apiBase')).toHaveText(/请使用 https/);
  await expect(fieldError('account-appSecret')).toHaveText(/须重新填写开发者密码\(AppSecret\)/);
  await dialog.getByRole('checkbox').check();
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(fieldError('account-apiBase')).toHaveCount(0);
  await expect(fieldError('account-appSecret')).toHaveText(/须重新填写开发者密码\(AppSecret\)/);
  await page.keyboard.press('Escape');

  await page.getByRole('group', { name: '语言' }).getByRole('button', { name: 'English' }).click();
  dialog = await edit('Edit 代理号', 'Edit “代理号”');
  await dialog.getByRole('combobox', { name: 'API host' }).selectOption('custom');
  await dialog.locator('#account-apiBase').fill('http://proxy.example.com');
  await dialog.getByRole('checkbox').check();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(fieldError('account-apiBase')).toHaveText(/Use https/);
  await expect(fieldError('account-appSecret')).toHaveText(/needs the AppSecret again/);
  await dialog.locator('#account-apiBase').fill('http://localhost:9');
  await dialog.getByRole('button', { name: 'Replace AppSecret' }).click();
  await dialog.getByLabel('AppSecret', { exact: true }).fill(APP_SECRET);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  const list = (await (
    await fetch(`${mpdesk.apiBase}/api/call/accounts.list`, {
      method: 'POST',
      headers: { authorization: `Bearer ${mpdesk.token}` },
    })
  ).json()) as { value: { name: string; apiBase?: string }[] };
  expect(list.value.find((a) => a.name === '代理号')?.apiBase).toBe('http://localhost:9');
});
