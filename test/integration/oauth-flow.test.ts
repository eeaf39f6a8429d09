import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src/core/dispatch';
import { systemRuntime } from '../../src/core/runtime';
import type { EventEnvelope } from '../../src/shared/api/contract';
import type {
  OauthBuiltUrlDto,
  OauthCallbackResultDto,
  OauthSessionDto,
} from '../../src/shared/api/areas/oauth';
import { ManualClock, startCoreWithSandbox, wx } from '../helpers/sandbox';
import { firstN, firstOf, itemAt } from '../helpers/indexed';

/**
 * Web OAuth end to end over real HTTP (docs/wechat-protocol.md §8): MPDesk builds the link, the sandbox
 * platform's authorize page 302s to MPDesk's callback listener, which checks the state, exchanges the
 * code with the sandbox, fetches userinfo and stores the session.
 */
type Started = Awaited<ReturnType<typeof startCoreWithSandbox>>;

async function call<T>(s: Started, method: string, input?: unknown): Promise<T> {
  const r = await dispatch(s.core.handlers, method, input, { transport: 'internal' });
  if (!r.ok) throw Object.assign(new Error(r.error.message), { body: r.error });
  return r.value as T;
}
async function callErr(s: Started, method: string, input?: unknown) {
  const r = await dispatch(s.core.handlers, method, input, { transport: 'internal' });
  if (r.ok) throw new Error(`${method} unexpectedly succeeded`);
  return r.error;
}

function completions(s: Started): OauthCallbackResultDto[] {
  const seen: OauthCallbackResultDto[] = [];
  s.core.events.subscribe((e: EventEnvelope) => {
    if (e.name === 'oauth.completed') seen.push(e.payload);
  });
  return seen;
}

/** A core with its sandbox, the OAuth completions it reports, and a link built for `scope` (§8.1). */
async function linkFor(
  scope: 'snsapi_base' | 'snsapi_userinfo',
  opts: { sandboxClock?: ManualClock; state?: string } = {},
) {
  const s = await startCoreWithSandbox({ sandboxClock: opts.sandboxClock });
  const seen = completions(s);
  const built = await call<OauthBuiltUrlDto>(s, 'oauth.buildUrl', {
    accountId: s.account.id,
    scope,
    ...(opts.state ? { state: opts.state } : {}),
  });
  return { s, seen, built };
}

/** The sandbox's authorize page: a 302 to the redirect_uri with code and state (§8.2). */
async function authorize(built: OauthBuiltUrlDto, openid?: string): Promise<URL> {
  const url = new URL(built.sandboxUrl!);
  if (openid) url.searchParams.set('sandbox_openid', openid);
  const res = await fetch(url, { redirect: 'manual' });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location')!);
}

async function get(url: URL | string) {
  const res = await fetch(url, { redirect: 'manual' });
  return { status: res.status, html: await res.text(), headers: res.headers };
}

const snsTokens = (s: Started) =>
  s.platform.db.prepare('SELECT access_token AS a, refresh_token AS r FROM sns_tokens').all() as {
    a: string;
    r: string;
  }[];

