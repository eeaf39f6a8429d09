import { describe, expect, it, vi } from 'vitest';
import { readStoredQuery } from '../../src/core/store/repos/callback-log-repo';
import type { ComponentAuthUrlDto, ComponentPlatformDto } from '../../src/shared/api/areas/component';
import { cdata } from '../../src/core/wechat';
import { systemRuntime } from '../../src/core/runtime';
import { ManualClock } from '../helpers/sandbox';
import { call, COMPONENT, setup, side } from '../helpers/component-rig';
import { eventXml, readReplyAsWechat, textMessageXml } from '../helpers/wechat-side';
import { firstOf } from '../helpers/indexed';

/**
 * Third-party platform (docs/wechat-protocol.md §11) end to end: requests built as WeChat builds them,
 * on the real callback listener, real SQLite, the sandbox platform over HTTP for the component APIs.
 */

describe('third-party platform pushes (§11.2, §11.3)', () => {
  it('stores the verify ticket sealed, answers success and logs the push without the ticket', async () => {
    const t = await setup();
    const { ticket, res } = await t.pushTicket();
    expect(res).toMatchObject({ status: 200, body: 'success' });
    const p = firstOf(await call<ComponentPlatformDto[]>(t.s, 'component.list'));
    expect(p.ticket?.receivedAt).toBeGreaterThan(0);
    expect(p.ticket?.createTime).toBe(1413192605);
    expect(JSON.stringify(p)).not.toContain(ticket);
    // Sealed at rest, and kept out of the log.
    const rows = t.s.core.db
      .prepare("SELECT ciphertext FROM secrets WHERE name LIKE 'component:%'")
      .all() as {
      ciphertext: Buffer;
    }[];
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const r of rows) expect(r.ciphertext.toString('latin1')).not.toContain(ticket);
    const row = t.logRow(res.logId)!;
    expect(row).toMatchObject({
      status: 200,
      outcome: 'ok',
      reason: 'acknowledged',
      msg_type: 'component_verify_ticket',
    });
    expect(String(row.decrypted_xml)).toContain('<ComponentVerifyTicket>****</ComponentVerifyTicket>');
    expect(JSON.stringify(row)).not.toContain(ticket);
  });

  it('refuses a wrong signature (401) and a foreign appid in the envelope (400), and logs both', async () => {
    const t = await setup();
    const xml = `<xml><AppId>${cdata(COMPONENT.componentAppId)}</AppId><CreateTime>1</CreateTime><InfoType>${cdata('component_verify_ticket')}</InfoType><ComponentVerifyTicket>${cdata('ticket@@@x')}</ComponentVerifyTicket></xml>`;
    const bad = await t.post(t.events, xml, { token: 'someoneElse1' });
    expect(bad.status).toBe(401);
    expect(t.logRow(bad.logId)).toMatchObject({ status: 401, reason: 'bad_signature', outcome: 'rejected' });
    const foreign = await t.post(t.events, xml, { appId: 'wx0000000000000001' });
    expect(foreign.status).toBe(400);
    expect(t.logRow(foreign.logId)).toMatchObject({ status: 400, reason: 'decrypt_failed' });
    expect(String(t.logRow(foreign.logId)!.detail)).toContain('wx0000000000000001');
    // A correctly signed push captured long ago (issue 18, item 6): refused, not stored.
    const stale = await t.post(t.events, xml, {}, undefined, '1413192605');
    expect(stale.status).toBe(403);
    expect(t.logRow(stale.logId)).toMatchObject({ reason: 'stale_timestamp', outcome: 'rejected' });
    const p = firstOf(await call<ComponentPlatformDto[]>(t.s, 'component.list'));
    expect(p.ticket).toBeNull();
  });

  it('replays a push signed again with a fresh timestamp (callbacks.replay)', async () => {
    const t = await setup();
    const { res } = await t.pushTicket();
    const again = await call<{ status: number; logId: number }>(t.s, 'callbacks.replay', { id: res.logId });
    expect(again.status).toBe(200);
    expect(Number(readStoredQuery(String(t.logRow(again.logId)!.query)).timestamp)).toBeGreaterThan(
      1700000000,
    );
  });

  it('explains a missing ticket, then fetches the component token once for concurrent callers', async () => {
    const t = await setup();
    await expect(call(t.s, 'component.refreshToken', { id: t.platform.id })).rejects.toThrow(
      /every 10 minutes/,
    );
    const { ticket } = await t.pushTicket();
    const svc = t.s.core.services.component;
    const tokens = await Promise.all(
      Array.from({ length: 6 }, () => svc.tokens.componentToken(t.platform.id)),
    );
    expect(new Set(tokens).size).toBe(1);
    const issued = t.s.platform.db
      .prepare("SELECT count(*) AS n FROM tokens WHERE kind = 'component'")
      .get() as {
      n: number;
    };
    expect(issued.n).toBe(1);
    // Cached: a later caller does not fetch again.
    expect(await svc.tokens.componentToken(t.platform.id)).toBe(tokens[0]);
    const p = firstOf(await call<ComponentPlatformDto[]>(t.s, 'component.list'));
    expect(p.componentToken).toMatchObject({ hasToken: true, lastError: null });
    expect(JSON.stringify(p)).not.toContain(tokens[0]);
    // The API log keeps the exchange, masked: no secret, ticket or token in clear.
    const logged = JSON.stringify(
      t.s.core.db
        .prepare(
          "SELECT path, query, request_body, response_body FROM api_log WHERE path LIKE '/cgi-bin/component/%'",
        )
        .all(),
    );
    expect(logged).toContain('api_component_token');
    for (const secret of [tokens[0], COMPONENT.appSecret, ticket]) expect(logged).not.toContain(secret);
  });

  it('authorized -> api_query_auth against the sandbox -> authorizer stored; unauthorized removes it', async () => {
    const t = await setup();
    const { ticket } = await t.pushTicket();
    const code = await t.authCode();
    const appid = t.s.account.appId;
    const stored = t.nextChange((p) => p.authorizers.some((a) => a.appid === appid && a.token.hasToken));
    const res = await t.post(
      t.events,
      `<xml><AppId>${cdata(COMPONENT.componentAppId)}</AppId><CreateTime>1413192760</CreateTime><InfoType>${cdata('authorized')}</InfoType><AuthorizerAppid>${cdata(appid)}</AuthorizerAppid><AuthorizationCode>${cdata(code)}</AuthorizationCode><AuthorizationCodeExpiredTime>1413193360</AuthorizationCodeExpiredTime><PreAuthCode>${cdata('preauthcode@@@x')}</PreAuthCode></xml>`,
    );
    expect(res).toMatchObject({ status: 200, body: 'success' });
    const p = await stored;
    const a = p.authorizers.find((x) => x.appid === appid)!;
    expect(a).toMatchObject({
      lastEvent: 'authorized',
      funcInfo: [1, 2, 3, 4, 7, 11],
      refreshTokenSet: true,
      authCodeExpiresAt: 1413193360_000,
    });
    // The authorizer token works for account APIs, and is renewed with the persisted refresh token.
    const svc = t.s.core.services.component;
    const first = await svc.authorizers.authorizerToken(p.id, appid);
    const renewed = await svc.authorizers.authorizerToken(p.id, appid, true);
    expect(renewed).not.toBe(first);
    // Events carry states and times, never the ticket, the code or a token.
    expect(t.sent.some((e) => e.includes('component.changed'))).toBe(true);
    for (const secret of [ticket, code, first, renewed]) expect(t.sent.join('\n')).not.toContain(secret);
    const logged = String(t.logRow(res.logId)!.decrypted_xml);
    expect(logged).toContain('<InfoType><![CDATA[authorized]]></InfoType>');
    expect(logged).toContain('<AuthorizationCode>****</AuthorizationCode>');
    expect(logged).not.toContain(code);

    const gone = await t.post(
      t.events,
      `<xml><AppId>${cdata(COMPONENT.componentAppId)}</AppId><CreateTime>1413192800</CreateTime><InfoType>${cdata('unauthorized')}</InfoType><AuthorizerAppid>${cdata(appid)}</AuthorizerAppid></xml>`,
    );
    expect(gone).toMatchObject({ status: 200, body: 'success' });
    const after = firstOf(await call<ComponentPlatformDto[]>(t.s, 'component.list'));
    expect(after.authorizers).toEqual([]);
    const left = t.s.core.db
      .prepare('SELECT count(*) AS n FROM secrets WHERE name LIKE ?')
      .get(`component:${p.id}:authorizer:%`) as { n: number };
    expect(left.n).toBe(0);
  });
});

