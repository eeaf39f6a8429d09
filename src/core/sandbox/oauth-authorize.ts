import { consentPage, errorPage, fanPickerPage } from './oauth-authorize-pages';
import { SandboxErr, type SandboxContext, type SandboxRequest, type SandboxRoute } from './sandbox-context';

const SCOPES = new Set(['snsapi_base', 'snsapi_userinfo']);
/** The sandbox remembers which fan a browser is, as WeChat knows who holds the phone. */
const FAN_COOKIE = 'mpdesk_sandbox_fan';
const PICKER_FANS = 12;

/**
 * `GET /connect/oauth2/authorize` as WeChat's page behaves (docs/wechat-protocol.md §8.1-§8.2, §11.6):
 * - redirect_uri must be under the app's 网页授权域名 when one is set on the platform: otherwise
 *   WeChat's error page with 10003 (a third-party platform's link is checked against the
 *   platform's domain, which the sandbox does not model: it checks the platform's authorization);
 * - snsapi_base is silent; snsapi_userinfo asks (允许 / 拒绝), and a refusal returns to
 *   redirect_uri with the state and no code;
 * - a browser picks which sandbox fan it is, once (a cookie). A script (no text/html in Accept) is
 *   the first fan, or `sandbox_openid`, and agrees at once unless `sandbox_consent=deny`.
 */
export function authorizeRoute(ctx: SandboxContext): Record<string, SandboxRoute> {
  const s = {
    app: ctx.db.prepare('SELECT appid, name, oauth_domain AS domain FROM apps WHERE appid = ?'),
    firstFan: ctx.db.prepare('SELECT openid FROM fans WHERE appid = ? ORDER BY seq LIMIT 1'),
    fans: ctx.db.prepare('SELECT openid, nickname FROM fans WHERE appid = ? ORDER BY seq LIMIT ?'),
    fan: ctx.db.prepare('SELECT openid, nickname FROM fans WHERE appid = ? AND openid = ?'),
    component: ctx.db.prepare('SELECT 1 FROM components WHERE component_appid = ?'),
    authorized: ctx.db.prepare(
      'SELECT 1 FROM component_auths WHERE component_appid = ? AND authorizer_appid = ?',
    ),
    insertCode: ctx.db.prepare(
      'INSERT INTO oauth_codes (code, appid, openid, scope, created_at, component_appid) VALUES (?, ?, ?, ?, ?, ?)',
    ),
  };

  const authorize = (req: SandboxRequest) => {
    const q = req.query;
    const app = s.app.get(q.get('appid') ?? '') as
      { appid: string; name: string; domain: string | null } | undefined;
    if (!app) throw ctx.err(40013, 'invalid appid');
    const redirect = q.get('redirect_uri');
    const scope = q.get('scope') ?? '';
    if (!redirect) throw ctx.err(10011, 'redirect_uri empty');
    if (!SCOPES.has(scope)) throw ctx.err(10005, 'scope not allowed');
    if (q.get('response_type') !== 'code') throw ctx.err(10005, 'response_type must be code');
    let back: URL;
    try {
      back = new URL(redirect);
    } catch {
      throw ctx.err(10003, 'redirect_uri domain mismatch');
    }
    const component = q.get('component_appid');
    if (component) {
      if (!s.component.get(component)) throw ctx.err(61004, 'component_appid invalid');
      if (!s.authorized.get(component, app.appid))
        throw ctx.err(61003, 'component is not authorized by this account');
    } else if (app.domain && !underDomain(back, app.domain)) {
      throw ctx.err(10003, 'redirect_uri domain mismatch');
    }

    const browser = String(req.headers.accept ?? '').includes('text/html');
    const remembered = browser ? cookie(req, FAN_COOKIE) : undefined;
    const chosen = q.get('sandbox_openid') ?? remembered;
    const fan = chosen
      ? (s.fan.get(app.appid, chosen) as { openid: string; nickname: string } | undefined)
      : browser
        ? undefined
        : (s.fan.get(
            app.appid,
            (s.firstFan.get(app.appid) as { openid: string } | undefined)?.openid ?? '',
          ) as { openid: string; nickname: string } | undefined);
    const self = (extra: Record<string, string | null>) => {
      const u = new URL(`http://sandbox${req.path}?${q}`);
      for (const [k, v] of Object.entries(extra)) {
        if (v === null) u.searchParams.delete(k);
        else u.searchParams.set(k, v);
      }
      return `${u.pathname}${u.search}`;
    };
    if (!fan) {
      if (!browser) throw ctx.err(10006, 'no sandbox user: generate fans first');
      const fans = s.fans.all(app.appid, PICKER_FANS) as { openid: string; nickname: string }[];
      if (!fans.length) throw ctx.err(10006, 'no sandbox user: generate fans first');
      const html = fanPickerPage(
        app.name,
        fans.map((f) => ({ ...f, href: self({ sandbox_openid: f.openid }) })),
      );
      return { page: { html } };
    }
    const setCookie = browser
      ? [`${FAN_COOKIE}=${fan.openid}; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax`]
      : [];
    const consent = q.get('sandbox_consent');
    if (scope === 'snsapi_userinfo' && browser && !consent) {
      const html = consentPage({
        appName: app.name,
        nickname: fan.nickname,
        openid: fan.openid,
        allowHref: self({ sandbox_openid: fan.openid, sandbox_consent: 'allow' }),
        denyHref: self({ sandbox_openid: fan.openid, sandbox_consent: 'deny' }),
        switchHref: self({ sandbox_openid: null, sandbox_consent: null, sandbox_pick: '1' }),
      });
      return { page: { html, setCookie } };
    }
    // §8.2: a user who refuses comes back with the state only, and no code. snsapi_base asks
    // nothing, so there is nothing to refuse.
    if (consent !== 'deny' || scope !== 'snsapi_userinfo') {
      const code = ctx.newSecretString(32);
      s.insertCode.run(code, app.appid, fan.openid, scope, ctx.now(), component);
      back.searchParams.set('code', code);
    }
    back.searchParams.set('state', q.get('state') ?? '');
    return { page: { redirect: back.toString(), setCookie } };
  };

  return {
    'GET /connect/oauth2/authorize': (req) => {
      // The picker's "switch user" forgets the remembered fan.
      if (req.query.get('sandbox_pick') === '1') req.headers = { ...req.headers, cookie: undefined };
      try {
        return authorize(req);
      } catch (e) {
        if (!(e instanceof SandboxErr) || !String(req.headers.accept ?? '').includes('text/html')) throw e;
        return { page: { html: errorPage(e.errcode, e.errmsg) } };
      }
    },
  };
}

/** §8.1: the same host (no subdomain), under the domain's path when it has one. */
function underDomain(u: URL, domain: string): boolean {
  const [host = '', ...path] = domain.replace(/\/+$/, '').split('/');
  if (u.hostname.toLowerCase() !== host.toLowerCase()) return false;
  const prefix = path.length ? `/${path.join('/')}` : '';
  return !prefix || u.pathname === prefix || u.pathname.startsWith(`${prefix}/`);
}

function cookie(req: SandboxRequest, name: string): string | undefined {
  const raw = req.headers.cookie;
  const text = Array.isArray(raw) ? raw.join('; ') : (raw ?? '');
  for (const part of text.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}
