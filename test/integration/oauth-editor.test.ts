import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src/core/dispatch';
import type { OauthBuiltUrlDto, OauthSettingsDto } from '../../src/shared/api/areas/oauth';
import type { TunnelStatus } from '../../src/shared/api/areas/tunnel';
import { startCoreWithSandbox } from '../helpers/sandbox';
import { accountInput } from '../helpers/test-core';
import { firstOf } from '../helpers/indexed';

/** The OAuth-URL editor's core side: default redirect_uri, 网页授权域名 checks (§8.1), state rules (§8.2). */
type Started = Awaited<ReturnType<typeof startCoreWithSandbox>>;
const call = async <T>(s: Started, method: string, input?: unknown): Promise<T> => {
  const r = await dispatch(s.core.handlers, method, input, { transport: 'internal' });
  if (!r.ok) throw Object.assign(new Error(r.error.message), { body: r.error });
  return r.value as T;
};
const problems = (b: OauthBuiltUrlDto) => b.issues.map((i) => `${i.problem}:${i.severity}`);

describe('OAuth URL editor', () => {
  it('defaults to the local callback, then to the public one once a public URL is online', async () => {
    const s = await startCoreWithSandbox();
    const local = await call<OauthSettingsDto>(s, 'oauth.settings', { accountId: s.account.id });
    expect(local).toMatchObject({
      publicRedirectUri: null,
      defaultRedirectUri: `${s.core.status().callbackListener!.url}/oauth/sandbox/callback`,
      isSandbox: true,
      oauthDomain: null,
    });
    await call(s, 'tunnel.configure', { provider: 'external', externalBaseUrl: 'https://wx.example.com' });
    const t = await call<TunnelStatus>(s, 'tunnel.start');
    expect(t.state).toBe('online');
    const pub = await call<OauthSettingsDto>(s, 'oauth.settings', { accountId: s.account.id });
    expect(pub).toMatchObject({
      publicRedirectUri: 'https://wx.example.com/oauth/sandbox/callback',
      defaultRedirectUri: 'https://wx.example.com/oauth/sandbox/callback',
      publicOauthDomain: 'wx.example.com',
    });
    const built = await call<OauthBuiltUrlDto>(s, 'oauth.buildUrl', {
      accountId: s.account.id,
      scope: 'snsapi_base',
    });
    expect(built.url).toContain(
      'redirect_uri=https%3A%2F%2Fwx.example.com%2Foauth%2Fsandbox%2Fcallback&response_type=code',
    );
    expect(built.redirectIsOurs).toBe(true);
    expect(built.state).toMatch(/^[A-Za-z0-9]{24}$/);
  });

  it('checks the redirect_uri against the recorded 网页授权域名 and explains each mismatch', async () => {
    const s = await startCoreWithSandbox();
    const real = s.core.services.accounts.create(accountInput({ callbackSlug: 'shop' }));
    await call(s, 'tunnel.configure', { provider: 'external', externalBaseUrl: 'https://wx.example.com' });
    await call(s, 'tunnel.start');
    const build = (redirectUri?: string) =>
      call<OauthBuiltUrlDto>(s, 'oauth.buildUrl', {
        accountId: real.id,
        scope: 'snsapi_userinfo',
        redirectUri,
      });

    const none = await build();
    expect(none.sandboxUrl).toBeNull();
    expect(problems(none)).toEqual(['no_domain:warn', 'verify_file:warn']);
    expect(firstOf(none.issues).message.zh).toContain('网页授权域名');
    expect(firstOf(none.issues).message.en).toContain('10003');

    const set = await call<OauthSettingsDto>(s, 'oauth.configure', {
      accountId: real.id,
      oauthDomain: 'WX.example.com/',
    });
    expect(set.oauthDomain).toBe('wx.example.com');
    expect(problems(await build())).toEqual(['verify_file:warn']);
    expect(problems(await build('https://pay.example.com/cb'))).toEqual([
      'host_mismatch:error',
      'not_ours:info',
    ]);
    expect(problems(await build('https://a.wx.example.com/cb'))).toEqual([
      'subdomain:error',
      'not_ours:info',
    ]);
    expect(problems(await build('http://10.0.0.2:8080/cb'))).toEqual([
      'host_mismatch:error',
      'ip_host:error',
      'port:error',
      'not_https:info',
      'not_ours:info',
    ]);

    const domainIssue = await dispatch(
      s.core.handlers,
      'oauth.configure',
      { accountId: real.id, oauthDomain: 'https://wx.example.com:8443' },
      { transport: 'internal' },
    );
    expect(domainIssue).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        issues: [expect.objectContaining({ path: 'oauthDomain', key: 'validation.oauthDomain' })],
      },
    });
  });

  it('rejects a state outside [A-Za-z0-9]{1,128} and an unknown scope, naming the field', async () => {
    const s = await startCoreWithSandbox();
    const r = await dispatch(
      s.core.handlers,
      'oauth.buildUrl',
      { accountId: s.account.id, scope: 'snsapi_login', state: 'a-b', redirectUri: 'javascript:alert(1)' },
      { transport: 'internal' },
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.fromEntries(r.error.issues!.map((i) => [i.path, i.key]))).toEqual({
      scope: 'validation.oauthScope',
      state: 'validation.oauthState',
      redirectUri: 'validation.oauthRedirectUri',
    });
  });

  it('a typed state is issued as typed; rebuilding keeps it usable once', async () => {
    const s = await startCoreWithSandbox();
    const a = await call<OauthBuiltUrlDto>(s, 'oauth.buildUrl', {
      accountId: s.account.id,
      scope: 'snsapi_base',
      state: 'mine42',
    });
    const b = await call<OauthBuiltUrlDto>(s, 'oauth.buildUrl', {
      accountId: s.account.id,
      scope: 'snsapi_userinfo',
      state: 'mine42',
    });
    expect(a.url).toContain('&state=mine42#wechat_redirect');
    expect(b.url).toContain('scope=snsapi_userinfo&state=mine42#wechat_redirect');
    expect(
      (
        s.core.db.prepare("SELECT count(*) AS n FROM oauth_states WHERE state = 'mine42'").get() as {
          n: number;
        }
      ).n,
    ).toBe(1);
    // Typing on: the half-typed state is withdrawn when the editor moves to the next one.
    await call(s, 'oauth.buildUrl', {
      accountId: s.account.id,
      scope: 'snsapi_base',
      state: 'mine421',
      previousState: 'mine42',
    });
    const left = s.core.db.prepare('SELECT state FROM oauth_states ORDER BY state').all() as {
      state: string;
    }[];
    expect(left.map((r) => r.state)).toEqual(['mine421']);
  });

  it('fixed states: the state → page map; the editor and the inspector warn where one has no landing page', async () => {
    const s = await startCoreWithSandbox();
    const noLanding = await call<OauthBuiltUrlDto>(s, 'oauth.buildUrl', {
      accountId: s.account.id,
      scope: 'snsapi_base',
      state: 'grades',
      fixed: true,
    });
    expect(noLanding).toMatchObject({
      stateKind: 'fixed',
      landing: null,
      stateExpiresAt: Number.MAX_SAFE_INTEGER,
    });
    expect(problems(noLanding)).toContain('fixed_no_landing:warn');
    const inspected = await call<{ problems: { code: string; message: { zh: string } }[] }>(
      s,
      'oauth.inspectUrl',
      {
        url: noLanding.url,
        accountId: s.account.id,
      },
    );
    expect(inspected.problems.map((p) => p.code)).toEqual(['fixed_no_landing']);
    expect(firstOf(inspected.problems).message.zh).toContain('没有落地页');
    // Built again without `fixed`, a fixed state stays fixed; with a landing the warning goes.
    const withLanding = await call<OauthBuiltUrlDto>(s, 'oauth.buildUrl', {
      accountId: s.account.id,
      scope: 'snsapi_base',
      state: 'grades',
      landing: '/grades',
    });
    expect(withLanding.stateKind).toBe('fixed');
    expect(problems(withLanding)).not.toContain('fixed_no_landing:warn');
    expect(await call(s, 'oauth.states', { accountId: s.account.id })).toMatchObject([
      { state: 'grades', landing: '/grades', scope: 'snsapi_base' },
    ]);
    // A word-like state MPDesk never issued (a hand-built menu link) is named as such.
    const foreign = await call<{ problems: { code: string }[] }>(s, 'oauth.inspectUrl', {
      url: noLanding.url.replace('state=grades', 'state=homework'),
      accountId: s.account.id,
    });
    expect(foreign.problems.map((p) => p.code)).toEqual(['state_not_issued']);
    const fixedErr = await dispatch(
      s.core.handlers,
      'oauth.buildUrl',
      { accountId: s.account.id, scope: 'snsapi_base', fixed: true },
      { transport: 'internal' },
    );
    expect(fixedErr).toMatchObject({
      ok: false,
      error: { issues: [{ path: 'state', key: 'validation.oauthFixedState' }] },
    });
    await call(s, 'oauth.deleteState', { accountId: s.account.id, state: 'grades' });
    expect(await call(s, 'oauth.states', { accountId: s.account.id })).toEqual([]);
  });

  it('menu.validate with the account checks OAuth links in view buttons against its 网页授权域名', async () => {
    const s = await startCoreWithSandbox();
    await call(s, 'oauth.configure', { accountId: s.account.id, oauthDomain: 'wx.example.com' });
    const link = (
      await call<OauthBuiltUrlDto>(s, 'oauth.buildUrl', { accountId: s.account.id, scope: 'snsapi_base' })
    ).url;
    const menu = { button: [{ type: 'view', name: '成绩', url: link }] };
    const withAccount = await call<{ issues: { key: string; errcode: number }[] }>(s, 'menu.validate', {
      menu,
      accountId: s.account.id,
    });
    expect(withAccount.issues).toMatchObject([{ key: 'validation.menuOauthDomain', errcode: 10003 }]);
    expect((await call<{ issues: unknown[] }>(s, 'menu.validate', { menu })).issues).toEqual([]);
  });

  it('deleting the account deletes its OAuth data', async () => {
    const s = await startCoreWithSandbox();
    const real = s.core.services.accounts.create(accountInput({ callbackSlug: 'shop' }));
    await call(s, 'oauth.configure', { accountId: real.id, oauthDomain: 'wx.example.com' });
    await call(s, 'oauth.buildUrl', { accountId: real.id, scope: 'snsapi_base' });
    s.core.services.accounts.delete(real.id);
    const n = (t: string) =>
      (s.core.db.prepare(`SELECT count(*) AS n FROM ${t} WHERE account_id = ?`).get(real.id) as { n: number })
        .n;
    expect([n('oauth_config'), n('oauth_states')]).toEqual([0, 0]);
  });
});