describe('全网发布 release test (§11.7)', () => {
  const TEST_APPID = 'wx570bc396a51b8ff8';
  const TEST_GH = 'gh_3c884a361561';

  it('text case: encrypted passive reply TESTCOMPONENT_MSG_TYPE_TEXT_callback, byte-exact', async () => {
    const t = await setup();
    const res = await t.post(
      `/component/${t.platform.id}/${TEST_APPID}/messages`,
      textMessageXml({
        to: TEST_GH,
        from: 'ozy4qt5QUADNXORxCVipKMV9dss0',
        content: 'TESTCOMPONENT_MSG_TYPE_TEXT',
      }),
    );
    expect(res.status).toBe(200);
    const reply = readReplyAsWechat(side, res.body);
    expect(reply.kind).toBe('encrypted');
    if (reply.kind !== 'encrypted') return;
    const ct = reply.fields.CreateTime as string;
    expect(reply.xml).toBe(
      `<xml><ToUserName><![CDATA[ozy4qt5QUADNXORxCVipKMV9dss0]]></ToUserName><FromUserName><![CDATA[${TEST_GH}]]></FromUserName>` +
        `<CreateTime>${ct}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[TESTCOMPONENT_MSG_TYPE_TEXT_callback]]></Content></xml>`,
    );
  });

  it('event case: <Event>from_callback', async () => {
    const t = await setup();
    const res = await t.post(
      `/component/${t.platform.id}/${TEST_APPID}/messages`,
      eventXml({
        to: TEST_GH,
        from: 'ozy4qt5QUADNXORxCVipKMV9dss0',
        event: 'LOCATION',
        extra: '<Latitude>23.1</Latitude>',
      }),
    );
    const reply = readReplyAsWechat(side, res.body);
    expect(reply.kind === 'encrypted' && reply.fields.Content).toBe('LOCATIONfrom_callback');
  });

  it('QUERY_AUTH_CODE: empty reply, then api_query_auth and a customer-service text <code>_from_api', async () => {
    const t = await setup();
    await t.pushTicket();
    const appid = t.s.account.appId;
    t.s.platform.generateFans(appid, 1);
    const fan = firstOf(t.s.platform.fans(appid, 1));
    t.s.platform.userMessage(appid, fan.openid);
    const code = await t.authCode();
    const res = await t.post(
      `/component/${t.platform.id}/${appid}/messages`,
      textMessageXml({ to: 'gh_0123456789ab', from: fan.openid, content: `QUERY_AUTH_CODE:${code}` }),
    );
    expect(res).toMatchObject({ status: 200, body: '' });
    // WeChat's retry of the same message gets the same empty answer and exchanges nothing again.
    const retry = await t.post(
      `/component/${t.platform.id}/${appid}/messages`,
      textMessageXml({ to: 'gh_0123456789ab', from: fan.openid, content: `QUERY_AUTH_CODE:${code}` }),
    );
    expect(retry).toMatchObject({ status: 200, body: '' });
    expect(t.logRow(retry.logId)).toMatchObject({ outcome: 'duplicate', reason: 'retry_replayed' });
    await vi.waitFor(
      () => {
        const sent = t.s.platform.sentMessages(appid);
        expect(sent.map((m) => [m.openid, m.body.text])).toContainEqual([
          fan.openid,
          { content: `${code}_from_api` },
        ]);
      },
      { timeout: 5_000, interval: 20 },
    );
    expect(t.s.platform.sentMessages(appid)).toHaveLength(1);
  });

  it('the sandbox ticket push (component.pushTicket) lands like WeChat’s', async () => {
    const t = await setup();
    const p = await call<ComponentPlatformDto>(t.s, 'component.pushTicket', { id: t.platform.id });
    expect(p.ticket).not.toBeNull();
    await call<ComponentPlatformDto>(t.s, 'component.refreshToken', { id: t.platform.id });
    expect(p.urls.local?.messages).toMatch(/\/component\/[a-z0-9]+\/\$APPID\$\/messages$/);
  });
});

