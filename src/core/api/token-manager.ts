import type { TokenSource, TokenStatusDto } from '../../shared/api/areas/tokens';
import { AppError, isAppError } from '../../shared/errors';
import { TOKEN_INVALID_CODES } from './errcodes';
import { callJson } from './json-call';
import { tail } from './mask';
import type { StoredToken, TokenError, TokenRepo } from './token-repo';
import type { WechatTransport } from './transport';
import { isWechatApiError } from './wechat-error';

/** What the token manager needs to know about an account to get its token. */
export interface TokenTarget {
  accountId: string;
  appId: string;
  appSecret?: string;
  source: TokenSource;
  borrowUrl?: string | null;
  hosts: string[];
}

export interface TokenManagerDeps {
  transport: WechatTransport;
  repo: TokenRepo;
  now: () => number;
  target: (accountId: string) => TokenTarget;
  onChange?: (status: TokenStatusDto) => void;
  busyDelaysMs?: readonly number[];
}

/** Refresh this long before expiry. Under 5 min on purpose: stable_token only renews in its last ~5 min (§5.2). */
const REFRESH_AHEAD_MS = 240_000;
/** Never refetch proactively more often than this (guards against a source that keeps returning a near-expiry token). */
const MIN_REFETCH_MS = 30_000;

export const TOKEN_SOURCE_WARNING =
  'cgi-bin/token invalidates the previous token on every fetch (docs/wechat-protocol.md §5.1): if a production server uses this account, MPDesk will break its token (random 40001). Prefer stable_token, or borrow the token from your server.';

/**
 * The one owner of each account's access_token (§5.1 中控, §14.8): persisted with its expiry and reused
 * across restarts, refreshed ahead of expiry, single-flight under concurrency, and invalidated only
 * if the token that failed is still the current one (§6.2).
 */
export class TokenManager {
  private readonly cache = new Map<string, StoredToken>();
  private readonly loaded = new Set<string>();
  private readonly inflight = new Map<string, Promise<StoredToken>>();
  private readonly lastErrors = new Map<string, TokenError>();
  /** Token requests made (for tests and the bench). */
  fetches = 0;

  constructor(private readonly deps: TokenManagerDeps) {}

  async get(accountId: string): Promise<string> {
    const target = this.deps.target(accountId);
    const cur = this.current(target);
    const now = this.deps.now();
    if (cur && now < cur.expiresAt) {
      const ahead = Math.min(REFRESH_AHEAD_MS, (cur.expiresAt - cur.fetchedAt) / 2);
      if (now < cur.expiresAt - ahead || now - cur.fetchedAt < MIN_REFETCH_MS) return cur.token;
      // Ahead of expiry: try to renew, but the still-valid token serves if the source is down.
      try {
        return (await this.fetch(target)).token;
      } catch {
        return cur.token;
      }
    }
    return (await this.fetch(target)).token;
  }

  /**
   * Runs `fn` with the account's token. On 40001/40014/42001 it invalidates the token (only if it is
   * still the one that failed), gets a fresh one and retries once; never a second time (§6.2).
   * Every other errcode (40164, 40125, 45009, 48001...) surfaces at once.
   */
  async withToken<T>(accountId: string, fn: (token: string) => Promise<T>): Promise<T> {
    const token = await this.get(accountId);
    try {
      return await fn(token);
    } catch (e) {
      // 40164 is about where we call from: worth showing in the token status too (never retried).
      if (isWechatApiError(e, 40164)) this.noteError(this.deps.target(accountId), e);
      if (!isWechatApiError(e) || !TOKEN_INVALID_CODES.has(e.errcode)) throw e;
      this.invalidate(accountId, token);
      this.noteError(this.deps.target(accountId), e);
      const fresh = await this.get(accountId);
      return await fn(fresh);
    }
  }

  /** Drops the cached token if it is still `failed`; true when it did. */
  invalidate(accountId: string, failed: string): boolean {
    const cur = this.cache.get(accountId);
    if (!cur || cur.token !== failed) return false;
    this.cache.delete(accountId);
    this.safely(() => this.deps.repo.clear(accountId));
    return true;
  }

  /** Forgets the cached token and fetches a new one (the "refresh" button). */
  async refresh(accountId: string): Promise<TokenStatusDto> {
    const cur = this.cache.get(accountId);
    if (cur) this.invalidate(accountId, cur.token);
    this.loaded.add(accountId);
    await this.fetch(this.deps.target(accountId));
    return this.status(accountId);
  }

