import { describe, expect, it } from 'vitest';
import { APP, startSandbox, wx } from '../helpers/sandbox';
import { firstN, firstOf, itemAt } from '../helpers/indexed';

// Documented behaviour of §8 (web OAuth) and §10 (customer service), asserted over plain HTTP.
const MIN = 60_000;
const HOUR = 60 * MIN;

async function authorize(url: string, scope: string, openid?: string) {
  const w = wx(url);
  const r = await w.get('/connect/oauth2/authorize', {
    appid: APP.appid,
    redirect_uri: 'https://app.example.com/oauth/cb',
    response_type: 'code',
    scope,
    state: 'csrf123',
    ...(openid ? { sandbox_openid: openid } : {}),
  });
  const back = new URL(r.redirect);
  return { back, code: back.searchParams.get('code')! };
}
const exchange = (url: string, code: string, secret = APP.secret) =>
  wx(url).get('/sns/oauth2/access_token', {
    appid: APP.appid,
    secret,
    code,
    grant_type: 'authorization_code',
  });

describe('sandbox: web OAuth (§8)', () => {
  it('authorize redirects with code and state; the code exchanges once (40163 after)', async () => {
    const { url, platform } = await startSandbox();
    platform.generateFans(APP.appid, 2);
    const fan = firstOf(platform.fans(APP.appid, 1));
    const { back, code } = await authorize(url, 'snsapi_userinfo');
    expect(`${back.origin}${back.pathname}`).toBe('https://app.example.com/oauth/cb');
    expect(back.searchParams.get('state')).toBe('csrf123');
    const tok = await exchange(url, code);
    expect(tok).toMatchObject({
      access_token: expect.any(String),
      expires_in: 7200,
      refresh_token: expect.any(String),
      openid: fan.openid,
      scope: 'snsapi_userinfo',
    });
    expect((await exchange(url, code)).errcode).toBe(40163);
    expect((await exchange(url, 'never-issued')).errcode).toBe(40029);
  });

  it('a code expires after 5 minutes (40029); a wrong secret is 40125', async () => {
    const { url, platform, clock } = await startSandbox();
    platform.generateFans(APP.appid, 1);
    const { code } = await authorize(url, 'snsapi_base');
    expect((await exchange(url, code, 'x'.repeat(32))).errcode).toBe(40125);
    clock.advance(5 * MIN + 1);
    expect((await exchange(url, code)).errcode).toBe(40029);
  });

  it('userinfo by scope: snsapi_base gets 48001, snsapi_userinfo gets the nickname; sns/auth checks the pair', async () => {
    const { url, platform } = await startSandbox();
    platform.generateFans(APP.appid, 3);
    const fan = itemAt(platform.fans(APP.appid, 3), 2);
    const w = wx(url);
    const base = await exchange(url, (await authorize(url, 'snsapi_base', fan.openid)).code);
    expect(base.openid).toBe(fan.openid);
    expect(
      (await w.get('/sns/userinfo', { access_token: base.access_token, openid: fan.openid, lang: 'zh_CN' }))
        .errcode,
    ).toBe(48001);
    const full = await exchange(url, (await authorize(url, 'snsapi_userinfo', fan.openid)).code);
    const info = await w.get('/sns/userinfo', {
      access_token: full.access_token,
      openid: fan.openid,
      lang: 'zh_CN',
    });
    expect(info).toMatchObject({
      openid: fan.openid,
      nickname: fan.nickname,
      sex: 0,
      province: '',
      privilege: [],
    });
    expect(await w.get('/sns/auth', { access_token: full.access_token, openid: fan.openid })).toEqual({
      errcode: 0,
      errmsg: 'ok',
    });
    expect((await w.get('/sns/auth', { access_token: full.access_token, openid: 'oOTHER' })).errcode).toBe(
      40003,
    );
  });

  it('refresh_token extends the web token; unknown 40030, after 30 days 42002', async () => {
    const { url, platform, clock } = await startSandbox();
    platform.generateFans(APP.appid, 1);
    const w = wx(url);
    const tok = await exchange(url, (await authorize(url, 'snsapi_base')).code);
    clock.advance(2 * HOUR + 1);
    expect((await w.get('/sns/auth', { access_token: tok.access_token, openid: tok.openid })).errcode).toBe(
      42001,
    );
    const q = { appid: APP.appid, grant_type: 'refresh_token', refresh_token: tok.refresh_token };
    const r = await w.get('/sns/oauth2/refresh_token', q);
    expect(r).toMatchObject({ expires_in: 7200, openid: tok.openid, refresh_token: tok.refresh_token });
    expect((await w.get('/sns/auth', { access_token: r.access_token, openid: tok.openid })).errcode).toBe(0);
    expect((await w.get('/sns/oauth2/refresh_token', { ...q, refresh_token: 'nope' })).errcode).toBe(40030);
    clock.advance(30 * 24 * HOUR);
    expect((await w.get('/sns/oauth2/refresh_token', q)).errcode).toBe(42002);
  });
});

