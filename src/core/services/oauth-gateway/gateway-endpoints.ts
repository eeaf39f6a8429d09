import { createHash, timingSafeEqual } from 'node:crypto';
import type http from 'node:http';
import { BodyTooLargeError, readBody } from '../../http';
import type { CallbackRoute } from '../../server/callback-routes';
import { webRequestFacts } from '../../server/logged-answer';
import { publicJwk } from './assertion';
import { csrfBinding } from './csrf';
import { answer, jsonAnswer, refusal, SLUG, type GatewayContext } from './gateway-context';
import { pickLang } from './gateway-pages';
import { parseLanding } from './landing';
import { browserOrigin } from './request-origin';
import { readCookies } from './session-cookie';

export const JWKS_PATH = '/__mpdesk/oauth/jwks.json';
export const REDEEM_PATH = '/__mpdesk/oauth/tickets';
export const SIGN_IN_PATH = '/__mpdesk/oauth/sign-in';

/** A redeem request is a ticket and a few bytes of JSON. */
const REDEEM_LIMIT = 4096;

const sha = (s: string) => createHash('sha256').update(s).digest();

/**
 * MPDesk's own gateway endpoints on the callback listener (docs/architecture.md §3): the assertion's
 * public key as a JWKS, the server-to-server ticket redemption, and a sign-in start for the app's
 * own "sign in" links. Each request is a row of the callback log.
 */
export function gatewayEndpoints(ctx: GatewayContext): CallbackRoute {
  return {
    match: (p) => p === JWKS_PATH || p === REDEEM_PATH || p === SIGN_IN_PATH,
    handle: async (req, res, url) => {
      const f = webRequestFacts(ctx.recorder, ctx.rt, req, url);
      const lang = pickLang(req.headers['accept-language']);
      if (url.pathname === REDEEM_PATH) return answer(ctx, res, f, await redeem(ctx, req, lang));
      req.resume();
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return answer(ctx, res, f, {
          ...jsonAnswer(
            405,
            { error: 'method_not_allowed' },
            { outcome: 'rejected', reason: 'method_not_allowed', detail: `${req.method} ${url.pathname}` },
          ),
          headers: { allow: 'GET, HEAD', 'content-type': 'application/json; charset=utf-8' },
        });
      }
      if (url.pathname === JWKS_PATH) {
        const k = ctx.shared.keys.assertionKey();
        return answer(ctx, res, f, {
          ...jsonAnswer(
            200,
            { keys: [publicJwk(k.privateKey, k.kid)] },
            { outcome: 'ok', reason: 'acknowledged', detail: `JWKS (kid ${k.kid})` },
          ),
          headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'max-age=60' },
        });
      }
      return answer(ctx, res, f, startSignIn(ctx, req, url.searchParams.get('landing') ?? '/', lang));
    },
  };
}

/** `GET /__mpdesk/oauth/sign-in?landing=/x`: a sign-in (snsapi_base, seed flow) that lands there. */
function startSignIn(
  ctx: GatewayContext,
  req: http.IncomingMessage,
  raw: string,
  lang: ReturnType<typeof pickLang>,
) {
  const cfg = ctx.shared.config.get();
  const origin = browserOrigin(req.headers, ctx.publicUrl(), ctx.listenerUrl());
  if (!cfg.accountId)
    return refusal(lang, 'no_account', { status: 503, json: false, detail: 'no gateway account' });
  const v = parseLanding(raw, { allowlist: cfg.landingAllowlist, publicOrigin: origin.origin });
  if (!v.ok) {
    return refusal(lang, 'landing_not_allowed', {
      status: 400,
      json: false,
      detail: `${raw} (${v.problem})`,
      accountId: cfg.accountId,
    });
  }
  const csrf = csrfBinding(readCookies(req.headers.cookie), ctx.rt.random, origin.secure);
  const location = ctx
    .signIn()
    .start({ accountId: cfg.accountId, landing: raw, csrfHash: csrf.hash, origin: origin.origin });
  return {
    status: 302,
    headers: {
      location,
      'cache-control': 'no-store',
      ...(csrf.setCookie ? { 'set-cookie': [csrf.setCookie] } : {}),
    },
    body: '',
    outcome: 'ok' as const,
    reason: 'gateway_sign_in' as const,
    detail: `sign-in started for ${raw}`,
    accountId: cfg.accountId,
    slug: SLUG,
  };
}

