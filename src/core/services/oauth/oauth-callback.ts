import { createHash } from 'node:crypto';
import type { OauthCallbackResultDto, OauthErrorDto } from '../../../shared/api/areas/oauth';
import { tail } from '../../api/mask';
import type { SnsToken, SnsUserInfo } from '../../api/types';
import type { OauthCallbackHandler } from '../../server/oauth-callback-route';
import { REPLAY_WINDOW_MS, type OauthDeps } from './oauth-deps';
import { renderCallbackPage, renderNotFoundPage } from './oauth-page';
import type { OauthRepo, OauthStateRow } from './oauth-repo';
import { exchangeError, replayOf, statusOf } from './oauth-results';
import type { OauthSessions } from './oauth-sessions';
import { stateError } from './oauth-texts';

export interface CallbackAnswer {
  status: number;
  html: string;
}

const hashCode = (code: string) => createHash('sha256').update(code).digest('hex');

/**
 * `GET /oauth/<slug>/callback` (docs/wechat-protocol.md §8.2-§8.3): checks the state (CSRF) the
 * editor issued and exchanges the code for a web token once. The replay guard keys on the code: the
 * same code again (the double-callback pitfall) is answered with its first result, while a new code
 * is exchanged, whoever's it is; a state says where the fan goes, the code says who the fan is.
 */
export class OauthCallback implements OauthCallbackHandler {
  /** Exchanges running, by account+code: a concurrent repeat of the same code waits for the first. */
  private readonly inflight = new Map<string, Promise<OauthCallbackResultDto>>();

  constructor(
    private readonly d: OauthDeps,
    private readonly repo: OauthRepo,
    private readonly sessions: OauthSessions,
  ) {}

  private now(): number {
    return this.d.rt.clock.now();
  }

  async handleCallback(slug: string, query: URLSearchParams): Promise<CallbackAnswer> {
    const creds = this.d.accounts.credentialsBySlug(slug);
    if (!creds) return { status: 404, html: renderNotFoundPage(slug) };
    const account = this.d.accounts.get(creds.id);
    const result = await this.callback(account.id, query.get('state') ?? '', query.get('code') || null);
    return { status: statusOf(result), html: renderCallbackPage(result, account.name) };
  }

  private async callback(
    accountId: string,
    state: string,
    code: string | null,
  ): Promise<OauthCallbackResultDto> {
    const now = this.now();
    const base = {
      accountId,
      at: now,
      state,
      codeTail: code ? tail(code) : null,
      session: null,
      error: null,
    };
    const reject = (kind: string): OauthCallbackResultDto =>
      this.emit({ ...base, outcome: 'rejected', error: stateError(kind) });
    const row = state ? this.repo.state(accountId, state) : undefined;
    if (!row)
      return reject(this.repo.stateElsewhere(state, accountId) ? 'state_other_account' : 'state_unknown');

    const codeHash = code ? hashCode(code) : null;
    if (codeHash) {
      const seen = await this.seenCode(accountId, codeHash);
      if (seen) return this.emit(replayOf(seen, base));
    }
    const spent = stateSpent(row, now);
    if (spent) return reject(spent);
    if (!codeHash) {
      this.repo.use(accountId, state, null, now);
      return this.emit({ ...base, outcome: 'refused', error: stateError('no_code') });
    }
    // Another request met this code in the same instant: it answers, this one replays it.
    if (!this.repo.claimExchange(accountId, codeHash, state, now)) {
      const seen = await this.seenCode(accountId, codeHash);
      return seen?.session ? this.emit(replayOf(seen, base)) : reject('state_used');
    }
    this.repo.use(accountId, state, codeHash, now);
    const key = `${accountId}\n${codeHash}`;
    const work = this.exchange(row, code!, base);
    this.inflight.set(key, work);
    try {
      const result = await work;
      this.repo.finishExchange(accountId, codeHash, result.session?.id ?? null, JSON.stringify(result));
      if (result.session && !row.sessionId) this.repo.setStateSession(accountId, state, result.session.id);
      return this.emit(result);
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
      token = await client.snsAccessToken(row.accountId, code);
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

  private emit(r: OauthCallbackResultDto): OauthCallbackResultDto {
    this.d.events.emit('oauth.completed', r);
    return r;
  }
}

/**
 * Why a state no longer opens a sign-in, or null. A state opens one flow: its first callback, and
 * (once that signed someone in) the further codes of the replay window, which is how the duplicate
 * callbacks of §8.2 and a QR code scanned by a second phone arrive.
 */
function stateSpent(row: OauthStateRow, now: number): string | null {
  if (row.usedAt === null) return row.expiresAt < now ? 'state_expired' : null;
  return row.sessionId && now - row.usedAt <= REPLAY_WINDOW_MS ? null : 'state_used';
}