describe('web OAuth through the sandbox platform', () => {
  it('snsapi_userinfo: authorize -> code -> callback -> session with the nickname; tokens never in clear', async () => {
    const { s, seen, built } = await linkFor('snsapi_userinfo');
    // No tunnel: MPDesk's own callback on the local listener.
    expect(built.redirectUri).toBe(`${s.core.status().callbackListener!.url}/oauth/sandbox/callback`);
    expect(built.redirectIsOurs).toBe(true);
    expect(built.url).toBe(
      `https://open.weixin.qq.com/connect/oauth2/authorize?appid=${s.account.appId}&redirect_uri=${encodeURIComponent(built.redirectUri)}&response_type=code&scope=snsapi_userinfo&state=${built.state}#wechat_redirect`,
    );
    expect(built.sandboxUrl!.startsWith(`${s.platform.url}/connect/oauth2/authorize?appid=`)).toBe(true);

    const fan = itemAt(s.platform.fans(s.account.appId, 3), 2);
    const back = await authorize(built, fan.openid);
    expect(back.origin + back.pathname).toBe(built.redirectUri);
    expect(back.searchParams.get('state')).toBe(built.state);
    const page = await get(back);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.html).toContain('data-outcome="ok"');
    expect(page.html).toContain('网页授权成功');
    expect(page.html).toContain('Web OAuth succeeded');
    expect(page.html).toContain(fan.openid);

    expect(seen).toHaveLength(1);
    const session = firstOf(seen).session!;
    expect(seen[0]).toMatchObject({
      outcome: 'ok',
      accountId: s.account.id,
      state: built.state,
      error: null,
    });
    expect(session).toMatchObject({
      openid: fan.openid,
      nickname: fan.nickname,
      scope: 'snsapi_userinfo',
      state: built.state,
    });
    expect(session.userinfo?.openid).toBe(fan.openid);
    expect(session.accessTokenTail).toMatch(/^….{4}$/);

    const list = await call<OauthSessionDto[]>(s, 'oauth.sessions', { accountId: s.account.id });
    expect(list.map((x) => x.id)).toEqual([session.id]);
    // Neither the web token nor the refresh token nor the code travels or rests in clear.
    const { a, r } = firstOf(snsTokens(s));
    const code = back.searchParams.get('code')!;
    for (const secret of [a, r, code]) {
      expect(JSON.stringify(list)).not.toContain(secret);
      expect(JSON.stringify(seen)).not.toContain(secret);
      expect(page.html).not.toContain(secret);
    }
    const raw = s.core.db.prepare('SELECT * FROM oauth_sessions').get() as Record<string, unknown>;
    expect(JSON.stringify(raw)).not.toContain(a);
    expect(Buffer.isBuffer(raw.access_token) && (raw.access_token as Buffer).includes(a)).toBe(false);
    const stateRow = s.core.db.prepare('SELECT * FROM oauth_states').get() as Record<string, unknown>;
    expect(JSON.stringify(stateRow)).not.toContain(code);
    // The API log saw the exchange, the refresh token and the AppSecret only masked.
    const log = await call<{ items: unknown[] }>(s, 'apilog.list', {});
    const logText = JSON.stringify(log.items);
    expect(logText).toContain('/sns/oauth2/access_token');
    const secret = s.core.services.accounts.sandboxSecret(s.account.id)!;
    for (const x of [a, r, code, secret]) expect(logText).not.toContain(x);
  });

  it('snsapi_base: openid only, no userinfo call; oauth.userinfo on it answers 48001 explained', async () => {
    const { s, seen, built } = await linkFor('snsapi_base');
    const page = await get(await authorize(built));
    expect(page.status).toBe(200);
    const session = firstOf(seen).session!;
    expect(session).toMatchObject({ scope: 'snsapi_base', nickname: null, userinfo: null });
    expect(session.openid).toBe(firstOf(s.platform.fans(s.account.appId, 1)).openid);
    const err = await callErr(s, 'oauth.userinfo', { sessionId: session.id });
    expect(err).toMatchObject({ code: 'wechat_error', details: { errcode: 48001 } });
  });

  it('a state MPDesk did not issue is refused as a CSRF risk, and the code is not exchanged', async () => {
    const { s, seen, built } = await linkFor('snsapi_base');
    const back = await authorize(built);
    back.searchParams.set('state', 'forgedState123');
    const page = await get(back);
    expect(page.status).toBe(403);
    expect(page.html).toContain('CSRF');
    expect(page.html).toContain('data-outcome="rejected"');
    expect(page.html).not.toMatch(/at .*\.ts:\d+/); // never a stack
    expect(seen[0]).toMatchObject({ outcome: 'rejected', error: { kind: 'state_unknown' } });
    const used = s.platform.db.prepare('SELECT used_at AS u FROM oauth_codes').get() as { u: number | null };
    expect(used.u).toBeNull();
    // A state issued for another account is no better: same refusal.
    const other = await get(`${s.core.status().callbackListener!.url}/oauth/sandbox/callback?code=x&state=`);
    expect(other.status).toBe(403);
  });

  it('a code already exchanged elsewhere answers 40163, explained', async () => {
    const { s, seen, built } = await linkFor('snsapi_userinfo');
    const back = await authorize(built);
    // The developer's own server got there first (plain HTTP, as WeChat documents it).
    const secret = s.core.services.accounts.sandboxSecret(s.account.id)!;
    const first = await wx(s.platform.url!).get('/sns/oauth2/access_token', {
      appid: s.account.appId,
      secret,
      code: back.searchParams.get('code')!,
      grant_type: 'authorization_code',
    });
    expect(first.openid).toBeTruthy();
    const page = await get(back);
    expect(page.status).toBe(400);
    expect(page.html).toContain('errcode 40163');
    expect(page.html).toContain('code 已被使用');
    expect(seen[0]).toMatchObject({ outcome: 'failed', error: { errcode: 40163 }, session: null });
    expect(await call<OauthSessionDto[]>(s, 'oauth.sessions')).toEqual([]);
  });

  it('a code older than 5 minutes answers 40029 (sandbox clock moved)', async () => {
    const sandboxClock = new ManualClock();
    const { seen, built } = await linkFor('snsapi_base', { sandboxClock });
    const back = await authorize(built);
    sandboxClock.advance(5 * 60_000 + 1_000);
    const page = await get(back);
    expect(page.status).toBe(400);
    expect(page.html).toContain('errcode 40029');
    expect(firstOf(seen).error).toMatchObject({ errcode: 40029, kind: 'wechat_error' });
  });

  it('the same callback twice (the §8.2 double-callback pitfall) replays the first result without a second exchange', async () => {
    const { s, seen, built } = await linkFor('snsapi_base');
    const back = await authorize(built);
    // A HEAD (link checker) spends neither the state nor the code.
    expect((await fetch(back, { method: 'HEAD' })).status).toBe(200);
    expect(seen).toEqual([]);
    const [p1, p2] = await Promise.all([get(back), get(back)]);
    expect([p1.status, p2.status]).toEqual([200, 200]);
    expect(seen.map((e) => e.outcome).sort()).toEqual(['ok', 'replayed']);
    expect(firstOf(seen).session!.id).toBe(itemAt(seen, 1).session!.id);
    const p3 = await get(back);
    expect(p3.html).toContain('data-outcome="replayed"');
    expect(snsTokens(s)).toHaveLength(1);
    expect(await call<OauthSessionDto[]>(s, 'oauth.sessions')).toHaveLength(1);
  });

  it('a second code with the same state (the double-callback variant of §8.2) is exchanged: the code decides who; one session per fan and scope', async () => {
    const { s, seen, built } = await linkFor('snsapi_base');
    const first = await authorize(built);
    const second = await authorize(built);
    expect(second.searchParams.get('code')).not.toBe(first.searchParams.get('code'));
    expect((await get(first)).status).toBe(200);
    const p2 = await get(second);
    expect(p2.status).toBe(200);
    expect(seen.map((e) => e.outcome)).toEqual(['ok', 'ok']);
    // Both codes were exchanged at the platform; the same fan twice is still one session row.
    const codes = s.platform.db.prepare('SELECT used_at AS u FROM oauth_codes').all() as {
      u: number | null;
    }[];
    expect(codes.map((c) => c.u !== null)).toEqual([true, true]);
    expect(firstOf(seen).session!.id).toBe(itemAt(seen, 1).session!.id);
    expect(await call<OauthSessionDto[]>(s, 'oauth.sessions')).toHaveLength(1);
    // The first code again is a replay, however many codes came since.
    expect((await get(first)).html).toContain('data-outcome="replayed"');
    expect(snsTokens(s)).toHaveLength(2);
  });

  it('a wrong AppSecret answers 40125, explained, and stores nothing', async () => {
    const s = await startCoreWithSandbox();
    const seen = completions(s);
    s.platform.ensureApp({ appid: s.account.appId, secret: 'X'.repeat(32), name: 'changed on the platform' });
    const built = await call<OauthBuiltUrlDto>(s, 'oauth.buildUrl', {
      accountId: s.account.id,
      scope: 'snsapi_userinfo',
    });
    const page = await get(await authorize(built));
    expect(page.status).toBe(400);
    expect(page.html).toContain('errcode 40125');
    expect(page.html).toContain('AppSecret');
    expect(page.html).not.toContain('X'.repeat(32));
    expect(seen[0]).toMatchObject({ outcome: 'failed', error: { errcode: 40125 } });
    expect(await call<OauthSessionDto[]>(s, 'oauth.sessions')).toEqual([]);
  });

  it('refresh (§8.4), validate (§8.6) and userinfo on a stored session', async () => {
    const sandboxClock = new ManualClock();
    const { s, seen, built } = await linkFor('snsapi_userinfo', { sandboxClock });
    await get(await authorize(built));
    const session = firstOf(seen).session!;

    expect(await call(s, 'oauth.validate', { sessionId: session.id })).toMatchObject({
      valid: true,
      errcode: null,
    });
    sandboxClock.advance(7200_000 + 1);
    const stale = await call<{ valid: boolean; errcode: number; explanation: { en: string } }>(
      s,
      'oauth.validate',
      {
        sessionId: session.id,
      },
    );
    expect(stale).toMatchObject({ valid: false, errcode: 42001 });
    expect(stale.explanation.en).toContain('expired');

    const refreshed = await call<OauthSessionDto>(s, 'oauth.refresh', { sessionId: session.id });
    expect(refreshed.refreshedAt).not.toBeNull();
    expect(refreshed.refreshExpiresAt).toBe(session.refreshExpiresAt);
    expect(await call(s, 'oauth.validate', { sessionId: session.id })).toMatchObject({ valid: true });
    const withInfo = await call<OauthSessionDto>(s, 'oauth.userinfo', { sessionId: session.id, lang: 'en' });
    expect(withInfo.nickname).toBe(session.nickname);
    const listed = await call<OauthSessionDto[]>(s, 'oauth.sessions');
    expect(firstOf(listed).lastCheck).toMatchObject({ valid: true });
    expect(JSON.stringify(listed)).not.toContain(firstOf(snsTokens(s)).r);

    // After 30 days the refresh token is dead: 42002, re-authorize.
    sandboxClock.advance(30 * 24 * 3_600_000);
    expect(await callErr(s, 'oauth.refresh', { sessionId: session.id })).toMatchObject({
      details: { errcode: 42002 },
    });
    await call(s, 'oauth.deleteSession', { sessionId: session.id });
    expect(await call<OauthSessionDto[]>(s, 'oauth.sessions')).toEqual([]);
  });

  it('states are single use, expire, and a refusal (no code) is shown as such', async () => {
    const clock = new ManualClock();
    const s = await startCoreWithSandbox({ overrides: { runtime: { clock, random: systemRuntime.random } } });
    const seen = completions(s);
    const base = `${s.core.status().callbackListener!.url}/oauth/sandbox/callback`;
    const refused = await call<OauthBuiltUrlDto>(s, 'oauth.buildUrl', {
      accountId: s.account.id,
      scope: 'snsapi_userinfo',
      state: 'typedState1',
    });
    expect(refused.state).toBe('typedState1');
    const r = await get(`${base}?state=typedState1`);
    expect(r.status).toBe(200);
    expect(r.html).toContain('data-outcome="refused"');
    // Used once: a second use (here, no session to replay) is refused.
    const again = await get(`${base}?state=typedState1&code=abc`);
    expect(again.status).toBe(403);
    expect(seen.at(-1)!.error!.kind).toBe('state_used');

    const built = await call<OauthBuiltUrlDto>(s, 'oauth.buildUrl', {
      accountId: s.account.id,
      scope: 'snsapi_base',
    });
    const back = await authorize(built);
    clock.advance(31 * 60_000);
    const late = await get(back);
    expect(late.status).toBe(403);
    expect(seen.at(-1)!.error!.kind).toBe('state_expired');
  });

  it('unknown account slugs get a 404 page; other methods a 405', async () => {
    const s = await startCoreWithSandbox();
    const base = s.core.status().callbackListener!.url;
    expect((await get(`${base}/oauth/nobody/callback?code=1&state=2`)).status).toBe(404);
    const post = await fetch(`${base}/oauth/sandbox/callback`, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
  });
});

