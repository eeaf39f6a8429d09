import { callApi } from '../helpers/headless-process';
import { expect, type MpdeskFixture } from './fixtures';

/** Accounts and simulated WeChat traffic for the specs that watch the callback log. */
export interface Account {
  id: string;
  name: string;
  callbackPath: string;
  isSandbox?: boolean;
}

/** The first-run Sandbox account, or a plain-mode account made for the test where there is none yet. */
export async function anAccount(mpdesk: MpdeskFixture): Promise<Account> {
  const list = await callApi<Account[]>(mpdesk, 'accounts.list');
  const sandbox = list.body.value?.find((a) => a.isSandbox) ?? list.body.value?.[0];
  if (sandbox) return sandbox;
  const made = await callApi<Account>(mpdesk, 'accounts.create', {
    name: 'E2E',
    appId: 'wx0123456789abcdef',
    appSecret: '0123456789abcdef0123456789abcdef',
    token: 'e2etoken',
    mode: 'plain',
  });
  expect(made.body.ok, JSON.stringify(made.body)).toBe(true);
  return made.body.value!;
}

export async function simulate(mpdesk: MpdeskFixture, account: Account, message: Record<string, string>) {
  const r = await callApi<{ logId: number | null; response: { status: number } }>(mpdesk, 'simulator.send', {
    accountId: account.id,
    message,
  });
  expect(r.body.ok, JSON.stringify(r.body)).toBe(true);
  return r.body.value!;
}
