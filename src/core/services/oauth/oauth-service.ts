import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type {
  OauthBuiltUrlDto,
  OauthCallbackResultDto,
  OauthErrorDto,
  OauthInspectDto,
  OauthRedirectProblem,
  OauthScope,
  OauthSessionDto,
  OauthSettingsDto,
  OauthUserInfoDto,
  OauthValidateDto,
} from '../../../shared/api/areas/oauth';
import type { AccountPublicUrls } from '../../../shared/api/areas/tunnel';
import { SANDBOX_API_BASE } from '../../../shared/api/areas/tokens';
import { AppError } from '../../../shared/errors';
import { tail } from '../../api/mask';
import type { Lang, SnsToken, SnsUserInfo } from '../../api/types';
import type { WechatClient } from '../../api/wechat-client';
import { isWechatApiError } from '../../api/wechat-error';
import type { EventBus } from '../../event-bus';
import { newId, randomAlnum, type Runtime } from '../../runtime';
import type { SecretCipher } from '../../secrets/secret-cipher';
import { buildAuthorizeUrl, OAUTH_AUTHORIZE_BASE } from '../../wechat';
import type { AccountsService } from '../accounts-service';
import { renderCallbackPage, renderNotFoundPage } from './oauth-page';
import { exchangeError, pickUserInfo, replayOf, statusOf } from './oauth-results';
import { OauthRepo, type OauthSessionRow, type OauthStateRow } from './oauth-repo';
import { redirectIssues, stateError } from './oauth-texts';
import { checkRedirectUri } from './redirect-check';
import { inspectAuthorizeUrl } from './url-inspect';

/** How long an issued state is accepted. Codes live 5 min (§8.2); the link may wait a while before use. */
export const STATE_TTL_MS = 30 * 60_000;
/** §8.2 double-callback pitfall: the first result is replayed for a repeated callback this long. */
export const REPLAY_WINDOW_MS = 5 * 60_000;
/** §8.4: a refresh token lives 30 days and is not extended. */
const REFRESH_TTL_MS = 30 * 24 * 3_600_000;
const STATE_LENGTH = 24;

export type SnsClient = Pick<WechatClient, 'snsAccessToken' | 'snsRefreshToken' | 'snsUserInfo' | 'snsAuth'>;

export interface OauthServiceDeps {
  db: Database.Database;
  events: EventBus;
  rt: Runtime;
  cipher: SecretCipher;
  accounts: AccountsService;
  client: () => SnsClient;
  /** The local sandbox platform's base URL, when it runs. */
  sandboxUrl: () => string | null;
  /** The callback listener's base URL, when it listens. */
  listenerUrl: () => string | null;
  /** The account's URLs on the public base (tunnel / external URL), when one is online. */
  publicUrls: (accountId: string) => AccountPublicUrls | null;
  /** MP_verify file names MPDesk serves for the account. */
  verifyFiles: (accountId: string) => string[];
}

export interface CallbackAnswer {
  status: number;
  html: string;
}

const hashCode = (code: string) => createHash('sha256').update(code).digest('hex');

/**
 * Web OAuth use cases (docs/wechat-protocol.md §8): the authorize-URL editor, the callback that checks
 * state (CSRF), exchanges the code and stores the session, and the refresh / userinfo / sns/auth
 * calls on stored sessions. Web tokens are sealed at rest and leave only as their last 4 characters.
 */
export class OauthService {
  private readonly repo: OauthRepo;
  /** Callbacks being answered, by account+state: a concurrent repeat waits for the first. */
  private readonly inflight = new Map<string, Promise<OauthCallbackResultDto>>();

  constructor(private readonly d: OauthServiceDeps) {
    this.repo = new OauthRepo(d.db);
  }

  private now(): number {
    return this.d.rt.clock.now();
  }

  // ---- editor ----

  settings(accountId: string): OauthSettingsDto {
    const account = this.d.accounts.get(accountId);
    const pub = this.d.publicUrls(accountId);
    const listener = this.d.listenerUrl();
    const local = listener
      ? `${listener.replace(/\/+$/, '')}/oauth/${encodeURIComponent(account.callbackSlug)}/callback`
      : null;
    return {
      accountId,
      oauthDomain: this.repo.domain(accountId),
      publicRedirectUri: pub?.oauthRedirectUri ?? null,
      localRedirectUri: local,
      defaultRedirectUri: pub?.oauthRedirectUri ?? local,
      publicOauthDomain: pub?.oauthDomain ?? null,
      verifyFiles: this.d.verifyFiles(accountId),
      isSandbox: this.isSandbox(accountId),
    };
  }

