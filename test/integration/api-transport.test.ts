import net from 'node:net';
import { MockAgent } from 'undici';
import { describe, expect, it } from 'vitest';
import { isWechatApiError } from '../../src/core/api/wechat-error';
import { isAppError } from '../../src/shared/errors';
import { startCoreWithDispatcher, startCoreWithSandbox } from '../helpers/sandbox';
import { firstOf } from '../helpers/indexed';

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

/** The sandbox reached under a second name, so it can be its own backup host. */
const alias = (url: string) => url.replace('127.0.0.1', 'localhost');

describe('transport: hosts, fallback, timeouts', () => {
  it('falls back to the backup host when the primary refuses connections', async () => {
    const { core, client, account, platform, wechat } = await startCoreWithSandbox();
    const dead = `http://127.0.0.1:${await closedPort()}`;
    await core.handlers['accounts.update'](
      {
        id: account.id,
        apiBase: dead,
        apiBackupBase: platform.url!,
        // Pointed at the sandbox by its address, the account signs in with the sandbox's own secret.
        appSecret: platform.ctx.app(account.appId)!.secret,
        allowPlainHttpLoopback: true,
      },
      { transport: 'internal' },
    );
    expect((await client.callbackIps(account.id)).ip_list).toEqual(['127.0.0.1']);
    const log = wechat.api.apiLog.list({ limit: 10 }).items.reverse();
    expect(log.map((e) => [e.host, e.path, e.status, e.error ? 'error' : 'ok'])).toEqual([
      [dead, '/cgi-bin/stable_token', null, 'error'],
      [platform.url, '/cgi-bin/stable_token', 200, 'ok'],
      [dead, '/cgi-bin/getcallbackip', null, 'error'],
      [platform.url, '/cgi-bin/getcallbackip', 200, 'ok'],
    ]);
    expect(firstOf(log).error).toMatch(/ECONNREFUSED/);
  });

  it('says which WeChat hosts could not be reached and how, so the UI can word it; the token status keeps it', async () => {
    const { core, client, account, wechat } = await startCoreWithSandbox();
    const deadA = `http://127.0.0.1:${await closedPort()}`;
    const deadB = `http://localhost:${await closedPort()}`;
    await core.handlers['accounts.update'](
      // Plain http to this machine, said so, and the AppSecret again (the API goes elsewhere).
      {
        id: account.id,
        apiBase: deadA,
        apiBackupBase: deadB,
        allowPlainHttpLoopback: true,
        appSecret: 'S'.repeat(32),
      },
      { transport: 'internal' },
    );
    const err = await client.callbackIps(account.id).catch((e: unknown) => e);
    expect(isAppError(err) && err.code).toBe('unavailable');
    expect(isAppError(err) && err.details).toMatchObject({
      unreachable: 'wechat',
      hosts: [new URL(deadA).host, new URL(deadB).host],
      net: 'refused',
    });
    const status = wechat.api.tokens.status(account.id);
    expect(status.lastError).toMatchObject({
      code: 'unavailable',
      details: { unreachable: 'wechat', net: 'refused' },
    });
    // Stored with the error (migration 031's column), so it outlives a restart.
    const row = core.db
      .prepare('SELECT last_error_details AS d FROM api_tokens WHERE account_id = ?')
      .get(account.id) as { d: string };
    expect(JSON.parse(row.d)).toMatchObject({ unreachable: 'wechat', net: 'refused' });
  });

  it('falls back on 5xx and on a dropped connection, never on an errcode', async () => {
    const { core, client, account, platform, wechat } = await startCoreWithSandbox();
    await core.handlers['accounts.update'](
      {
        id: account.id,
        apiBackupBase: alias(platform.url!),
        appSecret: platform.ctx.app(account.appId)!.secret,
        allowPlainHttpLoopback: true,
      },
      { transport: 'internal' },
    );
    await wechat.api.tokens.get(account.id);
    platform.setFaults([{ kind: 'http5xx', status: 502, times: 1 }]);
    await client.callbackIps(account.id);
    platform.setFaults([{ kind: 'drop', times: 1 }]);
    await client.callbackIps(account.id);
    const hosts = wechat.api.apiLog
      .list({ limit: 4 })
      .items.reverse()
      .map((e) => [e.host === platform.url ? 'primary' : 'backup', e.status]);
    expect(hosts).toEqual([
      ['primary', 502],
      ['backup', 200],
      ['primary', null],
      ['backup', 200],
    ]);
    // An errcode is an answer: no second host.
    const before = wechat.api.apiLog.list({ limit: 1 }).total!;
    const err = await client.menuGet(account.id).catch((e: unknown) => e);
    expect(isWechatApiError(err, 46003)).toBe(true);
    expect(wechat.api.apiLog.list({ limit: 1 }).total).toBe(before + 1);
  });

  it('the official host falls back to api2.weixin.qq.com (§12), checked with a MockAgent', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent
      .get('https://api.weixin.qq.com')
      .intercept({ path: '/cgi-bin/stable_token', method: 'POST' })
      .reply(503, 'busy');
    agent
      .get('https://api2.weixin.qq.com')
      .intercept({ path: '/cgi-bin/stable_token', method: 'POST' })
      .reply(200, { access_token: 'TOKEN-FROM-API2-xxxxxxxx', expires_in: 7200 });
    const { core, account: acc } = await startCoreWithDispatcher(agent);
    expect(await core.services.wechat.api.tokens.get(acc.id)).toBe('TOKEN-FROM-API2-xxxxxxxx');
    expect(core.services.wechat.api.apiLog.list({}).items.map((e) => `${e.host} ${e.status}`)).toEqual([
      'https://api2.weixin.qq.com 200',
      'https://api.weixin.qq.com 503',
    ]);
    await agent.close();
  });

  it('times out a slow call and says so', async () => {
    const { client, account, platform, wechat } = await startCoreWithSandbox({
      overrides: { wechat: { timeoutMs: 600 } },
    });
    await wechat.api.tokens.get(account.id);
    platform.setFaults([{ kind: 'latency', latencyMs: 2_500, times: 1 }]);
    const err = await client.callbackIps(account.id).catch((e: unknown) => e);
    expect(isAppError(err) && err.code).toBe('timeout');
    expect(firstOf(wechat.api.apiLog.list({ limit: 1 }).items).error).toMatch(/timed out after 600 ms/);
  });

  it('a POST that timed out is not sent again to the backup host (it may have been carried out)', async () => {
    const { core, client, account, platform, wechat } = await startCoreWithSandbox({
      overrides: { wechat: { timeoutMs: 600 } },
    });
    await core.handlers['accounts.update'](
      {
        id: account.id,
        apiBackupBase: alias(platform.url!),
        appSecret: platform.ctx.app(account.appId)!.secret,
        allowPlainHttpLoopback: true,
      },
      { transport: 'internal' },
    );
    const fan = firstOf(platform.fans(account.appId, 1));
    platform.userMessage(account.appId, fan.openid);
    await wechat.api.tokens.get(account.id);
    platform.setFaults([{ kind: 'latency', latencyMs: 2_500, times: 1, pathPrefix: '/cgi-bin/message' }]);
    const err = await client
      .customSend(account.id, { touser: fan.openid, msgtype: 'text', text: { content: 'once' } })
      .catch((e: unknown) => e);
    expect(isAppError(err) && err.code).toBe('timeout');
    expect(
      wechat.api.apiLog.list({ limit: 10 }).items.filter((e) => e.path === '/cgi-bin/message/custom/send'),
    ).toHaveLength(1);
  });

  it('-1 system busy is retried with bounded back-off', async () => {
    const { client, account, platform, wechat } = await startCoreWithSandbox();
    await wechat.api.tokens.get(account.id);
    platform.setFaults([{ kind: 'busy', times: 2 }]);
    expect((await client.callbackIps(account.id)).ip_list).toHaveLength(1);
    platform.setFaults([{ kind: 'busy', times: 3 }]);
    const err = await client.callbackIps(account.id).catch((e: unknown) => e);
    expect(isWechatApiError(err, -1)).toBe(true);
    expect(wechat.api.apiLog.list({ limit: 100 }).items.filter((e) => e.errcode === -1)).toHaveLength(5);
  });
});
