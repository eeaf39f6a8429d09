import { type Page } from '@playwright/test';
import { callApi } from '../helpers/headless-process';
import { expect, type MpdeskFixture } from './fixtures';

/**
 * Shared setup for the Accounts screen specs (accounts*.spec.ts). Values are shaped like real ones
 * (docs/wechat-protocol.md §1).
 */
export const APP_ID = 'wx0123456789abcdef';
export const APP_SECRET = 'Zq7AppSecretValue0123456789abcXY'; // 32 letters/digits
export const TOKEN = 'TypedToken4Test';

/** Everything the server sends on the event stream while the test runs (Node side, not the page). */
export function recordEventStream(m: MpdeskFixture) {
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

export function recordApiResponses(page: Page) {
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

export async function fillNewAccount(page: Page, name: string) {
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
export async function gotoAccounts(page: Page, m: MpdeskFixture) {
  await page.goto(m.consoleUrl);
  await page.getByRole('navigation').getByRole('link', { name: '公众号', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('公众号');
}

/** A plain-mode account made through the API, the starting point of a test about changing one. */
export async function createAccount(m: MpdeskFixture, name: string, fields: Record<string, unknown> = {}) {
  const res = await callApi(m, 'accounts.create', {
    name,
    appId: APP_ID,
    appSecret: APP_SECRET,
    token: TOKEN,
    mode: 'plain',
    ...fields,
  });
  expect(res.status).toBe(200);
}

/** The accounts as the API lists them (secrets as `{ isSet }`, never their values). */
export async function listAccounts<T extends { name: string }>(m: MpdeskFixture): Promise<T[]> {
  return (await callApi<T[]>(m, 'accounts.list')).body.value!;
}

/** The error shown under a form field. */
export const fieldError = (page: Page, id: string) => page.locator(`[data-field="${id}"] .field-error`);
