import type http from 'node:http';
import type { Duplex } from 'node:stream';
import type { CallbackRoute } from '../../server/callback-routes';
import { recordThen, webLogRecord, webRequestFacts, type WebRequestFacts } from '../../server/logged-answer';
import type { RequestTarget } from '../../server/request-target';
import { ASSERTION_TTL_S, signAssertion } from './assertion';
import { csrfBinding } from './csrf';
import { answer, refusal, SIGN_IN_AGAIN, signInPath, SLUG, type GatewayContext } from './gateway-context';
import { GATEWAY_TEXTS } from './gateway-texts';
import { pickLang, gatewayJson, type PageLang } from './gateway-pages';
import type { SessionIdentity } from './gateway-ports';
import { upstreamRequestHeaders } from './identity-headers';
import { parseLanding } from './landing';
import { canonicalPath, isMpdeskPath, isNavigation, isProtected } from './proxy-decision';
import { browserOrigin, type BrowserOrigin } from './request-origin';
import type { ProxyFailure, ReverseProxy } from './reverse-proxy';
import {
  clearCookie,
  needsReissue,
  readCookies,
  sealSession,
  sessionCookieName,
  sessionFromCookies,
  setCookie,
  slidingClaims,
} from './session-cookie';

const FAILURE_TEXT = {
  refused: 'upstream_refused',
  timeout: 'upstream_timeout',
  reset: 'upstream_reset',
} as const;
const s = (ms: number) => Math.floor(ms / 1000);

/** Who the request is, and what cookies its answer sets, before it may go on. */
type Admission =
  | { kind: 'pass'; identity: SessionIdentity | null; setCookies: string[] }
  | { kind: 'answer'; a: ReturnType<typeof refusal> };

/**
 * The reverse proxy in front of the developer's app (docs/architecture.md §3): every request on the
 * listener that is not WeChat's or MPDesk's own goes to the app, with the fan's identity when the
 * session cookie names one. A protected path without a session starts a sign-in: a page load is
 * sent to WeChat's authorize page, fetch/XHR gets a 401 with the authorize URL. A forged or expired
 * cookie is refused with a page, and cleared. Every request is a compact row of the callback log.
 */
