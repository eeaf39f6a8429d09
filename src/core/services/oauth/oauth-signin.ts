import type http from 'node:http';
import type { OauthCallbackResultDto, OauthUserInfoDto } from '../../../shared/api/areas/oauth';
import type { WebAnswer } from '../../server/logged-answer';
import {
  csrfBinding,
  GATEWAY_TEXTS,
  parseLanding,
  renderGatewayPage,
  sealSession,
  sessionFromCookies,
  sessionCookieName,
  setCookie,
  slidingClaims,
  type BrowserOrigin,
  type GatewaySignIn,
  type PageLang,
  type SessionClaims,
  type SessionIdentity,
} from '../oauth-gateway';
import type { FanProfilePort, OauthDeps } from './oauth-deps';
import type { OauthLinks } from './oauth-links';
import type { OauthStateRow } from './oauth-repo';
import type { OauthSessionRepo, OauthSessionRow } from './oauth-session-repo';
import type { OauthSessions } from './oauth-sessions';

/** last_seen_at is written at most this often per session (a page with 30 assets is one visit). */
const SEEN_EVERY_MS = 60_000;
const s = (ms: number) => Math.floor(ms / 1000);

/** A callback that came back, as the sign-in sees it. */
export interface SignInContext {
  accountId: string;
  appId: string;
  row: OauthStateRow;
  result: OauthCallbackResultDto;
  origin: BrowserOrigin;
  lang: PageLang;
  cookies: Map<string, string>;
}

/**
 * Signing a fan in to the app behind MPDesk (docs/architecture.md §3): after the code exchange the
 * callback sets the session cookie and sends the fan to the state's landing (a path of the app, or
 * an allowed URL with a single-use ticket); a fan MPDesk has no profile of is sent once more
 * through snsapi_userinfo (the seed flow). For the proxy it turns a cookie back into the fan,
 * refreshing the web token when it has expired.
 */
export class OauthSignIn implements GatewaySignIn {
  private readonly refreshing = new Set<string>();

  constructor(
    private readonly d: OauthDeps,
    private readonly links: OauthLinks,
    private readonly sessions: OauthSessions,
    private readonly sessionRepo: OauthSessionRepo,
    private readonly profiles: FanProfilePort,
  ) {}

  private now(): number {
    return this.d.rt.clock.now();
  }

  /** The answer for a callback with a landing (or a seed step), or null for MPDesk's result page. */
  finish(c: SignInContext): WebAnswer | null {
    const { row, result } = c;
    if (!row.landing) return null;
    const verdict = parseLanding(row.landing, {
      allowlist: this.d.gateway.config.get().landingAllowlist,
      publicOrigin: this.d.publicUrl(),
    });
    if (!verdict.ok) {
      const t = GATEWAY_TEXTS.landing_not_allowed;
      return {
        status: 403,
        headers: pageHeaders(),
        body: renderGatewayPage(c.lang, t, {
          kind: 'error',
          code: 'landing_not_allowed',
          detail: row.landing,
        }),
        outcome: 'rejected',
        reason: 'oauth_rejected',
        detail: `landing ${row.landing} refused (${verdict.problem}) after the exchange; no cookie set`,
        accountId: c.accountId,
      };
    }
    let session = result.session ? this.sessionRepo.get(result.session.id) : undefined;
    // The fan declined the profile (snsapi_userinfo) of the seed flow: they are signed in already.
    if (result.outcome === 'refused' && row.step === 'userinfo') session = this.cookieSession(c);
    if (!session) return null;

    const cookies = [this.sessionCookie(session, c.origin)];
    if (this.needsProfile(session, row)) {
      this.sessionRepo.profileAsked(session.id, this.now());
      const csrf = csrfBinding(c.cookies, this.d.rt.random, c.origin.secure);
      if (csrf.setCookie) cookies.push(csrf.setCookie);
      const location = this.links.issueFlow({
        accountId: c.accountId,
        scope: 'snsapi_userinfo',
        step: 'userinfo',
        landing: row.landing,
        csrfHash: csrf.hash,
        redirectUri: this.links.callbackUri(c.accountId, c.origin.origin),
      });
      return redirect(
        location,
        cookies,
        c,
        session,
        'no profile of this fan yet: asked once more through snsapi_userinfo',
      );
    }
    const landing = verdict.landing;
    if (landing.kind === 'path')
      return redirect(landing.location, cookies, c, session, `landed on ${landing.location}`);
    const ticket = this.d.gateway.tickets.issue(c.accountId, session.id, landing.url, this.now());
    const u = new URL(landing.url);
    u.searchParams.set('mpdesk_ticket', ticket);
    return redirect(u.href, cookies, c, session, `landed on ${landing.origin} with a ticket`);
  }

