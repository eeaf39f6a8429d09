import { str, type SandboxContext, type SandboxRequest, type SandboxRoute } from './sandbox-context';

/** §11.2: a verify ticket is valid 12 h. §11.4: pre_auth_code 1800 s (doc text); §11.5: auth_code 600 s. */
export const TICKET_TTL_MS = 12 * 3_600_000;
const PRE_AUTH_TTL_S = 1800;
const AUTH_CODE_TTL_S = 600;
const FUNC_INFO = [1, 2, 3, 4, 7, 11].map((id) => ({ funcscope_category: { id } }));

/** §11.4/§11.5: component token, pre-auth code, the authorization page (as a redirect), query_auth, authorizer token and info. */
export function componentRoutes(ctx: SandboxContext): Record<string, SandboxRoute> {
  const db = ctx.db;
  const s = {
    component: db.prepare(
      'SELECT secret, verify_ticket AS ticket, ticket_at AS ticketAt FROM components WHERE component_appid = ?',
    ),
    code: db.prepare(
      `SELECT kind, component_appid AS componentAppid, authorizer_appid AS authorizerAppid, expires_at AS expiresAt,
         used_at AS usedAt FROM component_codes WHERE code = ?`,
    ),
    insertCode: db.prepare(
      'INSERT INTO component_codes (code, kind, component_appid, authorizer_appid, expires_at) VALUES (?, ?, ?, ?, ?)',
    ),
    useCode: db.prepare('UPDATE component_codes SET used_at = ? WHERE code = ?'),
    auth: db.prepare(
      'SELECT refresh_token AS refreshToken FROM component_auths WHERE component_appid = ? AND authorizer_appid = ?',
    ),
    appName: db.prepare('SELECT name FROM apps WHERE appid = ?'),
    putAuth: db.prepare(
      `INSERT INTO component_auths (component_appid, authorizer_appid, refresh_token, authorized_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(component_appid, authorizer_appid) DO UPDATE SET refresh_token = excluded.refresh_token,
         authorized_at = excluded.authorized_at`,
    ),
  };

  /** The component_access_token of the call, which must belong to the body's component_appid. */
  const platform = (req: SandboxRequest): string => {
    const owner = ctx.requireToken(req, ['component'], 'component_access_token');
    const appid = str(req.body?.component_appid);
    if (appid !== owner) throw ctx.err(40013, 'invalid component_appid');
    return owner;
  };
  const takeCode = (code: string | undefined, kind: string, componentAppid: string) => {
    const c = code
      ? (s.code.get(code) as
          | {
              kind: string;
              componentAppid: string;
              authorizerAppid: string | null;
              expiresAt: number;
              usedAt: number | null;
            }
          | undefined)
      : undefined;
    if (
      !c ||
      c.kind !== kind ||
      c.componentAppid !== componentAppid ||
      c.usedAt !== null ||
      ctx.now() >= c.expiresAt
    ) {
      throw ctx.err(
        61010,
        `${kind === 'auth' ? 'authorization_code' : 'pre_auth_code'} is invalid, used or expired`,
      );
    }
    s.useCode.run(ctx.now(), code);
    return c;
  };

  return {
    'POST /cgi-bin/component/api_component_token': (req) => {
      const b = req.body ?? {};
      const appid = str(b.component_appid);
      const comp = appid
        ? (s.component.get(appid) as
            { secret: string; ticket: string | null; ticketAt: number | null } | undefined)
        : undefined;
      if (!comp) throw ctx.err(40013, 'invalid component_appid');
      if (str(b.component_appsecret) !== comp.secret) throw ctx.err(40125, 'invalid appsecret');
      if (!comp.ticket || str(b.component_verify_ticket) !== comp.ticket)
        throw ctx.err(61006, 'component ticket is invalid');
      if (ctx.now() - (comp.ticketAt ?? 0) > TICKET_TTL_MS)
        throw ctx.err(61005, 'component ticket is expired');
      ctx.checkIp(appid!, req.ip);
      const t = ctx.issueToken(appid!, 'component');
      return { component_access_token: t.token, expires_in: t.expiresIn };
    },
    'POST /cgi-bin/component/api_create_preauthcode': (req) => {
      const appid = platform(req);
      const code = `preauthcode@@@${ctx.newSecretString(48)}`;
      s.insertCode.run(code, 'pre_auth', appid, null, ctx.now() + PRE_AUTH_TTL_S * 1000);
      return { pre_auth_code: code, expires_in: PRE_AUTH_TTL_S };
    },
    // Stands in for mp.weixin.qq.com's page: the admin of `biz_appid` confirms at once (§11.5).
    'GET /cgi-bin/componentloginpage': (req) => {
      const componentAppid = req.query.get('component_appid') ?? '';
      const authorizer = ctx.requireApp(req.query.get('biz_appid'));
      const redirect = req.query.get('redirect_uri');
      if (!redirect) throw ctx.err(10011, 'redirect_uri empty');
      takeCode(req.query.get('pre_auth_code') ?? undefined, 'pre_auth', componentAppid);
      const code = `queryauthcode@@@${ctx.newSecretString(48)}`;
      s.insertCode.run(code, 'auth', componentAppid, authorizer.appid, ctx.now() + AUTH_CODE_TTL_S * 1000);
      const u = new URL(redirect);
      u.searchParams.set('auth_code', code);
      u.searchParams.set('expires_in', String(AUTH_CODE_TTL_S));
      return { redirect: u.toString() };
    },
    'POST /cgi-bin/component/api_query_auth': (req) => {
      const appid = platform(req);
      const c = takeCode(str(req.body?.authorization_code), 'auth', appid);
      const refresh = `refreshtoken@@@${ctx.newSecretString(48)}`;
      s.putAuth.run(appid, c.authorizerAppid, refresh, ctx.now());
      const t = ctx.issueToken(c.authorizerAppid!, 'authorizer');
      return {
        authorization_info: {
          authorizer_appid: c.authorizerAppid,
          authorizer_access_token: t.token,
          expires_in: t.expiresIn,
          authorizer_refresh_token: refresh,
          func_info: FUNC_INFO,
        },
      };
    },
    'POST /cgi-bin/component/api_authorizer_token': (req) => {
      const appid = platform(req);
      const authorizer = str(req.body?.authorizer_appid) ?? '';
      const a = s.auth.get(appid, authorizer) as { refreshToken: string } | undefined;
      if (!a || a.refreshToken !== str(req.body?.authorizer_refresh_token))
        throw ctx.err(61023, 'refresh_token is invalid');
      const t = ctx.issueToken(authorizer, 'authorizer');
      return {
        authorizer_access_token: t.token,
        expires_in: t.expiresIn,
        authorizer_refresh_token: a.refreshToken,
      };
    },
    'POST /cgi-bin/component/api_get_authorizer_info': (req) => {
      const appid = platform(req);
      const authorizer = str(req.body?.authorizer_appid) ?? '';
      if (!s.auth.get(appid, authorizer)) throw ctx.err(61003, 'component is not authorized by this account');
      const app = s.appName.get(authorizer) as { name: string } | undefined;
      return {
        authorizer_info: {
          nick_name: app?.name ?? authorizer,
          head_img: '',
          service_type_info: { id: 2 },
          verify_type_info: { id: 0 },
          user_name: `gh_${authorizer.slice(2, 14)}`,
          principal_name: 'MPDesk Sandbox',
          alias: '',
          qrcode_url: '',
          business_info: { open_store: 0, open_scan: 0, open_pay: 0, open_card: 0, open_shake: 0 },
        },
        authorization_info: { authorizer_appid: authorizer, func_info: FUNC_INFO },
      };
    },
  };
}