export function gatewayProxyRoute(ctx: GatewayContext, proxy: ReverseProxy): CallbackRoute {
  const upstream = () => ctx.shared.config.get().upstreamUrl;

  function admit(
    req: http.IncomingMessage,
    url: RequestTarget,
    origin: BrowserOrigin,
    lang: PageLang,
    json: boolean,
  ): Admission {
    const cfg = ctx.shared.config.get();
    const path = canonicalPath(url.pathname);
    if (path === null)
      return { kind: 'answer', a: refusal(lang, 'bad_path', { status: 400, json, detail: url.pathname }) };
    const cookies = readCookies(req.headers.cookie);
    const nowS = s(ctx.rt.clock.now());
    const verdict = sessionFromCookies(cookies, ctx.shared.keys.cookieKey(), nowS);
    const name = sessionCookieName(origin.secure);
    const setCookies: string[] = [];
    let identity: SessionIdentity | null = null;
    const again = { href: signInPath(landingOf(url, req, origin)), label: SIGN_IN_AGAIN };
    if (verdict?.ok) {
      identity = ctx.signIn().identity(verdict.claims);
      if (!identity) setCookies.push(clearCookie(name, origin.secure));
      else if (needsReissue(verdict.claims, nowS)) {
        const claims = slidingClaims(verdict.claims, nowS, s(identity.refreshExpiresAt));
        const value = sealSession(claims, ctx.shared.keys.cookieKey());
        setCookies.push(setCookie(name, value, { maxAgeS: claims.exp - nowS, secure: origin.secure }));
      }
    } else if (verdict && (verdict.problem === 'malformed' || verdict.problem === 'bad_signature')) {
      return {
        kind: 'answer',
        a: refusal(lang, 'cookie_forged', {
          status: 403,
          json,
          detail: `${verdict.problem} session cookie on ${url.pathname}`,
          headers: { 'set-cookie': [clearCookie(name, origin.secure)] },
          action: again,
        }),
      };
    } else if (verdict?.problem === 'expired') {
      return {
        kind: 'answer',
        a: refusal(lang, 'cookie_expired', {
          status: 401,
          json,
          detail: `session cookie expired at ${new Date(verdict.claims!.exp * 1000).toISOString()}`,
          headers: { 'set-cookie': [clearCookie(name, origin.secure)] },
          action: again,
          accountId: verdict.claims!.acct,
        }),
      };
    } else if (verdict?.problem === 'old_key') {
      // Signed before the cookie key was rotated: the fan signs in again, silently.
      setCookies.push(clearCookie(name, origin.secure));
    }
    if (identity || !isProtected(path, cfg.protectedPrefixes)) return { kind: 'pass', identity, setCookies };
    if (!cfg.accountId)
      return {
        kind: 'answer',
        a: refusal(lang, 'no_account', {
          status: 503,
          json,
          detail: `protected ${path}, no gateway account`,
        }),
      };
    const landing = landingOf(url, req, origin);
    const csrf = csrfBinding(cookies, ctx.rt.random, origin.secure);
    if (csrf.setCookie) setCookies.push(csrf.setCookie);
    const authorizeUrl = ctx
      .signIn()
      .start({ accountId: cfg.accountId, landing, csrfHash: csrf.hash, origin: origin.origin });
    const base = {
      outcome: 'ok' as const,
      reason: 'gateway_sign_in' as const,
      accountId: cfg.accountId,
      slug: SLUG,
    };
    if (!json) {
      return {
        kind: 'answer',
        a: {
          ...base,
          status: 302,
          headers: { location: authorizeUrl, 'set-cookie': setCookies, 'cache-control': 'no-store' },
          body: '',
          detail: `no session on ${path}: sent to the authorize page (snsapi_base), landing ${landing}`,
        },
      };
    }
    return {
      kind: 'answer',
      a: {
        ...base,
        status: 401,
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'cache-control': 'no-store',
          'set-cookie': setCookies,
          'www-authenticate': 'MPDesk-WeChat-OAuth',
        },
        body: gatewayJson(lang, 'sign_in_required', GATEWAY_TEXTS.sign_in_required, {
          authorizeUrl,
          signInUrl: signInPath(landing),
        }),
        detail: `no session on ${path} (fetch/XHR): 401 with the authorize URL, landing ${landing}`,
      },
    };
  }

  function forwardHeaders(
    req: http.IncomingMessage,
    origin: BrowserOrigin,
    identity: SessionIdentity | null,
    upgrade = false,
  ) {
    const assertion = identity ? assertionFor(identity, origin) : null;
    return upstreamRequestHeaders(req.headers, {
      identity: identity && {
        openid: identity.openid,
        unionid: identity.unionid,
        scope: identity.scope,
        appId: identity.appId,
      },
      assertion,
      forward: {
        remoteAddress: req.socket.remoteAddress ?? '',
        proto: origin.proto,
        host: String(req.headers.host ?? origin.host),
      },
      upgrade,
    });
  }

  function assertionFor(id: SessionIdentity, origin: BrowserOrigin): string {
    const k = ctx.shared.keys.assertionKey();
    const iat = s(ctx.rt.clock.now());
    return signAssertion(k.privateKey, k.kid, {
      iss: origin.origin,
      aud: id.appId,
      sub: id.openid,
      scope: id.scope,
      ...(id.unionid ? { unionid: id.unionid } : {}),
      acct: id.accountId,
      iat,
      exp: iat + ASSERTION_TTL_S,
    });
  }

  const proxiedRow = (f: WebRequestFacts, status: number, target: string, identity: SessionIdentity | null) =>
    webLogRecord(f, {
      status,
      outcome: status >= 500 ? 'error' : 'ok',
      reason: 'gateway_proxied',
      detail: `→ ${upstream()}${target} ${status}${identity ? ` as ${identity.openid}` : ' (no session)'}`,
      accountId: identity?.accountId ?? null,
      openid: identity?.openid ?? null,
      slug: SLUG,
    });

  return {
    match: (p) => upstream() !== null && !isMpdeskPath(p),
    handle: (req, res, url) => {
      const f = webRequestFacts(ctx.recorder, ctx.rt, req, url);
      const origin = browserOrigin(req.headers, ctx.publicUrl(), ctx.listenerUrl());
      const lang = pickLang(req.headers['accept-language']);
      const admission = admit(req, url, origin, lang, !isNavigation(req.headers));
      if (admission.kind === 'answer') {
        req.resume();
        return answer(ctx, res, f, admission.a);
      }
      const target = `${url.pathname}${url.search}`;
      const { identity, setCookies } = admission;
      proxy.forward(
        req,
        res,
        { upstream: upstream()!, target, headers: forwardHeaders(req, origin, identity) },
        (status, headers, send) => {
          if (setCookies.length) {
            const prior = headers['set-cookie'];
            headers['set-cookie'] = [
              ...(Array.isArray(prior) ? prior : prior ? [String(prior)] : []),
              ...setCookies,
            ];
          }
          recordThen(ctx.recorder, res, proxiedRow(f, status, target, identity), send);
        },
        (kind, message) =>
          answer(
            ctx,
            res,
            f,
            downPage(lang, kind, `${upstream()}${target}: ${message}`, !isNavigation(req.headers)),
          ),
      );
    },
    upgrade: (req, socket, head, url) => {
      const f = webRequestFacts(ctx.recorder, ctx.rt, req, url);
      const origin = browserOrigin(req.headers, ctx.publicUrl(), ctx.listenerUrl());
      const admission = admit(req, url, origin, pickLang(req.headers['accept-language']), true);
      const target = `${url.pathname}${url.search}`;
      if (admission.kind === 'answer') {
        const a = admission.a;
        return logThen(ctx, socket, webLogRecord(f, { ...a, logBody: a.body }), () =>
          socket.end(
            `HTTP/1.1 ${a.status} ${a.status === 401 ? 'Unauthorized' : 'Refused'}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(a.body)}\r\n\r\n${a.body}`,
          ),
        );
      }
      proxy.upgrade(
        req,
        socket,
        head,
        { upstream: upstream()!, target, headers: forwardHeaders(req, origin, admission.identity, true) },
        (status) => logThen(ctx, socket, proxiedRow(f, status, target, admission.identity), () => {}),
        (kind, message) =>
          logThen(
            ctx,
            socket,
            webLogRecord(f, {
              status: 502,
              outcome: 'error',
              reason: 'gateway_unreachable',
              detail: `${kind}: ${upstream()}${target}: ${message}`,
              slug: SLUG,
            }),
            () => socket.end('HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\nContent-Length: 0\r\n\r\n'),
          ),
      );
    },
  };
}