  configure(accountId: string, oauthDomain: string | null): OauthSettingsDto {
    this.d.accounts.get(accountId);
    this.repo.setDomain(accountId, oauthDomain, this.now());
    return this.settings(accountId);
  }

  buildUrl(input: {
    accountId: string;
    scope: OauthScope;
    redirectUri?: string;
    state?: string;
    previousState?: string;
  }): OauthBuiltUrlDto {
    const account = this.d.accounts.get(input.accountId);
    const settings = this.settings(input.accountId);
    const redirectUri = input.redirectUri ?? settings.defaultRedirectUri;
    if (!redirectUri) {
      throw new AppError(
        'unavailable',
        'The callback listener is not running yet, so there is no default redirect_uri',
      );
    }
    const now = this.now();
    const state = input.state ?? randomAlnum(this.d.rt.random, STATE_LENGTH);
    const expiresAt = now + STATE_TTL_MS;
    this.repo.transaction(() => {
      this.repo.purgeStates(now, now - REPLAY_WINDOW_MS);
      if (input.previousState && input.previousState !== state)
        this.repo.revoke(account.id, input.previousState);
      this.repo.issue({
        accountId: account.id,
        state,
        scope: input.scope,
        redirectUri,
        issuedAt: now,
        expiresAt,
      });
    });
    const url = buildAuthorizeUrl({ appId: account.appId, redirectUri, scope: input.scope, state });
    const sandbox = settings.isSandbox ? this.d.sandboxUrl() : null;
    const sandboxUrl = sandbox
      ? url.replace(OAUTH_AUTHORIZE_BASE, `${sandbox.replace(/\/+$/, '')}/connect/oauth2/authorize`)
      : null;

    const strip = (s: string | null) => s?.replace(/\/+$/, '') ?? null;
    const ours = [settings.publicRedirectUri, settings.localRedirectUri]
      .map(strip)
      .includes(strip(redirectUri));
    const check = checkRedirectUri(redirectUri, settings.oauthDomain);
    // The sandbox on this machine: one note about the local address says it all.
    if (settings.isSandbox && check.problems.includes('local_host')) {
      check.problems = check.problems.filter((p) => p !== 'ip_host' && p !== 'port' && p !== 'not_https');
    }
    const extra: OauthRedirectProblem[] = [];
    if (!ours) extra.push('not_ours');
    if (
      ours &&
      !settings.isSandbox &&
      settings.verifyFiles.length === 0 &&
      !check.problems.includes('local_host')
    ) {
      extra.push('verify_file');
    }
    return {
      accountId: account.id,
      scope: input.scope,
      redirectUri,
      redirectIsOurs: ours,
      state,
      stateExpiresAt: expiresAt,
      url,
      sandboxUrl,
      oauthDomain: settings.oauthDomain,
      expectedDomain: check.expectedDomain,
      issues: redirectIssues(check, settings.oauthDomain, settings.isSandbox, extra),
    };
  }

