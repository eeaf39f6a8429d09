import type { SandboxContext, SandboxRequest, SandboxRoute } from './sandbox-context';

/** §8.2: a code lives 5 min and works once. §8.4: a refresh token lives 30 days. */
export const OAUTH_CODE_TTL_MS = 5 * 60_000;
const WEB_TOKEN_TTL_S = 7200;
const REFRESH_TTL_MS = 30 * 24 * 3_600_000;
const SCOPES = new Set(['snsapi_base', 'snsapi_userinfo']);

interface SnsRow {
  appid: string;
  openid: string;
  scope: string;
  expiresAt: number;
  refreshExpiresAt: number;
  accessToken: string;
  refreshToken: string;
}

/** §8 web OAuth: the authorize page (as a redirect), code exchange, refresh, userinfo and auth. */
export function oauthRoutes(ctx: SandboxContext): Record<string, SandboxRoute> {
  const db = ctx.db;
  const SNS = `appid, openid, scope, expires_at AS expiresAt, refresh_expires_at AS refreshExpiresAt,
    access_token AS accessToken, refresh_token AS refreshToken`;
  const s = {
    firstFan: db.prepare('SELECT openid FROM fans WHERE appid = ? ORDER BY seq LIMIT 1'),
    fan: db.prepare('SELECT nickname, unionid FROM fans WHERE appid = ? AND openid = ?'),
    code: db.prepare(
      'SELECT appid, openid, scope, created_at AS createdAt, used_at AS usedAt FROM oauth_codes WHERE code = ?',
    ),
    insertCode: db.prepare(
      'INSERT INTO oauth_codes (code, appid, openid, scope, created_at) VALUES (?, ?, ?, ?, ?)',
    ),
    useCode: db.prepare('UPDATE oauth_codes SET used_at = ? WHERE code = ?'),
    insertSns: db.prepare(
      `INSERT INTO sns_tokens (access_token, refresh_token, appid, openid, scope, expires_at, refresh_expires_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    byAccess: db.prepare(`SELECT ${SNS} FROM sns_tokens WHERE access_token = ?`),
    byRefresh: db.prepare(`SELECT ${SNS} FROM sns_tokens WHERE refresh_token = ?`),
    extend: db.prepare('UPDATE sns_tokens SET expires_at = ? WHERE access_token = ?'),
  };

  const issueCode = (appid: string, openid: string, scope: string): string => {
    const code = ctx.newSecretString(32);
    s.insertCode.run(code, appid, openid, scope, ctx.now());
    return code;
  };

  const webToken = (req: SandboxRequest): SnsRow => {
    const t = req.query.get('access_token');
    if (!t) throw ctx.err(41001, 'access_token missing');
    const row = s.byAccess.get(t) as SnsRow | undefined;
    if (!row) throw ctx.err(40001, 'invalid credential, access_token is invalid or not latest');
    if (ctx.now() >= row.expiresAt) throw ctx.err(42001, 'access_token expired');
    if (req.query.get('openid') !== row.openid) throw ctx.err(40003, 'invalid openid');
    return row;
  };

  const snsAnswer = (r: SnsRow) => {
    const fan = s.fan.get(r.appid, r.openid) as { unionid: string | null } | undefined;
    return {
      access_token: r.accessToken,
      expires_in: Math.max(0, Math.floor((r.expiresAt - ctx.now()) / 1000)),
      refresh_token: r.refreshToken,
      openid: r.openid,
      scope: r.scope,
      // §8.3/§15: unionid only with snsapi_userinfo (unconfirmed; the sandbox follows it).
      ...(r.scope === 'snsapi_userinfo' && fan?.unionid ? { unionid: fan.unionid } : {}),
    };
  };

  return {
    // Stands in for open.weixin.qq.com's page: the user "agrees" at once. `sandbox_openid` picks the user.
    'GET /connect/oauth2/authorize': (req) => {
      const app = ctx.requireApp(req.query.get('appid'));
      const redirect = req.query.get('redirect_uri');
      const scope = req.query.get('scope') ?? '';
      if (!redirect) throw ctx.err(10011, 'redirect_uri empty');
      if (!SCOPES.has(scope)) throw ctx.err(10005, 'scope not allowed');
      if (req.query.get('response_type') !== 'code') throw ctx.err(10005, 'response_type must be code');
      const openid =
        req.query.get('sandbox_openid') ??
        (s.firstFan.get(app.appid) as { openid: string } | undefined)?.openid;
      if (!openid) throw ctx.err(10006, 'no sandbox user: generate fans first');
      const u = new URL(redirect);
      u.searchParams.set('code', issueCode(app.appid, openid, scope));
      u.searchParams.set('state', req.query.get('state') ?? '');
      return { redirect: u.toString() };
    },
    'GET /sns/oauth2/access_token': (req) => {
      const app = ctx.requireApp(req.query.get('appid'));
      if (req.query.get('secret') !== app.secret) throw ctx.err(40125, 'invalid appsecret');
      if (req.query.get('grant_type') !== 'authorization_code') throw ctx.err(40002, 'invalid grant_type');
      const code = req.query.get('code');
      if (!code) throw ctx.err(41008, 'missing code');
      const c = s.code.get(code) as
        | { appid: string; openid: string; scope: string; createdAt: number; usedAt: number | null }
        | undefined;
      if (!c || c.appid !== app.appid) throw ctx.err(40029, 'invalid code');
      if (c.usedAt !== null) throw ctx.err(40163, 'code been used');
      const now = ctx.now();
      if (now - c.createdAt > OAUTH_CODE_TTL_MS) throw ctx.err(40029, 'invalid code');
      const row: SnsRow = {
        appid: app.appid,
        openid: c.openid,
        scope: c.scope,
        expiresAt: now + WEB_TOKEN_TTL_S * 1000,
        refreshExpiresAt: now + REFRESH_TTL_MS,
        accessToken: ctx.newSecretString(),
        refreshToken: ctx.newSecretString(),
      };
      db.transaction(() => {
        s.useCode.run(now, code);
        s.insertSns.run(
          row.accessToken,
          row.refreshToken,
          row.appid,
          row.openid,
          row.scope,
          row.expiresAt,
          row.refreshExpiresAt,
        );
      })();
      return snsAnswer(row);
    },
    'GET /sns/oauth2/refresh_token': (req) => {
      const app = ctx.requireApp(req.query.get('appid'));
      if (req.query.get('grant_type') !== 'refresh_token') throw ctx.err(40002, 'invalid grant_type');
      const r = s.byRefresh.get(req.query.get('refresh_token') ?? '') as SnsRow | undefined;
      if (!r || r.appid !== app.appid) throw ctx.err(40030, 'invalid refresh_token');
      const now = ctx.now();
      if (now >= r.refreshExpiresAt) throw ctx.err(42002, 'refresh_token expired');
      // §8.4: refreshing extends the web token (unconfirmed detail); the refresh token is not extended.
      const expiresAt = now + WEB_TOKEN_TTL_S * 1000;
      s.extend.run(expiresAt, r.accessToken);
      return snsAnswer({ ...r, expiresAt });
    },
    'GET /sns/userinfo': (req) => {
      const r = webToken(req);
      if (r.scope !== 'snsapi_userinfo') throw ctx.err(48001, 'api unauthorized');
      const fan = s.fan.get(r.appid, r.openid) as { nickname: string; unionid: string | null } | undefined;
      // §8.5: sex/province/city/country are no longer returned meaningfully.
      return {
        openid: r.openid,
        nickname: fan?.nickname ?? '微信用户',
        sex: 0,
        province: '',
        city: '',
        country: '',
        headimgurl: '',
        privilege: [],
        ...(fan?.unionid ? { unionid: fan.unionid } : {}),
      };
    },
    'GET /sns/auth': (req) => {
      webToken(req);
      return { errcode: 0, errmsg: 'ok' };
    },
  };
}