describe('the two bugs of issue 20', () => {
  it('a fixed state (menu link "grades"): fan B with a new code after fan A gets B\'s own identity, never A\'s', async () => {
    const { s, seen, built } = await linkFor('snsapi_base', { state: 'grades' });
    const [fanA, fanB] = firstN(s.platform.fans(s.account.appId, 2), 2);
    const pageA = await get(await authorize(built, fanA.openid));
    expect(pageA.status).toBe(200);
    expect(pageA.html).toContain(fanA.openid);
    const pageB = await get(await authorize(built, fanB.openid));
    expect(pageB.status).toBe(200);
    expect(pageB.html).toContain('data-outcome="ok"');
    expect(pageB.html).toContain(fanB.openid);
    expect(pageB.html).not.toContain(fanA.openid);
    expect(seen.map((e) => [e.outcome, e.session?.openid])).toEqual([
      ['ok', fanA.openid],
      ['ok', fanB.openid],
    ]);
    // B's code was exchanged at the platform (both codes are used).
    const codes = s.platform.db.prepare('SELECT used_at AS u FROM oauth_codes').all() as {
      u: number | null;
    }[];
    expect(codes.every((c) => c.u !== null)).toBe(true);
  });

  it('a redirect_uri with a trailing slash is served (it is called ours, so it must answer)', async () => {
    const s = await startCoreWithSandbox();
    const redirectUri = `${s.core.status().callbackListener!.url}/oauth/sandbox/callback/`;
    const built = await call<OauthBuiltUrlDto>(s, 'oauth.buildUrl', {
      accountId: s.account.id,
      scope: 'snsapi_base',
      redirectUri,
    });
    expect(built.redirectIsOurs).toBe(true);
    const back = await authorize(built);
    expect(back.pathname).toBe('/oauth/sandbox/callback/');
    const page = await get(back);
    expect(page.status).toBe(200);
    expect(page.html).toContain('data-outcome="ok"');
  });
});
