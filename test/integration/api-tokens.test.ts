import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { MockAgent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/core/dispatch';
import { isWechatApiError } from '../../src/core/api/wechat-error';
import { systemRuntime } from '../../src/core/runtime';
import {
  ManualClock,
  startCoreWithDispatcher,
  startCoreWithSandbox,
  wx,
  type WxJson,
} from '../helpers/sandbox';

/** A token source change needs the AppSecret in the same call (issue 18); any valid one will do. */
const RE_ENTERED = 'Q'.repeat(32);

const MIN = 60_000;
const servers: http.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

type PlatformDb = { db: { prepare(s: string): { get(...a: unknown[]): unknown } } };

/** The sandbox's secret for the app, as another program owning the account knows it (read when used). */
const platformSecret = (platform: PlatformDb, appid: string) =>
  (platform.db.prepare('SELECT secret FROM apps WHERE appid = ?').get(appid) as { secret: string }).secret;

/** Direct reads of the sandbox's own state: how many tokens it issued, of which kind. */
const issued = (platform: PlatformDb, appid: string, kind: string) =>
  (
    platform.db.prepare('SELECT count(*) AS n FROM tokens WHERE appid = ? AND kind = ?').get(appid, kind) as {
      n: number;
    }
  ).n;

describe('token manager against the sandbox', () => {
  it('single-flight: 100 concurrent callers cause one token request', async () => {
    const { wechat, account, platform } = await startCoreWithSandbox();
    const tokens = await Promise.all(Array.from({ length: 100 }, () => wechat.api.tokens.get(account.id)));
    expect(new Set(tokens).size).toBe(1);
    expect(wechat.api.tokens.fetches).toBe(1);
    expect(issued(platform, account.appId, 'stable')).toBe(1);
    // And 100 concurrent API calls share it too.
    await Promise.all(Array.from({ length: 100 }, () => wechat.api.client.callbackIps(account.id)));
    expect(wechat.api.tokens.fetches).toBe(1);
  });

  it('defaults to stable_token without force_refresh, so a production token stays valid', async () => {
    const { wechat, account, platform, sandboxClock } = await startCoreWithSandbox();
    const theirs = await wx(platform.url!).post('/cgi-bin/stable_token', {
      grant_type: 'client_credential',
      appid: account.appId,
      secret: platformSecret(platform, account.appId),
    });
    await wechat.api.tokens.refresh(account.id);
    await wechat.api.tokens.refresh(account.id);
    sandboxClock.advance(10 * MIN);
    expect(
      await wx(platform.url!).get('/cgi-bin/getcallbackip', { access_token: theirs.access_token }),
    ).toHaveProperty('ip_list');
    const log = wechat.api.apiLog.list({ limit: 10 }).items.filter((e) => e.path === '/cgi-bin/stable_token');
    expect(log.length).toBeGreaterThanOrEqual(2);
    for (const e of log)
      expect(JSON.parse(e.requestBody!)).toMatchObject({ force_refresh: false, secret: '***' });
  });

  it('refreshes ahead of expiry, then serves the fresh token without asking again', async () => {
    const coreClock = new ManualClock();
    const sandboxClock = new ManualClock();
    const { wechat, account } = await startCoreWithSandbox({
      sandboxClock,
      overrides: { runtime: { clock: coreClock, random: systemRuntime.random } },
    });
    const first = await wechat.api.tokens.get(account.id);
    const { expiresAt, fetchedAt } = wechat.api.tokens.status(account.id);
    expect(expiresAt! - fetchedAt!).toBe(7200_000);
    coreClock.advance(7200_000 - 30 * MIN);
    sandboxClock.advance(7200_000 - 30 * MIN);
    expect(await wechat.api.tokens.get(account.id)).toBe(first);
    expect(wechat.api.tokens.fetches).toBe(1);
    // 3 min before expiry: inside the refresh window, and inside the platform's renewal window (§5.2).
    coreClock.advance(27 * MIN);
    sandboxClock.advance(27 * MIN);
    const second = await wechat.api.tokens.get(account.id);
    expect(second).not.toBe(first);
    expect(wechat.api.tokens.fetches).toBe(2);
    expect(await wechat.api.tokens.get(account.id)).toBe(second);
    expect(wechat.api.tokens.fetches).toBe(2);
  });

  it('40001 after another program refreshed via cgi-bin/token: invalidate, refresh, retry once, succeed', async () => {
    const { core, wechat, account, platform, sandboxClock } = await startCoreWithSandbox();
    await core.handlers['accounts.update'](
      { id: account.id, tokenSource: 'token', appSecret: RE_ENTERED },
      { transport: 'internal' },
    );
    await wechat.api.client.menuDelete(account.id);
    expect(wechat.api.tokens.fetches).toBe(1);
    // "Production" fetches its own token with cgi-bin/token: ours is superseded; 5 min later it is dead (§5.1).
    const secret = () => platformSecret(platform, account.appId);
    await wx(platform.url!).token(account.appId, secret());
    sandboxClock.advance(5 * MIN + 1);
    await wechat.api.client.menuDelete(account.id);
    expect(wechat.api.tokens.fetches).toBe(2);
    const calls = wechat.api.apiLog
      .list({ accountId: account.id, limit: 10 })
      .items.reverse()
      .map((e) => `${e.path}:${e.errcode ?? 0}`);
    expect(calls).toEqual([
      '/cgi-bin/token:0',
      '/cgi-bin/menu/delete:0',
      '/cgi-bin/menu/delete:40001',
      '/cgi-bin/token:0',
      '/cgi-bin/menu/delete:0',
    ]);
  });

  it('invalidate-if-same: 20 concurrent calls failing with the same superseded token cause one refresh', async () => {
    const { core, wechat, account, platform, sandboxClock } = await startCoreWithSandbox();
    await core.handlers['accounts.update'](
      { id: account.id, tokenSource: 'token', appSecret: RE_ENTERED },
      { transport: 'internal' },
    );
    await wechat.api.tokens.get(account.id);
    const secret = () => platformSecret(platform, account.appId);
    await wx(platform.url!).token(account.appId, secret());
    sandboxClock.advance(5 * MIN + 1);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => wechat.api.client.callbackIps(account.id)),
    );
    expect(results.every((r) => r.ip_list.length === 1)).toBe(true);
    expect(wechat.api.tokens.fetches).toBe(2);
    const log = wechat.api.apiLog.list({ limit: 100 }).items;
    expect(log.filter((e) => e.path === '/cgi-bin/token')).toHaveLength(2);
    expect(log.filter((e) => e.errcode === 40001)).toHaveLength(20);
  });

  it('retries only once: a token that keeps failing surfaces 40001 after exactly two calls', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    const pool = agent.get('https://api.weixin.qq.com');
    let tokenCalls = 0;
    let menuCalls = 0;
    pool
      .intercept({ path: '/cgi-bin/stable_token', method: 'POST' })
      .reply(200, () => ({ access_token: `T${++tokenCalls}`.padEnd(20, 'x'), expires_in: 7200 }))
      .persist();
    pool
      .intercept({ path: (p) => p.startsWith('/cgi-bin/menu/get'), method: 'GET' })
      .reply(200, () => (menuCalls++, { errcode: 40001, errmsg: 'invalid credential rid: x' }))
      .persist();
    const { core, account: acc } = await startCoreWithDispatcher(agent);
    const err = await core.services.wechat.api.client.menuGet(acc.id).catch((e: unknown) => e);
    expect(isWechatApiError(err, 40001)).toBe(true);
    expect(menuCalls).toBe(2);
    expect(tokenCalls).toBe(2);
    await agent.close();
  });

  it('no retry on 45009: one call, a clear error with the explanation', async () => {
    const { wechat, account, platform } = await startCoreWithSandbox();
    platform.setQuota(account.appId, 'menu/get', 0);
    const err = (await wechat.api.client.menuGet(account.id).catch((e: unknown) => e)) as WxJson;
    expect(isWechatApiError(err, 45009)).toBe(true);
    expect(err.details.explanation).toMatchObject({ errcode: 45009, zh: expect.stringContaining('限额') });
    expect(err.message).toMatch(/daily API quota/);
    expect(
      wechat.api.apiLog.list({ limit: 10 }).items.filter((e) => e.path === '/cgi-bin/menu/get'),
    ).toHaveLength(1);
  });

  it('no retry on 40164: the error names the IP WeChat saw, and tokens.status shows it', async () => {
    const { core, wechat, account, platform } = await startCoreWithSandbox();
    platform.setIpWhitelist(account.appId, ['203.0.113.9']);
    const err = (await wechat.api.client.menuGet(account.id).catch((e: unknown) => e)) as WxJson;
    expect(isWechatApiError(err, 40164)).toBe(true);
    expect(err.ip).toBe('127.0.0.1');
    expect(err.message).toContain('127.0.0.1');
    expect(wechat.api.tokens.fetches).toBe(1);
    expect(wechat.api.apiLog.list({ limit: 10 }).items).toHaveLength(1);
    const st = await dispatch(
      core.handlers,
      'tokens.status',
      { accountId: account.id },
      { transport: 'internal' },
    );
    expect(st).toMatchObject({ ok: true, value: { hasToken: false, lastError: { errcode: 40164 } } });
  });

  it('no retry on 40164 from an API call made with a valid token: exactly one call', async () => {
    const { wechat, account, platform } = await startCoreWithSandbox();
    await wechat.api.tokens.get(account.id);
    platform.setIpWhitelist(account.appId, ['203.0.113.9']);
    const err = await wechat.api.client.userInfo(account.id, 'oX').catch((e: unknown) => e);
    expect(isWechatApiError(err, 40164)).toBe(true);
    expect(wechat.api.tokens.fetches).toBe(1);
    expect(wechat.api.apiLog.list({ limit: 10 }).items.map((e) => e.path)).toEqual([
      '/cgi-bin/user/info',
      '/cgi-bin/stable_token',
    ]);
    expect(wechat.api.tokens.status(account.id)).toMatchObject({
      hasToken: true,
      lastError: { errcode: 40164 },
    });
  });

  it('tokens.status never reveals the token; the cgi-bin/token source carries a warning', async () => {
    const { core, wechat, account } = await startCoreWithSandbox();
    const token = await wechat.api.tokens.get(account.id);
    const st = await dispatch(
      core.handlers,
      'tokens.status',
      { accountId: account.id },
      { transport: 'internal' },
    );
    expect(JSON.stringify(st)).not.toContain(token);
    expect(st).toMatchObject({ ok: true, value: { hasToken: true, tokenTail: `…${token.slice(-4)}` } });
    await core.handlers['accounts.update'](
      { id: account.id, tokenSource: 'token', appSecret: RE_ENTERED },
      { transport: 'internal' },
    );
    expect(wechat.api.tokens.status(account.id).warning).toMatch(/invalidates the previous token/);
    // The database never holds the token in clear (sealed in the secrets table).
    const dump =
      JSON.stringify(core.db.prepare('SELECT * FROM api_tokens').all()) +
      JSON.stringify(core.db.prepare('SELECT * FROM api_log').all());
    expect(dump).not.toContain(token);
  });

  it("borrows the token from the user's own server", async () => {
    const { core, wechat, account, platform } = await startCoreWithSandbox();
    const secret = () => platformSecret(platform, account.appId);
    let served = 0;
    const server = http.createServer((_req, res) => {
      served++;
      void wx(platform.url!)
        .post('/cgi-bin/stable_token', {
          grant_type: 'client_credential',
          appid: account.appId,
          secret: secret(),
        })
        .then((t) => res.end(JSON.stringify({ access_token: t.access_token, expires_in: t.expires_in })));
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const borrowUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/wx/token`;
    const bad = await dispatch(
      core.handlers,
      'accounts.update',
      { id: account.id, tokenSource: 'borrow' },
      { transport: 'internal' },
    );
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    await core.handlers['accounts.update'](
      {
        id: account.id,
        tokenSource: 'borrow',
        tokenBorrowUrl: borrowUrl,
        appSecret: RE_ENTERED,
        allowPlainHttpLoopback: true,
      },
      { transport: 'internal' },
    );
    const info = await wechat.api.client.tagsGet(account.id);
    expect(info.tags[0]).toMatchObject({ id: 2, name: '星标组' });
    expect(served).toBe(1);
    expect(wechat.api.tokens.status(account.id)).toMatchObject({ source: 'borrow', hasToken: true });
  });
});
