import { authorizeRoute } from './oauth-authorize';
import type { SandboxContext, SandboxRequest, SandboxRoute } from './sandbox-context';

/** §8.2: a code lives 5 min and works once. §8.4: a refresh token lives 30 days. */
export const OAUTH_CODE_TTL_MS = 5 * 60_000;
const WEB_TOKEN_TTL_S = 7200;
const REFRESH_TTL_MS = 30 * 24 * 3_600_000;

interface SnsRow {
  appid: string;
  openid: string;
  scope: string;
  expiresAt: number;
  refreshExpiresAt: number;
  accessToken: string;
  refreshToken: string;
  /** §11.6: made through a third-party platform (exchanged and refreshed only through it). */
  componentAppid: string | null;
}

/**
 * §8 web OAuth: the authorize page (oauth-authorize.ts), code exchange, refresh, userinfo and auth,
 * and the §11.6 exchange and refresh on behalf of an authorizer by a third-party platform.
 */
export function oauthRoutes(ctx: SandboxContext): Record<string, SandboxRoute> {
  const db = ctx.db;
  const SNS = `appid, openid, scope, expires_at AS expiresAt, refresh_expires_at AS refreshExpiresAt,
    access_token AS accessToken, refresh_token AS refreshToken, component_appid AS componentAppid`;
  const s = {
    fan: db.prepare('SELECT nickname, unionid FROM fans WHERE appid = ? AND openid = ?'),
    code: db.prepare(
      `SELECT appid, openid, scope, created_at AS createdAt, used_at AS usedAt, component_appid AS componentAppid
       FROM oauth_codes WHERE code = ?`,
    ),
    useCode: db.prepare('UPDATE oauth_codes SET used_at = ? WHERE code = ?'),
    insertSns: db.prepare(
      `INSERT INTO sns_tokens (access_token, refresh_token, appid, openid, scope, expires_at, refresh_expires_at, component_appid)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    byAccess: db.prepare(`SELECT ${SNS} FROM sns_tokens WHERE access_token = ?`),
    byRefresh: db.prepare(`SELECT ${SNS} FROM sns_tokens WHERE refresh_token = ?`),
    extend: db.prepare('UPDATE sns_tokens SET expires_at = ? WHERE access_token = ?'),
    authorized: db.prepare(
      'SELECT 1 FROM component_auths WHERE component_appid = ? AND authorizer_appid = ?',
    ),
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

  /** The component_appid of a platform call: its token, its appid, and the authorizer's grant (§11.6). */
  const platformOf = (req: SandboxRequest, appid: string): string => {
    const owner = ctx.requireToken(req, ['component'], 'component_access_token');
    const component = req.query.get('component_appid');
    if (!component || component !== owner) throw ctx.err(61004, 'component_appid invalid');
    if (!s.authorized.get(component, appid))
      throw ctx.err(61003, 'component is not authorized by this account');
    return component;
  };

  const exchange = (req: SandboxRequest, appid: string, component: string | null) => {
    if (req.query.get('grant_type') !== 'authorization_code') throw ctx.err(40002, 'invalid grant_type');
    const code = req.query.get('code');
    if (!code) throw ctx.err(41008, 'missing code');
    const c = s.code.get(code) as
      | {
          appid: string;
          openid: string;
          scope: string;
          createdAt: number;
          usedAt: number | null;
          componentAppid: string | null;
        }
      | undefined;
    // A platform's code is exchanged through the platform only, and the other way round.
    if (!c || c.appid !== appid || c.componentAppid !== component) throw ctx.err(40029, 'invalid code');
    if (c.usedAt !== null) throw ctx.err(40163, 'code been used');
    const now = ctx.now();
    if (now - c.createdAt > OAUTH_CODE_TTL_MS) throw ctx.err(40029, 'invalid code');
    const row: SnsRow = {
      appid,
      openid: c.openid,
      scope: c.scope,
      expiresAt: now + WEB_TOKEN_TTL_S * 1000,
      refreshExpiresAt: now + REFRESH_TTL_MS,
      accessToken: ctx.newSecretString(),
      refreshToken: ctx.newSecretString(),
      componentAppid: component,
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
        component,
      );
    })();
    return snsAnswer(row);
  };

  const refresh = (req: SandboxRequest, appid: string, component: string | null) => {
    if (req.query.get('grant_type') !== 'refresh_token') throw ctx.err(40002, 'invalid grant_type');
    const r = s.byRefresh.get(req.query.get('refresh_token') ?? '') as SnsRow | undefined;
    if (!r || r.appid !== appid || r.componentAppid !== component)
      throw ctx.err(40030, 'invalid refresh_token');
    const now = ctx.now();
    if (now >= r.refreshExpiresAt) throw ctx.err(42002, 'refresh_token expired');
    // §8.4: refreshing extends the web token (unconfirmed detail); the refresh token is not extended.
    const expiresAt = now + WEB_TOKEN_TTL_S * 1000;
    s.extend.run(expiresAt, r.accessToken);
    return snsAnswer({ ...r, expiresAt });
  };

  return {
    ...authorizeRoute(ctx),
    'GET /sns/oauth2/access_token': (req) => {
      const app = ctx.requireApp(req.query.get('appid'));
      if (req.query.get('secret') !== app.secret) throw ctx.err(40125, 'invalid appsecret');
      return exchange(req, app.appid, null);
    },
    'GET /sns/oauth2/refresh_token': (req) =>
      refresh(req, ctx.requireApp(req.query.get('appid')).appid, null),
    // §11.6: on behalf of an authorizer, with the platform's component_access_token instead of the secret.
    'GET /sns/oauth2/component/access_token': (req) => {
      const app = ctx.requireApp(req.query.get('appid'));
      return exchange(req, app.appid, platformOf(req, app.appid));
    },
    'GET /sns/oauth2/component/refresh_token': (req) => {
      const app = ctx.requireApp(req.query.get('appid'));
      return refresh(req, app.appid, platformOf(req, app.appid));
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