  status(accountId: string): TokenStatusDto {
    const target = this.deps.target(accountId);
    const cur = this.current(target);
    const valid = cur && cur.expiresAt > this.deps.now() ? cur : undefined;
    const lastError = this.lastErrors.get(accountId) ?? this.deps.repo.load(accountId).lastError;
    const dto: TokenStatusDto = { accountId, source: target.source, hasToken: !!valid };
    if (valid)
      Object.assign(dto, {
        tokenTail: tail(valid.token),
        expiresAt: valid.expiresAt,
        fetchedAt: valid.fetchedAt,
      });
    if (lastError) dto.lastError = lastError;
    if (target.source === 'token') dto.warning = TOKEN_SOURCE_WARNING;
    return dto;
  }

  /** The cached token for this target, loaded from SQLite once; dropped if the source or AppID changed. */
  private current(target: TokenTarget): StoredToken | undefined {
    const id = target.accountId;
    if (!this.loaded.has(id)) {
      this.loaded.add(id);
      const stored = this.deps.repo.load(id);
      if (stored.token) this.cache.set(id, stored.token);
      if (stored.lastError) this.lastErrors.set(id, stored.lastError);
    }
    const cur = this.cache.get(id);
    if (cur && (cur.source !== target.source || cur.appId !== target.appId)) {
      this.cache.delete(id);
      return undefined;
    }
    return cur;
  }

  private fetch(target: TokenTarget): Promise<StoredToken> {
    let p = this.inflight.get(target.accountId);
    if (!p) {
      p = this.doFetch(target).finally(() => this.inflight.delete(target.accountId));
      this.inflight.set(target.accountId, p);
    }
    return p;
  }

  private async doFetch(target: TokenTarget): Promise<StoredToken> {
    this.fetches++;
    const fetchedAt = this.deps.now();
    try {
      const res = await this.request(target);
      if (typeof res.access_token !== 'string' || !res.access_token || typeof res.expires_in !== 'number') {
        throw new AppError(
          'unavailable',
          `The ${target.source} source answered without access_token/expires_in`,
        );
      }
      // §5.1: always use the returned lifetime.
      const t: StoredToken = {
        token: res.access_token,
        source: target.source,
        appId: target.appId,
        expiresAt: fetchedAt + res.expires_in * 1000,
        fetchedAt,
      };
      this.cache.set(target.accountId, t);
      this.safely(() => this.deps.repo.save(target.accountId, t));
      this.deps.onChange?.(this.status(target.accountId));
      return t;
    } catch (e) {
      this.noteError(target, e);
      throw e;
    }
  }

  private request(target: TokenTarget): Promise<{ access_token?: unknown; expires_in?: unknown }> {
    const base = { accountId: target.accountId, hosts: target.hosts, origin: 'token' as const };
    const busy = this.deps.busyDelaysMs;
    if (target.source === 'borrow') {
      if (!target.borrowUrl)
        throw new AppError('invalid_input', 'Token source "borrow" needs the URL of your server');
      const u = new URL(target.borrowUrl);
      return callJson(
        this.deps.transport,
        {
          ...base,
          hosts: [u.origin],
          method: 'GET',
          path: u.pathname,
          query: Object.fromEntries(u.searchParams),
        },
        busy,
      );
    }
    if (!target.appSecret)
      throw new AppError('invalid_input', 'This account has no AppSecret; set it to fetch tokens');
    if (target.source === 'token') {
      return callJson(
        this.deps.transport,
        {
          ...base,
          method: 'GET',
          path: '/cgi-bin/token',
          query: { grant_type: 'client_credential', appid: target.appId, secret: target.appSecret },
        },
        busy,
      );
    }
    // §5.2: never force_refresh, so other consumers' tokens stay valid.
    return callJson(
      this.deps.transport,
      {
        ...base,
        method: 'POST',
        path: '/cgi-bin/stable_token',
        body: {
          grant_type: 'client_credential',
          appid: target.appId,
          secret: target.appSecret,
          force_refresh: false,
        },
      },
      busy,
    );
  }

  private noteError(target: TokenTarget, e: unknown): void {
    const err: TokenError = {
      code: isAppError(e) ? e.code : 'internal',
      message: e instanceof Error ? e.message : String(e),
      errcode: isWechatApiError(e) ? e.errcode : undefined,
      at: this.deps.now(),
    };
    if (isAppError(e) && e.details) err.details = e.details;
    this.lastErrors.set(target.accountId, err);
    this.safely(() => this.deps.repo.recordError(target.accountId, target.source, target.appId, err));
    this.deps.onChange?.(this.status(target.accountId));
  }

  /** Persistence is best effort: a token in memory still serves if SQLite refuses (e.g. account deleted meanwhile). */
  private safely(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      console.error('[tokens] could not persist token state', e);
    }
  }
}