/** The app is down, slow or hung up: a clear 502/504 for the browser (JSON for fetch/XHR). */
function downPage(lang: PageLang, kind: ProxyFailure, detail: string, json: boolean) {
  return refusal(lang, FAILURE_TEXT[kind], {
    status: kind === 'timeout' ? 504 : 502,
    json,
    detail,
    reason: 'gateway_unreachable',
    outcome: 'error',
  });
}

/** Where a sign-in started by this request lands: the page itself, or the page that made the fetch. */
function landingOf(url: RequestTarget, req: http.IncomingMessage, origin: BrowserOrigin): string {
  let candidate = `${url.pathname}${url.search}`;
  const referer = req.headers.referer;
  if (!isNavigation(req.headers) && referer) {
    try {
      const r = new URL(referer);
      if (r.origin === origin.origin) candidate = `${r.pathname}${r.search}`;
    } catch {
      // Not a URL: the request's own path will do.
    }
  }
  return parseLanding(candidate, { allowlist: [] }).ok ? candidate : '/';
}

function logThen(
  ctx: GatewayContext,
  socket: Duplex,
  rec: ReturnType<typeof webLogRecord>,
  then: () => void,
): void {
  ctx.recorder.record(rec, [], (err) => (err ? socket.destroy() : then()));
}