/**
 * `POST /__mpdesk/oauth/tickets` with `Authorization: Bearer <secret>` and `{"ticket": "…"}` (or a
 * form): the fan's identity, once. The secret is compared in constant time; the ticket is never
 * logged (the body is not stored, and the answer's assertion is left out of the log).
 */
async function redeem(ctx: GatewayContext, req: http.IncomingMessage, lang: ReturnType<typeof pickLang>) {
  const json = true;
  if (req.method !== 'POST') {
    req.resume();
    return refusal(lang, 'ticket_bad_request', {
      status: 405,
      json,
      detail: `${req.method} on the redeem endpoint`,
      reason: 'method_not_allowed',
      headers: { allow: 'POST' },
    });
  }
  let raw: Buffer;
  try {
    raw = await readBody(req, REDEEM_LIMIT);
  } catch (e) {
    if (!(e instanceof BodyTooLargeError)) throw e;
    return refusal(lang, 'ticket_bad_request', {
      status: 413,
      json,
      detail: `body larger than ${REDEEM_LIMIT} bytes`,
      reason: 'body_too_large',
    });
  }
  const secret = ctx.shared.keys.ticketSecret();
  if (!secret)
    return refusal(lang, 'ticket_no_secret', { status: 503, json, detail: 'no redeem secret made yet' });
  const auth = String(req.headers.authorization ?? '');
  const given = /^Bearer\s+(\S+)$/i.exec(auth)?.[1] ?? '';
  if (!timingSafeEqual(sha(given), sha(secret.value))) {
    return refusal(lang, 'ticket_secret', {
      status: 401,
      json,
      detail: given ? 'wrong redeem secret' : 'no Authorization: Bearer',
      headers: { 'www-authenticate': 'Bearer realm="mpdesk"' },
    });
  }
  const ticket = ticketOf(raw, String(req.headers['content-type'] ?? ''));
  if (ticket === null)
    return refusal(lang, 'ticket_bad_request', { status: 400, json, detail: 'no ticket in the body' });
  const now = ctx.rt.clock.now();
  const r = ctx.shared.tickets.redeem(ticket, now);
  if (!r.ok) {
    const status = r.problem === 'ticket_unknown' ? 404 : r.problem === 'ticket_used' ? 409 : 410;
    return refusal(lang, r.problem, { status, json, detail: `ticket ${ticket.slice(0, 4)}… refused` });
  }
  const id = ctx.signIn().identityOf(r.row.sessionId);
  if (!id)
    return refusal(lang, 'ticket_unknown', { status: 404, json, detail: 'the ticket’s session was deleted' });
  const body = {
    openid: id.openid,
    unionid: id.unionid,
    scope: id.scope,
    appid: id.appId,
    accountId: id.accountId,
    nickname: id.nickname,
    headimgurl: id.headimgurl,
    landing: r.row.landing,
  };
  return {
    ...jsonAnswer(200, body, {
      outcome: 'ok',
      reason: 'ticket_redeemed',
      detail: `ticket redeemed for ${id.openid}`,
      accountId: id.accountId,
      openid: id.openid,
    }),
    logBody: JSON.stringify(body),
  };
}

function ticketOf(raw: Buffer, contentType: string): string | null {
  const text = raw.toString('utf8').trim();
  try {
    if (contentType.includes('application/x-www-form-urlencoded'))
      return new URLSearchParams(text).get('ticket');
    const v = JSON.parse(text) as { ticket?: unknown };
    return typeof v?.ticket === 'string' ? v.ticket : null;
  } catch {
    return null;
  }
}
