import { createHash } from 'node:crypto';
import type { OauthCallbackResultDto, OauthErrorDto } from '../../../shared/api/areas/oauth';
import { tail } from '../../api/mask';
import type { SnsToken, SnsUserInfo } from '../../api/types';
import { isWechatApiError } from '../../api/wechat-error';
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
  /** For the callback log: what happened, in a line (no code, no token). */
  detail?: string;
  accountId?: string;
}

const hashCode = (code: string) => createHash('sha256').update(code).digest('hex');

/**
 * `GET /oauth/<slug>/callback` (docs/wechat-protocol.md §8.2-§8.3): checks the state (CSRF) the
 * editor issued, exchanges the code for a web token once (a repeated callback is answered with the
 * first result) and opens the session.
 */
export class OauthCallback implements OauthCallbackHandler {
  /** Callbacks being answered, by account+state: a concurrent repeat waits for the first. */
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
    if (!creds)
      return { status: 404, html: renderNotFoundPage(slug), detail: `no account uses /oauth/${slug}` };
    const account = this.d.accounts.get(creds.id);
    const result = await this.callback(account.id, query.get('state') ?? '', query.get('code') || null);
    return {
      status: statusOf(result),
      html: renderCallbackPage(result, account.name),
      detail: callbackDetail(result),
      accountId: account.id,
    };
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
    const codeHash = code ? hashCode(code) : null;
    const key = `${accountId}\n${state}`;
    const row = state ? this.repo.state(accountId, state) : undefined;
    const reject = (kind: string): OauthCallbackResultDto =>
      this.emit({ ...base, outcome: 'rejected', error: stateError(kind) });

    if (!row) return reject('state_unknown');
    if (row.usedAt !== null) {
      const pending = this.inflight.get(key);
      if (pending) {
        const first = await pending;
        return first.session ? this.emit(replayOf(first, base)) : reject('state_used');
      }
      const first = this.firstResult(row, now);
      return first ? this.emit(replayOf(first, base)) : reject('state_used');
    }
    if (row.expiresAt < now) return reject('state_expired');
    if (!this.repo.use(accountId, state, codeHash, now)) return reject('state_used');

    const work = this.exchange(row, code, codeHash, base);
    this.inflight.set(key, work);
    try {
      const result = await work;
      this.repo.finish(accountId, state, result.session?.id ?? null, JSON.stringify(result));
      return this.emit(result);
    } finally {
      this.inflight.delete(key);
    }
  }

  /** The first successful answer for a used state, while the replay window lasts. */
  private firstResult(row: OauthStateRow, now: number): OauthCallbackResultDto | null {
    if (!row.result || row.usedAt === null || now - row.usedAt > REPLAY_WINDOW_MS) return null;
    const first = JSON.parse(row.result) as OauthCallbackResultDto;
    return first.session ? first : null;
  }

  private async exchange(
    row: OauthStateRow,
    code: string | null,
    codeHash: string | null,
    base: Omit<OauthCallbackResultDto, 'outcome'>,
  ): Promise<OauthCallbackResultDto> {
    if (!code || !codeHash) return { ...base, outcome: 'refused', error: stateError('no_code') };
    const client = this.d.client();
    let token: SnsToken;
    try {
      token = await client.snsAccessToken(row.accountId, code);
    } catch (e) {
      // §8.2: 40163 usually means the callback ran twice: show the result of the first exchange.
      if (isWechatApiError(e, 40163)) {
        const earlier = this.repo.byCode(row.accountId, codeHash, this.now() - REPLAY_WINDOW_MS);
        const first = earlier ? this.firstResult(earlier, this.now()) : null;
        if (first) return replayOf(first, base);
      }
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

/** The callback's outcome in a line for the callback log: the code only by its tail (api/mask.ts). */
function callbackDetail(r: OauthCallbackResultDto): string {
  const code = r.codeTail ? `code ${r.codeTail}` : 'no code';
  const err = r.error
    ? `: ${r.error.kind}${r.error.errcode !== null ? ` (errcode ${r.error.errcode})` : ''}`
    : '';
  return `OAuth callback ${r.outcome}, ${code}${err}`;
}