  identity(claims: SessionClaims): SessionIdentity | null {
    const row = this.sessionRepo.get(claims.sid);
    if (!row || row.accountId !== claims.acct || row.openid !== claims.sub) return null;
    return this.identityOfRow(row);
  }

  identityOf(sessionId: string): SessionIdentity | null {
    const row = this.sessionRepo.get(sessionId);
    return row ? this.identityOfRow(row) : null;
  }

  start(input: { accountId: string; landing: string; csrfHash: string; origin: string }): string {
    return this.links.issueFlow({
      accountId: input.accountId,
      scope: 'snsapi_base',
      step: 'base',
      landing: input.landing,
      csrfHash: input.csrfHash,
      redirectUri: this.links.callbackUri(input.accountId, input.origin),
    });
  }

  redirectIssues(accountId: string, origin: string) {
    return this.links.redirectIssuesOf(accountId, this.links.callbackUri(accountId, origin));
  }

  /** The seed flow: base first, userinfo once for a fan MPDesk has no profile of. */
  private needsProfile(session: OauthSessionRow, row: OauthStateRow): boolean {
    if (!this.d.gateway.config.get().seedProfiles || row.step === 'userinfo') return false;
    if (session.scope.split(',').includes('snsapi_userinfo') || session.profileAskedAt !== null) return false;
    return !this.profiles.known(session.accountId, session.openid);
  }

  private cookieSession(c: SignInContext): OauthSessionRow | undefined {
    const v = sessionFromCookies(c.cookies, this.d.gateway.keys.cookieKey(), s(this.now()));
    return v?.ok ? this.sessionRepo.get(v.claims.sid) : undefined;
  }

  private sessionCookie(session: OauthSessionRow, origin: BrowserOrigin): string {
    const nowS = s(this.now());
    const claims = slidingClaims(
      { sid: session.id, acct: session.accountId, sub: session.openid },
      nowS,
      s(session.refreshExpiresAt),
    );
    const value = sealSession(claims, this.d.gateway.keys.cookieKey());
    return setCookie(sessionCookieName(origin.secure), value, {
      maxAgeS: claims.exp - nowS,
      secure: origin.secure,
    });
  }

  private identityOfRow(row: OauthSessionRow): SessionIdentity {
    const now = this.now();
    if (row.lastSeenAt === null || now - row.lastSeenAt >= SEEN_EVERY_MS) this.sessionRepo.seen(row.id, now);
    if (row.expiresAt <= now && row.refreshExpiresAt > now) this.refreshInBackground(row.id);
    const info = row.userinfo ? (JSON.parse(row.userinfo) as OauthUserInfoDto) : null;
    return {
      sessionId: row.id,
      accountId: row.accountId,
      appId: this.d.accounts.get(row.accountId).appId,
      openid: row.openid,
      unionid: row.unionid,
      scope: row.scope,
      nickname: info?.nickname || null,
      headimgurl: info?.headimgurl || null,
      refreshExpiresAt: row.refreshExpiresAt,
    };
  }

  /** §8.4: the web token expired; the page is not held up while it is renewed. */
  private refreshInBackground(id: string): void {
    if (this.refreshing.has(id)) return;
    this.refreshing.add(id);
    void this.sessions
      .refresh(id)
      .catch((e: unknown) => console.error('[oauth] web token refresh failed', (e as Error)?.message ?? e))
      .finally(() => this.refreshing.delete(id));
  }
}

const pageHeaders = (): http.OutgoingHttpHeaders => ({
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
});

function redirect(
  location: string,
  cookies: string[],
  c: SignInContext,
  session: OauthSessionRow,
  detail: string,
): WebAnswer {
  return {
    status: 302,
    headers: {
      location,
      'set-cookie': cookies,
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
    },
    body: '',
    outcome: 'ok',
    reason: c.result.outcome === 'refused' ? 'oauth_declined' : 'oauth_signed_in',
    detail: `${c.result.outcome}: ${session.openid} (${session.scope}); ${detail}`,
    accountId: c.accountId,
    openid: session.openid,
  };
}
