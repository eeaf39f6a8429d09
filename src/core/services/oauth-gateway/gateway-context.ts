import type http from 'node:http';
import type { Runtime } from '../../runtime';
import type { CallbackRecorder } from '../../server/callback-recorder';
import { answerLogged, type WebAnswer, type WebRequestFacts } from '../../server/logged-answer';
import { gatewayJson, renderGatewayPage, type PageLang } from './gateway-pages';
import type { GatewayShared, GatewaySignIn } from './gateway-ports';
import { GATEWAY_TEXTS, type GatewayTextCode } from './gateway-texts';

/** What the gateway's routes share. */
export interface GatewayContext {
  shared: GatewayShared;
  signIn: () => GatewaySignIn;
  recorder: CallbackRecorder;
  rt: Runtime;
  appIdOf: (accountId: string) => string | null;
  publicUrl: () => string | null;
  listenerUrl: () => string | null;
}

export const SLUG = 'gateway';

const HTML = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
};
const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

/** A refusal (or notice) as a page for a browser, or JSON for fetch/XHR and servers, logged. */
export function refusal(
  lang: PageLang,
  code: GatewayTextCode,
  o: {
    status: number;
    json: boolean;
    detail: string;
    reason?: WebAnswer['reason'];
    outcome?: WebAnswer['outcome'];
    headers?: http.OutgoingHttpHeaders;
    action?: { href: string; label: { zh: string; en: string } };
    extra?: Record<string, unknown>;
    accountId?: string | null;
  },
): WebAnswer {
  const t = GATEWAY_TEXTS[code];
  return {
    status: o.status,
    headers: { ...(o.json ? JSON_TYPE : HTML), ...o.headers },
    body: o.json
      ? gatewayJson(lang, code, t, o.extra)
      : renderGatewayPage(lang, t, { kind: o.status >= 400 ? 'error' : 'info', code, action: o.action }),
    outcome: o.outcome ?? (o.status >= 500 ? 'error' : 'rejected'),
    reason: o.reason ?? 'gateway_refused',
    detail: `${code}: ${o.detail}`,
    accountId: o.accountId ?? null,
    slug: SLUG,
  };
}

export function jsonAnswer(
  status: number,
  body: unknown,
  o: Omit<WebAnswer, 'status' | 'headers' | 'body'>,
): WebAnswer {
  return { status, headers: JSON_TYPE, body: JSON.stringify(body), slug: SLUG, ...o };
}

export function answer(
  ctx: GatewayContext,
  res: http.ServerResponse,
  f: WebRequestFacts,
  a: WebAnswer,
): void {
  answerLogged(ctx.recorder, res, f, a);
}

/** The label of the "sign in again" button of a refusal page. */
export const SIGN_IN_AGAIN = { zh: '重新登录', en: 'Sign in again' };

export const signInPath = (landing: string) =>
  `/__mpdesk/oauth/sign-in?landing=${encodeURIComponent(landing)}`;
