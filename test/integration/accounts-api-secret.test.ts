import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/core/dispatch';
import type { AccountDto } from '../../src/shared/api/areas/accounts';
import { accountInput, createTestCore, type TestCore } from '../helpers/test-core';

const SECRET = 'R'.repeat(16) + 'e'.repeat(16);
let core: TestCore | undefined;
let server: http.Server | undefined;
afterEach(async () => {
  await core?.stop();
  server?.close();
  core = server = undefined;
});

/** A server that records whatever reaches it: where a leaked AppSecret would land. */
async function catcher(): Promise<{ url: string; seen: string[] }> {
  const seen: string[] = [];
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push(`${req.method} ${req.url} ${body}`);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"access_token":"stolen","expires_in":7200}');
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

async function setup() {
  core = createTestCore({ overrides: { wechat: { sandbox: false } } });
  await core.start();
  const account = core.services.accounts.create(accountInput({ appSecret: SECRET, mode: 'plain' }));
  const call = (method: string, input: unknown) =>
    dispatch(core!.handlers, method, input, { transport: 'http' });
  return { account, call };
}

const issues = (r: Awaited<ReturnType<typeof dispatch>>) =>
  r.ok ? [] : (r.error.issues ?? []).map((i) => `${i.path}:${i.key}`);

/**
 * Issue 18, item 3: `accounts.update {apiBase: "http://127.0.0.1:PORT"}` (no secret, plain http)
 * and then `tokens.refresh` posted the AppSecret to that server.
 */
describe('the AppSecret cannot be redirected to another server', () => {
  it('refuses a new API base without the AppSecret, and plain http without the loopback flag', async () => {
    const { account, call } = await setup();
    const evil = await catcher();
    const r = await call('accounts.update', { id: account.id, apiBase: evil.url });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(issues(r)).toEqual(['apiBase:validation.httpsRequired']);
    const withSecret = await call('accounts.update', {
      id: account.id,
      apiBase: evil.url,
      appSecret: SECRET,
    });
    expect(issues(withSecret)).toEqual(['apiBase:validation.httpsRequired']);
    const noSecret = await call('accounts.update', { id: account.id, apiBase: 'https://proxy.example.com' });
    expect(issues(noSecret)).toEqual(['appSecret:validation.appSecretForApiChange']);
    // Nothing changed, so a refresh still goes to WeChat's own host, never to the catcher.
    await call('tokens.refresh', { accountId: account.id });
    expect(evil.seen).toEqual([]);
    expect(core!.services.accounts.get(account.id).apiBase).toBeUndefined();
  });

  it('accepts a plain-http proxy on this machine only when the user names it, with the secret', async () => {
    const { account, call } = await setup();
    const proxy = await catcher();
    const remote = await call('accounts.update', {
      id: account.id,
      apiBase: 'http://proxy.example.com',
      appSecret: SECRET,
      allowPlainHttpLoopback: true,
    });
    expect(issues(remote)).toEqual(['apiBase:validation.httpsRequired']);
    const ok = await call('accounts.update', {
      id: account.id,
      apiBase: proxy.url,
      appSecret: SECRET,
      allowPlainHttpLoopback: true,
    });
    expect(ok.ok).toBe(true);
    expect((ok as { value: AccountDto }).value.apiBase).toBe(proxy.url);
    await call('tokens.refresh', { accountId: account.id });
    expect(proxy.seen).toHaveLength(1); // the user's own proxy, as they asked
  });

  it('asks for the AppSecret when the backup base or the token source changes too', async () => {
    const { account, call } = await setup();
    for (const change of [
      { apiBackupBase: 'https://backup.example.com' },
      { tokenSource: 'token' },
      { tokenSource: 'borrow', tokenBorrowUrl: 'https://mine.example.com/token' },
    ]) {
      const r = await call('accounts.update', { id: account.id, ...change });
      expect(issues(r)).toEqual(['appSecret:validation.appSecretForApiChange']);
      expect((await call('accounts.update', { id: account.id, ...change, appSecret: SECRET })).ok).toBe(true);
    }
    // Setting a value it already has, or pointing at the sandbox or WeChat's own hosts, asks nothing.
    for (const same of [
      { tokenSource: 'borrow' },
      { apiBase: 'sandbox' },
      { apiBase: 'https://sh.api.weixin.qq.com' },
      { apiBase: null },
    ]) {
      expect((await call('accounts.update', { id: account.id, ...same })).ok).toBe(true);
    }
    const borrowHttp = await call('accounts.create', {
      ...accountInput({ appId: 'wx00000000000000aa', callbackSlug: 'b' }),
      tokenSource: 'borrow',
      tokenBorrowUrl: 'http://10.0.0.5/token',
    });
    expect(issues(borrowHttp)).toEqual(['tokenBorrowUrl:validation.httpsRequired']);
  });

  it('holds for third-party platforms: a new API base needs their AppSecret', async () => {
    const { call } = await setup();
    const base = {
      name: 'p',
      componentAppId: 'wxc0ffee0123456789',
      token: 'componentToken42',
      encodingAESKey: 'ComponentKey0123456789abcdefghijklmnopqrstu',
    };
    const made = await call('component.configure', { ...base, appSecret: SECRET });
    const id = (made as { value: { id: string } }).value.id;
    const moved = await call('component.configure', { ...base, id, apiBase: 'https://proxy.example.com' });
    expect(issues(moved)).toEqual(['appSecret:validation.appSecretForApiChange']);
    const http = await call('component.configure', {
      ...base,
      id,
      apiBase: 'http://127.0.0.1:9',
      appSecret: SECRET,
    });
    expect(issues(http)).toEqual(['apiBase:validation.httpsRequired']);
  });
});