describe('messages for an authorizer that is also an MPDesk account (§11.6)', () => {
  it('its auto-reply rules answer, encrypted with the platform key, and the log row names the account', async () => {
    const t = await setup();
    const appid = t.s.account.appId;
    await call(t.s, 'rules.save', {
      accountId: t.s.account.id,
      name: 'hi',
      trigger: { kind: 'keyword', match: 'exact', pattern: 'hi' },
      replies: [{ type: 'text', content: 'hello from the rules' }],
    });
    const res = await t.post(
      `/component/${t.platform.id}/${appid}/messages`,
      textMessageXml({ to: 'gh_0123456789ab', from: 'oFan123', content: 'hi' }),
    );
    const reply = readReplyAsWechat(side, res.body);
    expect(reply.kind === 'encrypted' && reply.fields).toMatchObject({
      ToUserName: 'oFan123',
      FromUserName: 'gh_0123456789ab',
      Content: 'hello from the rules',
    });
    expect(t.logRow(res.logId)).toMatchObject({ account_id: t.s.account.id, reason: 'replied' });
    expect(String(t.logRow(res.logId)!.matched)).toMatch(/^rule:/);
  });
});

describe('authorizer tokens (§11.4 api_authorizer_token)', () => {
  it('are renewed with the persisted refresh token ahead of expiry, not before', async () => {
    const clock = new ManualClock(Date.now());
    const t = await setup({ overrides: { runtime: { clock, random: systemRuntime.random } } });
    await t.pushTicket();
    const appid = t.s.account.appId;
    const svc = t.s.core.services.component;
    const { accessToken } = await svc.authorizers.exchangeCode(t.platform.id, await t.authCode());
    await svc.authorizers.sweep();
    expect(await svc.authorizers.authorizerToken(t.platform.id, appid)).toBe(accessToken);
    // 7200 s tokens: at 1 h 55 min the sweep renews it (10 min ahead of expiry).
    clock.advance(115 * 60_000);
    const renewed = t.nextChange((p) => p.authorizers.some((a) => a.token.fetchedAt === clock.now()));
    await svc.authorizers.sweep();
    const p = await renewed;
    const a = p.authorizers.find((x) => x.appid === appid)!;
    expect(a.token).toMatchObject({ hasToken: true, expiresAt: clock.now() + 7_200_000, lastError: null });
    expect(await svc.authorizers.authorizerToken(t.platform.id, appid)).not.toBe(accessToken);
  });
});

