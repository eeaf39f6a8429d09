import type {
  ComponentAuthUrlDto,
  ComponentAuthUrlInput,
  ComponentPlatformDto,
} from '../../../shared/api/areas/component';
import { SANDBOX_API_BASE } from '../../../shared/api/areas/tokens';
import { AppError } from '../../../shared/errors';
import type { ComponentClient } from '../../api/component-client';
import { callJson } from '../../api/json-call';
import type { CustomMessageBody, ErrResult } from '../../api/types';
import { buildComponentAuthUrl } from './auth-url';
import type { ComponentPlatforms } from './component-platforms';
import { authName } from './component-secrets';
import { errorJson, REFRESH_AHEAD_MS, SingleFlight, type ComponentTokens } from './component-tokens';

const SWEEP_EVERY_MS = 5 * 60_000;

/**
 * The accounts that authorize a platform (§11.3-§11.5): the authorization page's link
 * (pre_auth_code), the authorization pushes and the code exchange (api_query_auth), the
 * authorizers' tokens (persisted refresh tokens, renewed ahead of expiry by a sweep), and
 * customer-service sends on an authorizer's behalf.
 */
export class ComponentAuthorizers {
  private readonly flights = new SingleFlight();
  private sweeper?: NodeJS.Timeout;

  constructor(
    private readonly p: ComponentPlatforms,
    private readonly tokens: ComponentTokens,
  ) {}

  async buildAuthUrl(input: ComponentAuthUrlInput): Promise<ComponentAuthUrlDto> {
    const r = this.p.row(input.id);
    const res = await this.tokens.withComponentToken(r, (token) =>
      this.client().preAuthCode(this.p.target(r), token),
    );
    const own = this.p.get(r.id).urls;
    const redirectUri = input.redirectUri ?? (own.public ?? own.local)?.authorized;
    if (!redirectUri) throw new AppError('unavailable', 'The callback listener is not running');
    const parts = {
      componentAppid: r.componentAppId,
      preAuthCode: res.pre_auth_code,
      redirectUri,
      authType: input.authType ?? 3,
      bizAppid: input.bizAppid,
    };
    const sandbox = r.apiBase === SANDBOX_API_BASE ? this.p.d.sandboxUrl() : null;
    return {
      url: buildComponentAuthUrl(input.kind, parts),
      redirectUri,
      preAuthCodeExpiresAt: this.p.now() + res.expires_in * 1000,
      sandboxUrl: sandbox ? buildComponentAuthUrl('pc', parts, sandbox) : null,
    };
  }

  /** §11.3 authorized / updateauthorized: record it; the code exchange follows (exchangeCode). */
  recordAuthorization(id: string, appid: string, infoType: string, codeExpiresAt: number | null): void {
    this.p.repo.putAuthorizer(id, appid, infoType, codeExpiresAt, this.p.now());
    this.p.changed(id);
  }

  /** §11.3 unauthorized: the account withdrew; its tokens are gone with it. */
  removeAuthorizer(id: string, appid: string): void {
    this.p.d.db.transaction(() => {
      this.p.repo.deleteAuthorizer(id, appid);
      this.p.d.secrets.deletePrefix(`component:${id}:authorizer:${appid}:`);
    })();
    this.p.changed(id);
  }

  /**
   * §11.4 api_query_auth: an authorization code (push, auth_code redirect or the §11.7 test) for the
   * authorizer's tokens; the refresh token is persisted (losing it means re-authorization).
   */
  async exchangeCode(
    id: string,
    code: string,
    event = 'api',
  ): Promise<{ appid: string; accessToken: string }> {
    const r = this.p.row(id);
    const res = await this.tokens.withComponentToken(r, (token) =>
      this.client().queryAuth(this.p.target(r), token, code),
    );
    const info = res.authorization_info;
    const now = this.p.now();
    const funcInfo = (info.func_info ?? [])
      .map((f) => f.funcscope_category?.id)
      .filter((n) => typeof n === 'number');
    this.p.d.db.transaction(() => {
      this.p.repo.putAuthorizer(id, info.authorizer_appid, event, null, now);
      this.p.d.secrets.set(authName(id, info.authorizer_appid, 'access'), info.authorizer_access_token);
      this.p.d.secrets.set(authName(id, info.authorizer_appid, 'refresh'), info.authorizer_refresh_token);
      this.p.repo.setAuthorizerToken(id, info.authorizer_appid, now, now + info.expires_in * 1000, funcInfo);
    })();
    this.p.changed(id);
    return { appid: info.authorizer_appid, accessToken: info.authorizer_access_token };
  }

