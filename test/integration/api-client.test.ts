import { describe, expect, it } from 'vitest';
import { ComponentClient } from '../../src/core/api/component-client';
import { isWechatApiError } from '../../src/core/api/wechat-error';
import { dispatch } from '../../src/core/dispatch';
import type { EventEnvelope } from '../../src/shared/api/contract';
import { isAppError } from '../../src/shared/errors';
import { startCoreWithSandbox, wx, type WxJson } from '../helpers/sandbox';
import { firstOf, itemAt } from '../helpers/indexed';

const call = (h: Parameters<typeof dispatch>[0], m: string, input?: unknown) =>
  dispatch(h, m, input, { transport: 'internal' });
const errOf = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );

describe('WeChat client against the sandbox: every endpoint', () => {
  it('menu: create, get, get_current_selfmenu_info, delete; 40018 and 46003 as typed errors', async () => {
    const { client, account } = await startCoreWithSandbox();
    const menu = {
      button: [
        { type: 'click', name: '今日', key: 'TODAY' },
        { name: '更多', sub_button: [{ type: 'view', name: '官网', url: 'https://example.com/' }] },
      ],
    };
    expect(await client.menuCreate(account.id, menu)).toEqual({ errcode: 0, errmsg: 'ok' });
    expect((await client.menuGet(account.id)).menu).toEqual(menu);
    const cur = await client.currentSelfMenu(account.id);
    expect(itemAt(cur.selfmenu_info!.button, 1).sub_button!.list).toHaveLength(1);
    const bad = await errOf(
      client.menuCreate(account.id, { button: [{ type: 'click', name: '六个汉字菜单', key: 'k' }] }),
    );
    expect(isWechatApiError(bad, 40018)).toBe(true);
    await client.menuDelete(account.id);
    expect(isWechatApiError(await errOf(client.menuGet(account.id)), 46003)).toBe(true);
  });

  it('users: followers() walks every page and stops at the §9 end quirk; info, batchget ≤ 100, remark, tags', async () => {
    const { client, account, platform } = await startCoreWithSandbox();
    platform.generateFans(account.appId, 20_000); // 21 000 with the first-run fans
    const pages: number[] = [];
    const seen = new Set<string>();
    for await (const ids of client.followers(account.id)) {
      pages.push(ids.length);
      ids.forEach((id) => seen.add(id));
    }
    expect(pages).toEqual([10_000, 10_000, 1_000]);
    expect(seen.size).toBe(21_000);
    const ids = [...seen].slice(0, 100);
    const info = await client.userInfo(account.id, firstOf(ids));
    expect(info).toMatchObject({ subscribe: 1, openid: ids[0] });
    expect((await client.userBatchGet(account.id, ids)).user_info_list).toHaveLength(100);
    const tooMany = await errOf(client.userBatchGet(account.id, [...seen].slice(0, 101)));
    expect(isAppError(tooMany) && tooMany.code).toBe('invalid_input');
    await client.userRemark(account.id, itemAt(ids, 1), '重要客户');
    expect((await client.userInfo(account.id, itemAt(ids, 1))).remark).toBe('重要客户');
    expect(isWechatApiError(await errOf(client.userInfo(account.id, 'oUNKNOWN')), 40003)).toBe(true);
    expect((await client.tagsGet(account.id)).tags[0]).toMatchObject({ id: 2, name: '星标组' });
  });

  it('customer service: send and typing inside the window; 45015 outside it; the CustomerServiceSender port delivers', async () => {
    const { client, account, platform, wechat } = await startCoreWithSandbox();
    const fan = firstOf(platform.fans(account.appId, 1));
    const body = { touser: fan.openid, msgtype: 'text', text: { content: '你好 👋' } };
    expect(isWechatApiError(await errOf(client.customSend(account.id, body)), 45015)).toBe(true);
    platform.userMessage(account.appId, fan.openid);
    expect(await client.customTyping(account.id, fan.openid, 'Typing')).toEqual({ errcode: 0, errmsg: 'ok' });
    await wechat.customerService.sendCustomMessage(account.id, body);
    expect(platform.sentMessages(account.appId)).toEqual([
      expect.objectContaining({ openid: fan.openid, msgtype: 'text', body }),
    ]);
    const e = await errOf(wechat.customerService.sendCustomMessage(account.id, { ...body, touser: 'oNOPE' }));
    expect(isAppError(e) && e.code).toBe('wechat_error');
    expect((e as WxJson).details.errcode).toBe(40003);
  });

  it('web OAuth: code exchange, 40163 on reuse, userinfo, refresh, auth; the code and tokens are masked in the log', async () => {
    const { client, account, platform, wechat } = await startCoreWithSandbox();
    const fan = firstOf(platform.fans(account.appId, 1));
    const page = await wx(platform.url!).get('/connect/oauth2/authorize', {
      appid: account.appId,
      redirect_uri: 'https://shop.example.com/cb',
      response_type: 'code',
      scope: 'snsapi_userinfo',
      state: 's1',
    });
    const code = new URL(page.redirect).searchParams.get('code')!;
    const tok = await client.snsAccessToken(account.id, code);
    expect(tok).toMatchObject({ openid: fan.openid, scope: 'snsapi_userinfo', expires_in: 7200 });
    expect(isWechatApiError(await errOf(client.snsAccessToken(account.id, code)), 40163)).toBe(true);
    expect((await client.snsUserInfo(account.id, tok.access_token, tok.openid)).nickname).toBe(fan.nickname);
    const refreshed = await client.snsRefreshToken(account.id, tok.refresh_token);
    expect(refreshed.openid).toBe(fan.openid);
    expect(await client.snsAuth(account.id, refreshed.access_token, fan.openid)).toEqual({
      errcode: 0,
      errmsg: 'ok',
    });
    const dump = JSON.stringify(wechat.api.apiLog.list({ limit: 100 }).items);
    for (const secret of [code, tok.access_token, tok.refresh_token]) expect(dump).not.toContain(secret);
    expect(dump).toContain('code=***');
  });

  it('misc: get_current_autoreply_info and getcallbackip', async () => {
    const { client, account } = await startCoreWithSandbox();
    expect(await client.currentAutoreply(account.id)).toMatchObject({
      is_autoreply_open: 1,
      add_friend_autoreply_info: { type: 'text' },
    });
    expect(await client.callbackIps(account.id)).toEqual({ ip_list: ['127.0.0.1'] });
  });

  it('component endpoints (§11.4) through the ComponentClient', async () => {
    const { platform, wechat, account } = await startCoreWithSandbox();
    const comp = new ComponentClient(wechat.api.transport);
    const c = { componentAppid: 'wxc0c0c0c0c0c0c0c0', hosts: [platform.url!] };
    platform.createComponent(c.componentAppid, 's'.repeat(32));
    const ticket = platform.pushVerifyTicket(c.componentAppid);
    expect(isWechatApiError(await errOf(comp.componentToken(c, 's'.repeat(32), 'ticket@@@bad')), 61006)).toBe(
      true,
    );
    const { component_access_token: ct } = await comp.componentToken(c, 's'.repeat(32), ticket);
    const { pre_auth_code } = await comp.preAuthCode(c, ct);
    const page = await wx(platform.url!).get('/cgi-bin/componentloginpage', {
      component_appid: c.componentAppid,
      pre_auth_code,
      redirect_uri: 'https://p.example.com/cb',
      biz_appid: account.appId,
    });
    const auth = await comp.queryAuth(c, ct, new URL(page.redirect).searchParams.get('auth_code')!);
    const a = auth.authorization_info;
    expect(a.authorizer_appid).toBe(account.appId);
    const t = await comp.authorizerToken(c, ct, a.authorizer_appid, a.authorizer_refresh_token);
    expect(t.authorizer_refresh_token).toBe(a.authorizer_refresh_token);
    expect(isWechatApiError(await errOf(comp.authorizerToken(c, ct, a.authorizer_appid, 'bad')), 61023)).toBe(
      true,
    );
    expect((await comp.authorizerInfo(c, ct, a.authorizer_appid)).authorization_info.authorizer_appid).toBe(
      account.appId,
    );
    const dump = JSON.stringify(wechat.api.apiLog.list({ limit: 100 }).items);
    for (const secret of [ticket, ct, a.authorizer_refresh_token, 's'.repeat(32)])
      expect(dump).not.toContain(secret);
  });
});