describe('sandbox: the authorize page as a browser sees it (§8.1, §8.2)', () => {
  const page = (url: string, q: Record<string, string>, cookie?: string) =>
    fetch(`${url}/connect/oauth2/authorize?${new URLSearchParams(q)}`, {
      redirect: 'manual',
      headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) },
    });
  const q = (scope: string, extra: Record<string, string> = {}) => ({
    appid: APP.appid,
    redirect_uri: 'https://app.example.com/oauth/cb?x=1',
    response_type: 'code',
    scope,
    state: 'st1',
    ...extra,
  });

  it('asks once which fan the browser is, then asks for consent; 拒绝 returns with the state and no code', async () => {
    const { url, platform } = await startSandbox();
    platform.generateFans(APP.appid, 3);
    const [, fan] = firstN(platform.fans(APP.appid, 2), 2);
    const picker = await page(url, q('snsapi_userinfo'));
    expect(picker.status).toBe(200);
    const html = await picker.text();
    expect(html).toContain('这台手机是哪位微信用户');
    expect(html).toContain(`data-openid="${fan.openid}"`);
    const consent = await page(url, q('snsapi_userinfo', { sandbox_openid: fan.openid }));
    const remembered = firstOf(consent.headers.getSetCookie()).split(';')[0];
    expect(remembered).toBe(`mpdesk_sandbox_fan=${fan.openid}`);
    const consentHtml = await consent.text();
    expect(consentHtml).toContain(fan.nickname);
    expect(consentHtml).toMatch(/id="deny" href="[^"]*sandbox_consent=deny/);
    // The remembered fan needs no picker; snsapi_base asks nothing at all.
    const silent = await page(url, q('snsapi_base'), remembered);
    expect(silent.status).toBe(302);
    const back = new URL(silent.headers.get('location')!);
    expect(back.searchParams.get('x')).toBe('1');
    expect(back.searchParams.get('code')).toBeTruthy();
    const denied = await page(url, q('snsapi_userinfo', { sandbox_consent: 'deny' }), remembered);
    const deniedBack = new URL(denied.headers.get('location')!);
    expect(deniedBack.searchParams.get('state')).toBe('st1');
    expect(deniedBack.searchParams.has('code')).toBe(false);
    const allowed = await page(url, q('snsapi_userinfo', { sandbox_consent: 'allow' }), remembered);
    const code = new URL(allowed.headers.get('location')!).searchParams.get('code')!;
    expect((await exchange(url, code)).openid).toBe(fan.openid);
  });

  it('10003 when the redirect_uri is not under the 网页授权域名: WeChat’s error page, or the JSON for scripts', async () => {
    const { url, platform } = await startSandbox();
    platform.generateFans(APP.appid, 1);
    platform.setOauthDomain(APP.appid, 'www.qq.com/h5');
    for (const redirect of [
      'https://pay.qq.com/h5/cb',
      'https://qq.com/h5/cb',
      'https://www.qq.com/h5x/cb',
      'https://www.qq.com/cb',
    ]) {
      const res = await page(url, q('snsapi_base', { redirect_uri: redirect }));
      expect(res.status, redirect).toBe(200);
      expect(await res.text()).toContain('data-errcode="10003"');
    }
    const script = await wx(url).get(
      '/connect/oauth2/authorize',
      q('snsapi_base', { redirect_uri: 'https://pay.qq.com/cb' }),
    );
    expect(script.errcode).toBe(10003);
    const ok = await page(
      url,
      q('snsapi_base', {
        redirect_uri: 'https://www.qq.com/h5/cb',
        sandbox_openid: firstOf(platform.fans(APP.appid, 1)).openid,
      }),
    );
    expect(ok.status).toBe(302);
  });
});

