import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src/core/dispatch';
import type { ComponentAuthUrlDto } from '../../src/shared/api/areas/component';
import { call, COMPONENT, setup } from '../helpers/component-rig';
import { firstOf } from '../helpers/indexed';

/** Web OAuth on behalf of an authorizer (docs/wechat-protocol.md §11.6), against the sandbox platform. */
describe('web OAuth through a third-party platform', () => {
  it('web OAuth on behalf of an authorizer (§11.6): component_appid in the link, the code exchanged and refreshed with the component token', async () => {
    const t = await setup();
    await t.pushTicket();
    // Before the account authorized the platform, OAuth on its behalf is refused.
    const refused = await dispatch(
      t.s.core.handlers,
      'oauth.buildUrl',
      { accountId: t.s.account.id, scope: 'snsapi_userinfo', componentId: t.platform.id },
      { transport: 'internal' },
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const auth = await call<ComponentAuthUrlDto>(t.s, 'component.buildAuthUrl', {
      id: t.platform.id,
      kind: 'pc',
      bizAppid: t.s.account.appId,
    });
    expect((await fetch(auth.sandboxUrl!)).status).toBe(200);

    const built = await call<{
      url: string;
      sandboxUrl: string;
      componentAppId: string;
      redirectUri: string;
    }>(t.s, 'oauth.buildUrl', {
      accountId: t.s.account.id,
      scope: 'snsapi_userinfo',
      componentId: t.platform.id,
    });
    expect(built.componentAppId).toBe(COMPONENT.componentAppId);
    expect(built.url).toMatch(
      new RegExp(`&state=\\w+&component_appid=${COMPONENT.componentAppId}#wechat_redirect$`),
    );
    const back = await fetch(built.sandboxUrl, { redirect: 'manual' });
    const code = new URL(back.headers.get('location')!).searchParams.get('code')!;
    // The platform's code is not the account's: the account-level exchange does not know it.
    // The sandbox knows the account by its own secret, never the real AppSecret.
    const secret = t.s.core.services.accounts.sandboxSecret(t.s.account.id)!;
    const plain = await fetch(
      `${t.s.platform.url}/sns/oauth2/access_token?appid=${t.s.account.appId}&secret=${secret}&code=${code}&grant_type=authorization_code`,
    );
    expect(((await plain.json()) as { errcode: number }).errcode).toBe(40029);
    const page = await fetch(back.headers.get('location')!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('data-outcome="ok"');
    const session = firstOf(
      await call<{ id: string; scope: string; nickname: string | null }[]>(t.s, 'oauth.sessions', {
        accountId: t.s.account.id,
      }),
    );
    expect(session).toMatchObject({ scope: 'snsapi_userinfo', nickname: expect.any(String) });
    const refreshed = await call<{ refreshedAt: number | null }>(t.s, 'oauth.refresh', {
      sessionId: session.id,
    });
    expect(refreshed.refreshedAt).not.toBeNull();
    const paths = (
      t.s.core.db.prepare('SELECT path FROM api_log ORDER BY id').all() as { path: string }[]
    ).map((r) => r.path);
    expect(paths).toContain('/sns/oauth2/component/access_token');
    expect(paths).toContain('/sns/oauth2/component/refresh_token');
    expect(paths).not.toContain('/sns/oauth2/access_token');
  });
});