describe('authorization page redirect (§11.5)', () => {
  it('MPDesk is the default redirect_uri: the sandbox page redirects there and the auth_code is exchanged', async () => {
    const t = await setup();
    await t.pushTicket();
    const built = await call<ComponentAuthUrlDto & { redirectUri: string }>(t.s, 'component.buildAuthUrl', {
      id: t.platform.id,
      kind: 'mobile',
      bizAppid: t.s.account.appId,
    });
    const base = t.s.core.status().callbackListener!.url;
    expect(built.redirectUri).toBe(`${base}/component/${t.platform.id}/authorized`);
    expect(built.url).toMatch(
      /^https:\/\/open\.weixin\.qq\.com\/wxaopen\/safe\/bindcomponent\?action=bindcomponent&no_scan=1&/,
    );
    expect(built.url).toContain(
      `&redirect_uri=${encodeURIComponent(built.redirectUri)}&auth_type=3&biz_appid=`,
    );
    const page = await fetch(built.sandboxUrl!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`Authorized: ${t.s.account.appId}`);
    const p = firstOf(await call<ComponentPlatformDto[]>(t.s, 'component.list'));
    expect(firstOf(p.authorizers)).toMatchObject({
      appid: t.s.account.appId,
      lastEvent: 'redirect',
      refreshTokenSet: true,
    });
    const row = t.s.core.db
      .prepare("SELECT query, status FROM callback_log WHERE path LIKE '%/authorized' ORDER BY id DESC")
      .get() as { query: string; status: number };
    expect(row.status).toBe(200);
    expect(row.query).not.toMatch(/queryauthcode@@@\w{10}/);
  });
});