describe('api.request and the API log', () => {
  it('api.request fills in the token and explains the errcode; the answer is masked', async () => {
    const { core, account } = await startCoreWithSandbox();
    const r = await call(core.handlers, 'api.request', {
      accountId: account.id,
      method: 'GET',
      path: '/cgi-bin/menu/get',
    });
    expect(r).toMatchObject({
      ok: true,
      value: {
        status: 200,
        errcode: 46003,
        explanation: { errcode: 46003, zh: '菜单不存在', hintEn: 'Create a menu first' },
      },
    });
    const ok = await call(core.handlers, 'api.request', {
      accountId: account.id,
      method: 'POST',
      path: '/cgi-bin/user/info/batchget',
      body: { user_list: [] },
    });
    expect(ok).toMatchObject({
      ok: true,
      value: { errcode: 40032, explanation: { en: 'invalid openid list size' } },
    });
    const raw = await call(core.handlers, 'api.request', {
      accountId: account.id,
      method: 'POST',
      path: '/cgi-bin/stable_token',
      withToken: false,
      body: {
        grant_type: 'client_credential',
        appid: account.appId,
        secret: core.services.accounts.sandboxSecret(account.id),
      },
    });
    expect((raw as WxJson).value.response.access_token).toMatch(/^\*\*\*.{4}$/);
    const bad = await call(core.handlers, 'api.request', {
      accountId: account.id,
      method: 'GET',
      path: 'cgi-bin/x?y',
    });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', issues: [{ key: 'validation.apiPath' }] },
    });
  });

  it('apilog.list pages newest first; apilog.appended streams each call; no secret in clear anywhere', async () => {
    const { core, client, account } = await startCoreWithSandbox();
    const seen: EventEnvelope[] = [];
    core.events.subscribe((e) => e.name === 'apilog.appended' && seen.push(e));
    for (let i = 0; i < 5; i++) await client.callbackIps(account.id);
    expect(seen).toHaveLength(6);
    const p1 = await call(core.handlers, 'apilog.list', { accountId: account.id, limit: 4 });
    const v1 = (p1 as WxJson).value;
    expect(v1.items).toHaveLength(4);
    expect(v1.total).toBe(6);
    const p2 = (await call(core.handlers, 'apilog.list', {
      accountId: account.id,
      limit: 4,
      cursor: v1.nextCursor,
    })) as WxJson;
    expect(p2.value.items.map((e: WxJson) => e.path)).toEqual([
      '/cgi-bin/getcallbackip',
      '/cgi-bin/stable_token',
    ]);
    expect(p2.value.nextCursor).toBeUndefined();
    const entry = v1.items[0];
    expect(entry).toMatchObject({
      method: 'GET',
      path: '/cgi-bin/getcallbackip',
      status: 200,
      errcode: null,
      origin: 'client',
    });
    expect(entry.query).toMatch(/^access_token=\*\*\*.{4}$/);
    expect(entry.latencyMs).toBeGreaterThanOrEqual(0);
    const token = await core.services.wechat.api.tokens.get(account.id);
    const secret = core.services.accounts.sandboxSecret(account.id)!;
    const everything = JSON.stringify(seen) + JSON.stringify(core.db.prepare('SELECT * FROM api_log').all());
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(secret);
  });
});
