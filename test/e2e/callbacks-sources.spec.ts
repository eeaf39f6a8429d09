import { createHash } from 'node:crypto';
import type { Page } from '@playwright/test';
import { callApi } from '../helpers/headless-process';
import { simulate, type Account } from './callback-helpers';
import { expect, test, type MpdeskFixture } from './fixtures';

const TOKEN = 'sourcesToken1';

/** A plain-mode account whose Token the test knows, so it can sign a verification as WeChat does. */
async function knownAccount(mpdesk: MpdeskFixture): Promise<Account> {
  const made = await callApi<Account>(mpdesk, 'accounts.create', {
    name: 'Sources',
    appId: 'wx00112233445566aa',
    appSecret: '0123456789abcdef0123456789abcdef',
    token: TOKEN,
    mode: 'plain',
    callbackSlug: 'sources',
  });
  expect(made.body.ok, JSON.stringify(made.body)).toBe(true);
  return made.body.value!;
}

/** §1: the GET WeChat sends when the operator saves 服务器配置. */
async function verifyAsWechat(mpdesk: MpdeskFixture, account: Account) {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = '4242';
  const signature = createHash('sha1').update([TOKEN, timestamp, nonce].sort().join('')).digest('hex');
  const res = await fetch(
    `${mpdesk.callbackUrl}${account.callbackPath}?signature=${signature}&timestamp=${timestamp}&nonce=${nonce}&echostr=hello`,
  );
  expect(await res.text()).toBe('hello');
}

/** What a browser asks of the public URL by itself, and a landing page it is sent to. */
async function browserRequests(mpdesk: MpdeskFixture, account: Account) {
  for (const p of ['/favicon.ico', '/robots.txt', account.callbackPath, '/component/nope/authorized']) {
    const res = await fetch(`${mpdesk.callbackUrl}${p}`);
    expect(res.status).toBeGreaterThanOrEqual(400);
  }
}

async function openCallbacks(page: Page, mpdesk: MpdeskFixture, search = '') {
  await page.goto(mpdesk.consoleUrl);
  await page.evaluate(`window.location.hash = ${JSON.stringify(`#/callbacks${search}`)}`);
}

test('a browser’s own requests are logged as not WeChat, never as a URL verification (en, zh)', async ({
  page,
  mpdesk,
}) => {
  const account = await knownAccount(mpdesk);
  await verifyAsWechat(mpdesk, account);
  await browserRequests(mpdesk, account);
  await openCallbacks(page, mpdesk);
  const lb = page.getByRole('listbox', { name: 'Callback log' });
  await expect(lb.getByRole('option')).toHaveCount(5);
  const verification = lb.getByRole('option', { name: /URL verification/ });
  await expect(verification).toHaveCount(1);
  await expect(verification).toContainText('URL verified');
  await expect(verification).not.toContainText('Not WeChat');
  const strangers = lb.getByRole('option', { name: /Not a WeChat request/ });
  await expect(strangers).toHaveCount(3);
  for (const row of await strangers.all()) await expect(row).toContainText('Not WeChat');
  await expect(lb.getByRole('option', { name: /Authorization landing page/ })).toContainText('Not WeChat');
  await page.screenshot({ path: 'reports/screenshots/callbacks-sources-en.png' });

  // The verification filter keeps WeChat's verification only.
  await openCallbacks(page, mpdesk, '/?type=verify');
  await expect(lb.getByRole('option')).toHaveCount(1);
  await expect(lb.getByRole('option')).toContainText('URL verification');

  expect((await callApi(mpdesk, 'settings.update', { language: 'zh-CN' })).body.ok).toBe(true);
  await openCallbacks(page, mpdesk);
  const zh = page.getByRole('listbox', { name: '回调日志' });
  await expect(zh.getByRole('option', { name: /服务器地址验证/ })).toHaveCount(1);
  await expect(zh.getByRole('option', { name: /非微信请求/ })).toHaveCount(3);
  await expect(zh.getByRole('option', { name: /授权回调页/ })).toContainText('非微信');
  await zh
    .getByRole('option', { name: /非微信请求/ })
    .first()
    .click();
  const detail = page.getByRole('region', { name: /回调 #\d+/ });
  await expect(detail).toContainText('非微信');
  await page.screenshot({ path: 'reports/screenshots/callbacks-sources-zh.png' });
});

test('a failing developer server is a red entry the errors filter finds, saying what WeChat got (en, zh)', async ({
  page,
  mpdesk,
}) => {
  const account = await knownAccount(mpdesk);
  // Nothing listens on port 1: the connection is refused.
  const set = await callApi(mpdesk, 'upstream.set', {
    accountId: account.id,
    enabled: true,
    url: 'http://127.0.0.1:1/wechat',
    order: 'upstream-only',
    timeoutMs: 2000,
  });
  expect(set.body.ok, JSON.stringify(set.body)).toBe(true);
  const sent = await simulate(mpdesk, account, { MsgType: 'text', Content: 'to my server' });
  expect(sent.response.status).toBe(200);
  await openCallbacks(page, mpdesk, '/?errors=1');
  const row = page
    .getByRole('listbox', { name: 'Callback log' })
    .getByRole('option', { name: /Developer server failed/ });
  await expect(row).toHaveAttribute('data-tone', 'error');
  await row.click();
  const detail = page.getByRole('region', { name: `Callback #${sent.logId}` });
  await expect(
    detail.getByRole('heading', { name: 'What went wrong: Developer server failed' }),
  ).toBeVisible();
  await expect(detail).toContainText('upstream unreachable: ECONNREFUSED');
  await expect(detail).toContainText('WeChat got "success" (forwarding order upstream-only');
  await page.screenshot({ path: 'reports/screenshots/callbacks-upstream-failed-en.png' });

  expect((await callApi(mpdesk, 'settings.update', { language: 'zh-CN' })).body.ok).toBe(true);
  await openCallbacks(page, mpdesk, '/?errors=1');
  await expect(
    page.getByRole('listbox', { name: '回调日志' }).getByRole('option', { name: /开发者服务器出错/ }),
  ).toHaveAttribute('data-tone', 'error');
});