describe('sandbox: customer service (§10)', () => {
  it('45015 outside the 48-hour window; 5 messages per window then 45047; the window closes after 48 h', async () => {
    const { url, platform, clock } = await startSandbox();
    platform.generateFans(APP.appid, 1);
    const { openid } = firstOf(platform.fans(APP.appid, 1));
    const w = wx(url);
    let t = await w.token();
    const send = (content = 'hi') =>
      w.post(
        '/cgi-bin/message/custom/send',
        { touser: openid, msgtype: 'text', text: { content } },
        { access_token: t },
      );
    expect((await send()).errcode).toBe(45015);
    platform.userMessage(APP.appid, openid);
    for (let i = 0; i < 5; i++) expect(await send(`m${i}`)).toEqual({ errcode: 0, errmsg: 'ok' });
    expect((await send()).errcode).toBe(45047);
    platform.userMessage(APP.appid, openid);
    expect((await send()).errcode).toBe(0);
    expect(platform.sentMessages(APP.appid)).toHaveLength(6);
    clock.advance(48 * HOUR + 1);
    t = await w.token();
    expect((await send()).errcode).toBe(45015);
  });

  it('checks the message: 40008 type, 44004 empty text, 45008 two news articles, 40003 openid, 43004 unfollowed', async () => {
    const { url, platform } = await startSandbox();
    platform.generateFans(APP.appid, 2);
    const [a, b] = firstN(platform.fans(APP.appid, 2), 2);
    platform.userMessage(APP.appid, a.openid);
    platform.userMessage(APP.appid, b.openid);
    platform.setSubscribed(APP.appid, b.openid, false);
    const w = wx(url);
    const t = await w.token();
    const send = (body: unknown) =>
      w.post('/cgi-bin/message/custom/send', body, { access_token: t }).then((r) => r.errcode);
    expect(await send({ touser: a.openid, msgtype: 'fax', fax: {} })).toBe(40008);
    expect(await send({ touser: a.openid, msgtype: 'text', text: { content: '' } })).toBe(44004);
    const art = { title: 't', description: 'd', url: 'https://x.com', picurl: 'https://x.com/p.png' };
    expect(await send({ touser: a.openid, msgtype: 'news', news: { articles: [art, art] } })).toBe(45008);
    expect(await send({ touser: a.openid, msgtype: 'news', news: { articles: [art] } })).toBe(0);
    expect(await send({ touser: 'oNOPE', msgtype: 'text', text: { content: 'x' } })).toBe(40003);
    expect(await send({ touser: b.openid, msgtype: 'text', text: { content: 'x' } })).toBe(43004);
  });

  it('typing: 45072 bad command, 45080 without a message in 30 s, 45081 while typing, cancelled by a send', async () => {
    const { url, platform, clock } = await startSandbox();
    platform.generateFans(APP.appid, 1);
    const { openid } = firstOf(platform.fans(APP.appid, 1));
    const w = wx(url);
    const t = await w.token();
    const typing = (command: string) =>
      w
        .post('/cgi-bin/message/custom/typing', { touser: openid, command }, { access_token: t })
        .then((r) => r.errcode);
    expect(await typing('Dancing')).toBe(45072);
    expect(await typing('Typing')).toBe(45080);
    platform.userMessage(APP.appid, openid);
    expect(await typing('Typing')).toBe(0);
    expect(await typing('Typing')).toBe(45081);
    await w.post(
      '/cgi-bin/message/custom/send',
      { touser: openid, msgtype: 'text', text: { content: 'x' } },
      { access_token: t },
    );
    expect(await typing('Typing')).toBe(0);
    clock.advance(31_000);
    expect(await typing('Typing')).toBe(45080);
  });
});