  // ---- the callback: GET /oauth/<slug>/callback ----

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
    const now = this.now();
    const id = newId(this.d.rt.random);
    this.repo.insertSession({
      id,
      accountId: row.accountId,
      openid: token.openid,
      unionid: token.unionid ?? userinfo?.unionid ?? null,
      scope: token.scope,
      state: row.state,
      isSnapshotUser: token.is_snapshotuser === 1 ? 1 : 0,
      userinfo: userinfo ? JSON.stringify(pickUserInfo(userinfo)) : null,
      accessToken: this.d.cipher.seal(token.access_token),
      refreshToken: this.d.cipher.seal(token.refresh_token),
      accessTail: tail(token.access_token),
      refreshTail: tail(token.refresh_token),
      expiresAt: now + token.expires_in * 1000,
      refreshExpiresAt: now + REFRESH_TTL_MS,
      createdAt: now,
      updatedAt: now,
    });
    return { ...base, outcome: 'ok', session: this.dto(this.requireRow(id)), error };
  }

  private emit(r: OauthCallbackResultDto): OauthCallbackResultDto {
    this.d.events.emit('oauth.completed', r);
    return r;
  }

  // ---- sessions ----

  sessions(accountId?: string, limit = 100): OauthSessionDto[] {
    return this.repo.sessions(accountId, limit).map((r) => this.dto(r));
  }

  /** §8.4: a new web access_token from the refresh token; the refresh token's 30 days do not restart. */
  async refresh(sessionId: string): Promise<OauthSessionDto> {
    const row = this.requireRow(sessionId);
    const t = await this.d.client().snsRefreshToken(row.accountId, this.d.cipher.open(row.refreshToken));
    const now = this.now();
    this.repo.refreshed(
      sessionId,
      {
        accessToken: this.d.cipher.seal(t.access_token),
        accessTail: tail(t.access_token),
        refreshToken: this.d.cipher.seal(t.refresh_token),
        refreshTail: tail(t.refresh_token),
        expiresAt: now + t.expires_in * 1000,
        scope: t.scope || row.scope,
      },
      now,
    );
    return this.changed(sessionId);
  }

  async userinfo(sessionId: string, lang?: Lang): Promise<OauthSessionDto> {
    const row = this.requireRow(sessionId);
    const u = await this.d
      .client()
      .snsUserInfo(row.accountId, this.d.cipher.open(row.accessToken), row.openid, lang);
    this.repo.setUserinfo(sessionId, JSON.stringify(pickUserInfo(u)), u.unionid ?? null, this.now());
    return this.changed(sessionId);
  }

  /** §8.6 /sns/auth. An errcode is an answer ("not valid, because…"), not a failure of the call. */
  async validate(sessionId: string): Promise<OauthValidateDto> {
    const row = this.requireRow(sessionId);
    let errcode: number | null = null;
    let errmsg = 'ok';
    let explanation: OauthValidateDto['explanation'] = null;
    try {
      await this.d.client().snsAuth(row.accountId, this.d.cipher.open(row.accessToken), row.openid);
    } catch (e) {
      if (!isWechatApiError(e)) throw e;
      errcode = e.errcode;
      errmsg = e.errmsg;
      explanation = {
        zh: `${e.explanation.zh}。${e.explanation.hintZh}`,
        en: `${e.explanation.en}. ${e.explanation.hintEn}`,
      };
    }
    const checkedAt = this.now();
    this.repo.setCheck(
      sessionId,
      JSON.stringify({ at: checkedAt, valid: errcode === null, errcode }),
      checkedAt,
    );
    this.changed(sessionId);
    return { sessionId, valid: errcode === null, errcode, errmsg, explanation, checkedAt };
  }

  inspectUrl(url: string, accountId?: string): OauthInspectDto {
    return inspectAuthorizeUrl(url, accountId ? this.d.accounts.get(accountId).appId : undefined);
  }

  deleteSession(sessionId: string): { sessionId: string } {
    const row = this.requireRow(sessionId);
    this.repo.deleteSession(sessionId);
    this.d.events.emit('oauth.sessionChanged', { sessionId, accountId: row.accountId, session: null });
    return { sessionId };
  }

  private changed(sessionId: string): OauthSessionDto {
    const dto = this.dto(this.requireRow(sessionId));
    this.d.events.emit('oauth.sessionChanged', { sessionId, accountId: dto.accountId, session: dto });
    return dto;
  }

  private requireRow(id: string): OauthSessionRow {
    const row = this.repo.session(id);
    if (!row) throw new AppError('not_found', `No OAuth session with id "${id}"`);
    return row;
  }

  private dto(r: OauthSessionRow): OauthSessionDto {
    const userinfo = r.userinfo ? (JSON.parse(r.userinfo) as OauthUserInfoDto) : null;
    return {
      id: r.id,
      accountId: r.accountId,
      openid: r.openid,
      unionid: r.unionid,
      scope: r.scope,
      state: r.state,
      isSnapshotUser: r.isSnapshotUser === 1,
      nickname: userinfo?.nickname ?? null,
      headimgurl: userinfo?.headimgurl || null,
      userinfo,
      accessTokenTail: r.accessTail,
      refreshTokenTail: r.refreshTail,
      expiresAt: r.expiresAt,
      refreshExpiresAt: r.refreshExpiresAt,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      refreshedAt: r.refreshedAt,
      lastCheck: r.lastCheck ? (JSON.parse(r.lastCheck) as OauthSessionDto['lastCheck']) : null,
    };
  }

  private isSandbox(accountId: string): boolean {
    return this.d.accounts.get(accountId).apiBase === SANDBOX_API_BASE;
  }
}
