import { createHash } from 'node:crypto';
import type http from 'node:http';
import type { OauthCallbackResultDto, OauthErrorDto } from '../../../shared/api/areas/oauth';
import { tail } from '../../api/mask';
import type { SnsToken, SnsUserInfo } from '../../api/types';
import type { WebAnswer } from '../../server/logged-answer';
import type { OauthCallbackHandler } from '../../server/oauth-callback-route';
import { browserOrigin, csrfOfCookies, pickLang, readCookies } from '../oauth-gateway';
import { REPLAY_WINDOW_MS, type OauthDeps } from './oauth-deps';
import { renderCallbackPage, renderNotFoundPage } from './oauth-page';
import type { OauthRepo, OauthStateRow } from './oauth-repo';
import { exchangeError, logReasonOf, replayOf, statusOf } from './oauth-results';
import type { OauthSessions } from './oauth-sessions';
import type { OauthSignIn } from './oauth-signin';
import { stateError } from './oauth-texts';

const hashCode = (code: string) => createHash('sha256').update(code).digest('hex');

const PAGE_HEADERS: http.OutgoingHttpHeaders = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  // The URL carries the code: never hand it to another site (e.g. the avatar's host).
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src https: http:",
};

/**
 * `GET /oauth/<slug>/callback` (docs/wechat-protocol.md §8.2-§8.3): checks the state (CSRF) the
 * editor or the gateway issued and exchanges the code for a web token once. The replay guard keys on
 * the code: the same code again (the double-callback pitfall) is answered with its first result,
 * while a new code is exchanged, whoever's it is; a state says where the fan goes, the code says who
 * the fan is. A state with a landing then signs the fan in to the app (oauth-signin.ts); otherwise
 * the browser gets MPDesk's result page.
 */
export class OauthCallback implements OauthCallbackHandler {
  /** Exchanges running, by account+code: a concurrent repeat of the same code waits for the first. */
  private readonly inflight = new Map<string, Promise<OauthCallbackResultDto>>();

  constructor(
    private readonly d: OauthDeps,
    private readonly repo: OauthRepo,
    private readonly sessions: OauthSessions,
    private readonly signIn: OauthSignIn,
  ) {}

  private now(): number {
    return this.d.rt.clock.now();
  }

  async handleCallback(slug: string, query: URLSearchParams, req: http.IncomingMessage): Promise<WebAnswer> {
    const creds = this.d.accounts.credentialsBySlug(slug);
    if (!creds) {
      return {
        status: 404,
        headers: PAGE_HEADERS,
        body: renderNotFoundPage(slug),
        outcome: 'rejected',
        reason: 'unknown_account',
        detail: `no account uses the callback path /oauth/${slug}/callback`,
      };
    }
    const account = this.d.accounts.get(creds.id);
    const cookies = readCookies(req.headers.cookie);
    const state = query.get('state') ?? '';
    const { result, row } = await this.callback(
      account.id,
      state,
      query.get('code') || null,
      csrfOfCookies(cookies),
    );
    if (row) {
      const landed = this.signIn.finish({
        accountId: account.id,
        appId: account.appId,
        row,
        result,
        origin: browserOrigin(req.headers, this.d.publicUrl(), this.d.listenerUrl()),
        lang: pickLang(req.headers['accept-language']),
        cookies,
      });
      if (landed) return landed;
    }
    const status = statusOf(result);
    return {
      status,
      headers: PAGE_HEADERS,
      body: renderCallbackPage(result, account.name),
      outcome: result.outcome === 'rejected' ? 'rejected' : result.outcome === 'failed' ? 'error' : 'ok',
      reason: logReasonOf(result),
      detail: `${result.outcome}${result.error ? `: ${result.error.kind} ${result.error.message.en}` : ''}${
        result.session ? ` (${result.session.openid})` : ''
      }`,
      accountId: account.id,
      openid: result.session?.openid ?? null,
    };
  }

