import type { InboundRequest, Handled, LoggedRoute, RequestHead, Facts } from './pipeline';
import { refuse } from './component-answer';

const EVENTS = /^\/component\/([A-Za-z0-9_-]{1,64})\/events$/;
const AUTHORIZED = /^\/component\/([A-Za-z0-9_-]{1,64})\/authorized$/;
const MESSAGES = /^\/component\/([A-Za-z0-9_-]{1,64})\/([A-Za-z0-9_$-]{1,64})\/messages$/;

type Query = Map<string, string> | undefined;

/** What answers component requests: the third-party platform feature (services/component), behind a port. */
export interface ComponentInboundPort {
  /** `/component/<platform>/events`: ticket pushes and authorization changes (§11.2-§11.3). */
  events(platformId: string, method: string, q: Query, raw: Buffer): Handled;
  /** `/component/<platform>/<appid>/messages`: an authorizer's messages and events (§11.6). */
  messages(platformId: string, appid: string, method: string, q: Query, raw: Buffer): Handled;
  /** `/component/<platform>/authorized`: MPDesk's own redirect_uri after authorization. */
  authorized(platformId: string, method: string, q: Query): Promise<Handled>;
}

type Target =
  | { kind: 'events'; platform: string }
  | { kind: 'messages'; platform: string; appid: string }
  | { kind: 'authorized'; platform: string }
  | { kind: 'none' };

function targetOf(pathname: string): Target {
  const [, eventsOf] = EVENTS.exec(pathname) ?? [];
  if (eventsOf) return { kind: 'events', platform: eventsOf };
  const [, messagesOf, appid] = MESSAGES.exec(pathname) ?? [];
  if (messagesOf && appid) return { kind: 'messages', platform: messagesOf, appid };
  const [, landingOf] = AUTHORIZED.exec(pathname) ?? [];
  return landingOf ? { kind: 'authorized', platform: landingOf } : { kind: 'none' };
}

/**
 * `POST /component/<platform>/events`, `POST /component/<platform>/<appid>/messages` and
 * `GET /component/<platform>/authorized` (docs/architecture.md §3, docs/wechat-protocol.md §11), in
 * the logged pipeline like `/wx/<slug>`. Secrets never reach the row: the query is masked, and a
 * ticket push's ticket and codes are replaced in the XML the row keeps. The landing page is where
 * the admin's browser comes back, not WeChat.
 */
export function componentRoute(inbound: ComponentInboundPort): LoggedRoute<Target> {
  return {
    match: (p) => p.startsWith('/component/'),
    admit: (head: RequestHead) => {
      const target = targetOf(head.pathname);
      const slug = `component:${target.kind === 'none' ? '?' : target.platform}`;
      return { keep: Infinity, state: target, facts: { slug, notWechat: notWechat(target, head.q) } };
    },
    handle: (req: InboundRequest, target: Target) => {
      const verdict = answerOf(inbound, req, target);
      return verdict instanceof Promise
        ? verdict.then((h) => logged(h, req, target))
        : logged(verdict, req, target);
    },
  };
}

function answerOf(inbound: ComponentInboundPort, req: InboundRequest, t: Target): Handled | Promise<Handled> {
  const method = req.method;
  if (t.kind === 'events') return inbound.events(t.platform, method, req.q, req.body);
  if (t.kind === 'messages') return inbound.messages(t.platform, t.appid, method, req.q, req.body);
  if (t.kind === 'authorized') return inbound.authorized(t.platform, method, req.q);
  return refuse(404, 'not_found', 'no route', `no component route for ${req.pathname}`);
}

/** WeChat signs what it pushes (§11.1); the landing page and unknown paths are a browser's. */
function notWechat(t: Target, q: Query): boolean {
  if (t.kind === 'events' || t.kind === 'messages')
    return !q || !(q.has('msg_signature') || q.has('signature'));
  return true;
}

/** The port's verdict with what every component row adds: where it went, and no credential in clear. */
function logged(h: Handled, req: InboundRequest, t: Target): Handled {
  const f = h.facts ?? {};
  const facts: Facts = {
    ...f,
    slug: `component:${t.kind === 'none' ? '?' : t.platform}`,
    notWechat: notWechat(t, req.q),
    // The platform's signature held, or the request succeeded: its body is kept whole.
    verified: f.verified === true || (f.decryptedXml ?? null) !== null || h.answer.status < 400,
    decryptedXml: f.decryptedXml ? hideTicket(f.decryptedXml) : null,
    parsed: f.fields ? JSON.stringify(hideTicketFields(f.fields)) : null,
  };
  return { ...h, facts };
}

/** §11.2/§11.3: the ticket and authorization codes are credentials; the log keeps that they came. */
const HIDDEN = ['ComponentVerifyTicket', 'AuthorizationCode', 'PreAuthCode'] as const;
function hideTicket(xml: string): string {
  let out = xml;
  for (const tag of HIDDEN) {
    out = out.replace(
      new RegExp(`(<${tag}>)([\\s\\S]*?)(</${tag}>)`),
      (_m, a: string, _v: string, b: string) => `${a}****${b}`,
    );
  }
  return out;
}
function hideTicketFields<T extends Record<string, unknown>>(f: T): T {
  const out: Record<string, unknown> = { ...f };
  for (const tag of HIDDEN) if (tag in out) out[tag] = '****';
  return out as T;
}
