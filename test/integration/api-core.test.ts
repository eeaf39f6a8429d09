import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src/core/dispatch';
import { SANDBOX_API_BASE } from '../../src/shared/api/areas/tokens';
import { startCoreWithSandbox } from '../helpers/sandbox';
import { tempDir } from '../helpers/temp-dir';

const call = (c: { handlers: Parameters<typeof dispatch>[0] }, m: string, input?: unknown) =>
  dispatch(c.handlers, m, input, { transport: 'internal' });

describe('first run: the Sandbox account', () => {
  it('is created on first start, marked as sandbox, wired to the sandbox platform, and its API works', async () => {
    const { core, account, client, platform } = await startCoreWithSandbox();
    expect(account).toMatchObject({
      isSandbox: true,
      mode: 'safe',
      apiBase: SANDBOX_API_BASE,
      tokenSource: 'stable_token',
    });
    expect(account.appId).toMatch(/^wx[0-9a-f]{16}$/);
    expect(platform.hasApp(account.appId)).toBe(true);
    const page = await client.userList(account.id);
    expect(page.total).toBe(1000);
    expect(core.status().accountCount).toBe(1);
  });

  it('follows the sandbox port across restarts, and reuses the persisted token', async () => {
    const dataDir = tempDir();
    const first = await startCoreWithSandbox({ dataDir });
    await first.client.menuDelete(first.account.id);
    const port1 = first.platform.url;
    expect(first.wechat.api.tokens.fetches).toBe(1);
    await first.core.stop();

    const second = await startCoreWithSandbox({ dataDir, sandboxClock: first.sandboxClock });
    expect(second.platform.url).not.toBe(port1);
    expect(second.core.services.accounts.list()).toHaveLength(1);
    await second.client.menuDelete(second.account.id);
    // The token from the first run was reused: no token request in this process.
    expect(second.wechat.api.tokens.fetches).toBe(0);
    const status = await call(second.core, 'tokens.status', { accountId: second.account.id });
    expect(status).toMatchObject({ ok: true, value: { hasToken: true, source: 'stable_token' } });
  });

  it('is not created when the sandbox is disabled', async () => {
    const { core, account } = await startCoreWithSandbox({ overrides: { wechat: { sandbox: false } } });
    expect(account).toBeUndefined();
    expect(core.services.accounts.count()).toBe(0);
    expect(await call(core, 'sandbox.status')).toMatchObject({ ok: true, value: { running: false } });
  });

  it('sandbox.* drives the sandbox from the contract: fans, an interaction that opens the window, faults', async () => {
    const { core, account, client, platform } = await startCoreWithSandbox();
    const gen = await call(core, 'sandbox.generateFans', { accountId: account.id, count: 500 });
    expect(gen).toMatchObject({ ok: true, value: { added: 500, total: 1500 } });
    const inter = (await call(core, 'sandbox.simulateInteraction', { accountId: account.id })) as {
      value: { openid: string };
    };
    await client.customSend(account.id, {
      touser: inter.value.openid,
      msgtype: 'text',
      text: { content: 'ok' },
    });
    expect(platform.sentMessages(account.appId)).toHaveLength(1);
    const changed: unknown[] = [];
    core.events.subscribe((e) => e.name === 'sandbox.changed' && changed.push(e.payload));
    const f = await call(core, 'sandbox.setFaults', { faults: [{ kind: 'busy', times: 9 }] });
    expect(f).toMatchObject({ ok: true, value: { running: true, faults: [{ kind: 'busy', times: 9 }] } });
    expect(changed).toHaveLength(1);
    await call(core, 'sandbox.setFaults', { faults: [] });
    const refreshed = await call(core, 'tokens.refresh', { accountId: account.id });
    expect(refreshed).toMatchObject({ ok: true, value: { hasToken: true, source: 'stable_token' } });
    const other = await call(core, 'accounts.create', {
      name: 'real',
      appId: 'wx1234567890abcdef',
      appSecret: 'a'.repeat(32),
      token: 'tok123',
      mode: 'plain',
    });
    const refused = await call(core, 'sandbox.generateFans', {
      accountId: (other as { value: { id: string } }).value.id,
      count: 1,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('an account switched to the sandbox, or given a new AppSecret, works at once', async () => {
    const { core, client, account } = await startCoreWithSandbox();
    const real = await core.handlers['accounts.create'](
      {
        name: 'real',
        appId: 'wx1234567890abcdef',
        appSecret: 'a'.repeat(32),
        token: 'tok123',
        mode: 'plain',
      },
      { transport: 'internal' },
    );
    await core.handlers['accounts.update']({ id: real.id, apiBase: 'sandbox' }, { transport: 'internal' });
    expect((await client.userList(real.id)).total).toBe(1000);
    await core.handlers['accounts.update'](
      { id: account.id, appSecret: 'N'.repeat(32) },
      { transport: 'internal' },
    );
    await core.services.wechat.api.tokens.refresh(account.id);
    expect((await client.callbackIps(account.id)).ip_list).toHaveLength(1);
  });
});