  private async callback(
    accountId: string,
    state: string,
    code: string | null,
    csrf: string | null,
  ): Promise<{ result: OauthCallbackResultDto; row?: OauthStateRow }> {
    const now = this.now();
    const base = {
      accountId,
      at: now,
      state,
      codeTail: code ? tail(code) : null,
      session: null,
      error: null,
    };
    const reject = (kind: string): { result: OauthCallbackResultDto } => ({
      result: this.emit({ ...base, outcome: 'rejected', error: stateError(kind) }),
    });
    const row = state ? this.repo.state(accountId, state) : undefined;
    if (!row)
      return reject(this.repo.stateElsewhere(state, accountId) ? 'state_other_account' : 'state_unknown');
    // A sign-in the gateway started belongs to the browser that started it (its CSRF cookie).
    if (row.csrfHash && row.csrfHash !== csrf) return reject('csrf_mismatch');

    const codeHash = code ? hashCode(code) : null;
    if (codeHash) {
      const seen = await this.seenCode(accountId, codeHash);
      if (seen) return { result: this.emit(replayOf(seen, base)), row };
    }
    const spent = stateSpent(row, now);
    if (spent) return reject(spent);
    if (!codeHash) {
      this.repo.use(accountId, state, now);
      return { result: this.emit({ ...base, outcome: 'refused', error: stateError('no_code') }), row };
    }
    // Another request met this code in the same instant: it answers, this one replays it.
    if (!this.repo.claimExchange(accountId, codeHash, state, now)) {
      const seen = await this.seenCode(accountId, codeHash);
      return seen?.session ? { result: this.emit(replayOf(seen, base)), row } : reject('state_used');
    }
    if (row.kind === 'random') this.repo.use(accountId, state, now);
    const key = `${accountId}\n${codeHash}`;
    const work = this.exchange(row, code!, base);
    this.inflight.set(key, work);
    try {
      const result = await work;
      this.repo.finishExchange(accountId, codeHash, result.session?.id ?? null, JSON.stringify(result));
      if (result.session && !row.sessionId) this.repo.setStateSession(accountId, state, result.session.id);
      return { result: this.emit(result), row };
    } finally {
      this.inflight.delete(key);
    }
  }

  /** What this code was answered with before, while the replay window lasts (waiting if it runs). */
  private async seenCode(accountId: string, codeHash: string): Promise<OauthCallbackResultDto | null> {
    const pending = this.inflight.get(`${accountId}\n${codeHash}`);
    if (pending) return pending;
    const earlier = this.repo.exchange(accountId, codeHash);
    if (!earlier?.result || this.now() - earlier.at > REPLAY_WINDOW_MS) return null;
    return JSON.parse(earlier.result) as OauthCallbackResultDto;
  }

  private async exchange(
    row: OauthStateRow,
    code: string,
    base: Omit<OauthCallbackResultDto, 'outcome'>,
  ): Promise<OauthCallbackResultDto> {
    const client = this.d.client();
    let token: SnsToken;
    try {
      // §11.6: a third-party platform exchanges the code with its component_access_token.
      token = row.componentId
        ? await this.component().exchange(row.componentId, row.accountId, code)
        : await client.snsAccessToken(row.accountId, code);
    } catch (e) {
      // A code this callback met is replayed above, so a 40163 here means another server used it.
      return { ...base, outcome: 'failed', error: exchangeError(e) };
    }
    let userinfo: SnsUserInfo | null = null;
    let error: OauthErrorDto | null = null;
    // §8.5: only snsapi_userinfo may call /sns/userinfo (snsapi_base answers 48001).
    if (token.scope.split(',').includes('snsapi_userinfo')) {
      try {
        userinfo = await client.snsUserInfo(row.accountId, token.access_token, token.openid);
      } catch (e) {
        error = exchangeError(e);
      }
    }
    return { ...base, outcome: 'ok', session: this.sessions.open(row, token, userinfo), error };
  }

  private component() {
    const c = this.d.component?.();
    if (!c) throw new Error('The third-party platform feature is not running');
    return c;
  }

  private emit(r: OauthCallbackResultDto): OauthCallbackResultDto {
    this.d.events.emit('oauth.completed', r);
    return r;
  }
}

/**
 * Why a state no longer opens a sign-in, or null. A fixed state never ends. A random one opens one
 * flow: its first callback, and (once that signed someone in) the further codes of the replay
 * window, which is how the duplicate callbacks of §8.2 and a QR code scanned by a second phone
 * arrive.
 */
function stateSpent(row: OauthStateRow, now: number): string | null {
  if (row.kind === 'fixed') return null;
  if (row.usedAt === null) return row.expiresAt < now ? 'state_expired' : null;
  return row.sessionId && now - row.usedAt <= REPLAY_WINDOW_MS ? null : 'state_used';
}