  /** Marks a failed exchange on the authorizer row (the push itself was answered already). */
  noteAuthorizerError(id: string, appid: string, e: unknown): void {
    if (!this.p.repo.authorizer(id, appid)) return;
    this.p.repo.setAuthorizerError(id, appid, errorJson(e, this.p.now()), this.p.now());
    this.p.changed(id);
  }

  /** The authorizer's access token, renewed with its refresh token ahead of expiry. */
  async authorizerToken(id: string, appid: string, force = false): Promise<string> {
    const a = this.p.repo.authorizer(id, appid);
    if (!a) throw new AppError('not_found', `${appid} has not authorized this platform`);
    const cached = this.p.d.secrets.get(authName(id, appid, 'access'));
    if (!force && cached && a.tokenExpiresAt && a.tokenExpiresAt - this.p.now() > REFRESH_AHEAD_MS)
      return cached;
    return this.flights.run(`a:${id}:${appid}`, async () => {
      const r = this.p.row(id);
      const refresh = this.p.d.secrets.get(authName(id, appid, 'refresh'));
      try {
        if (!refresh)
          throw new AppError('unavailable', `No authorizer_refresh_token for ${appid}: authorize again`);
        const res = await this.tokens.withComponentToken(r, (token) =>
          this.client().authorizerToken(this.p.target(r), token, appid, refresh),
        );
        const now = this.p.now();
        this.p.d.db.transaction(() => {
          this.p.d.secrets.set(authName(id, appid, 'access'), res.authorizer_access_token);
          if (res.authorizer_refresh_token)
            this.p.d.secrets.set(authName(id, appid, 'refresh'), res.authorizer_refresh_token);
          this.p.repo.setAuthorizerToken(id, appid, now, now + res.expires_in * 1000, null);
        })();
        this.p.changed(id);
        return res.authorizer_access_token;
      } catch (e) {
        this.noteAuthorizerError(id, appid, e);
        throw e;
      }
    });
  }

  async refreshAuthorizer(id: string, appid: string): Promise<ComponentPlatformDto> {
    await this.authorizerToken(id, appid, true);
    return this.p.get(id);
  }

  /** Renews every authorizer token that is within REFRESH_AHEAD_MS of expiry. */
  async sweep(): Promise<void> {
    const now = this.p.now();
    for (const a of this.p.repo.allAuthorizers()) {
      if (!a.tokenExpiresAt || a.tokenExpiresAt - now > REFRESH_AHEAD_MS) continue;
      if (!this.p.d.secrets.has(authName(a.platformId, a.appid, 'refresh'))) continue;
      await this.authorizerToken(a.platformId, a.appid).catch(() => undefined);
    }
  }

  start(): void {
    this.sweeper = setInterval(() => void this.sweep(), SWEEP_EVERY_MS);
    this.sweeper.unref();
  }

  stop(): void {
    clearInterval(this.sweeper);
  }

  /** §10.1 customer-service send on behalf of an authorizer, with the given authorizer token. */
  customSendAs(id: string, accessToken: string, body: CustomMessageBody): Promise<ErrResult> {
    const r = this.p.row(id);
    return callJson<ErrResult>(this.p.d.transport(), {
      accountId: null,
      hosts: this.p.target(r).hosts,
      method: 'POST',
      path: '/cgi-bin/message/custom/send',
      query: { access_token: accessToken },
      body,
      origin: 'client',
    });
  }

  private client(): ComponentClient {
    return this.p.d.client();
  }
}
