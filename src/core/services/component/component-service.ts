import type Database from 'better-sqlite3';
import type {
  ComponentAuthUrlDto,
  ComponentAuthUrlInput,
  ComponentConfigureInput,
  ComponentPlatformDto,
} from '../../../shared/api/areas/component';
import { redirectsSecret, SANDBOX_API_BASE } from '../../../shared/api/areas/tokens';
import { AppError } from '../../../shared/errors';
import type { ComponentClient, ComponentTarget } from '../../api/component-client';
import { apiHostsFor } from '../../api/hosts';
import { DEFAULT_API_SETTINGS, secretForRedirectError } from '../../api/account-api-repo';
import { callJson } from '../../api/json-call';
import type { WechatTransport } from '../../api/transport';
import type { CustomMessageBody, ErrResult } from '../../api/types';
import { isWechatApiError } from '../../api/wechat-error';
import type { EventBus } from '../../event-bus';
import { newId, type Runtime } from '../../runtime';
import type { SecretStore } from '../../secrets/secret-store';
import { storageError } from '../../store/open-database';
import { buildComponentAuthUrl } from './auth-url';
import { platformDto } from './component-dto';
import { ComponentRepo, type PlatformRow } from './component-repo';
import { authName, sandboxSecretOf, secName } from './component-secrets';
export { TICKET_TTL_MS } from './component-secrets';

/** Tokens are renewed this long before WeChat's expiry (§14.8: proactive refresh). */
export const REFRESH_AHEAD_MS = 10 * 60_000;
const SWEEP_EVERY_MS = 5 * 60_000;

export const NO_TICKET_MESSAGE =
  "No component_verify_ticket has arrived yet. WeChat pushes the ticket every 10 minutes after you set the 授权事件接收URL to this platform's events URL (docs/wechat-protocol.md §11.2).";

/** The platform's protocol secrets, for the callback routes only (never for the contract). */
export interface PlatformKeys {
  id: string;
  componentAppId: string;
  token: string;
  aesKey: string;
}

export interface ComponentServiceDeps {
  db: Database.Database;
  events: EventBus;
  rt: Runtime;
  secrets: SecretStore;
  client: () => ComponentClient;
  /** For calls made with an authorizer token (§11.4: it replaces the account's access_token). */
  transport: () => WechatTransport;
  sandboxUrl: () => string | null;
  /** Registers the platform on the built-in sandbox (sandbox platforms only). */
  sandboxRegister?: (componentAppId: string, secret: string) => void;
  listenerUrl: () => string | null;
  publicUrl: () => string | null;
}

const apiOf = (apiBase: string | null) => ({ ...DEFAULT_API_SETTINGS, apiBase });

function errorJson(e: unknown, at: number): string {
  return JSON.stringify({
    message: (e as Error)?.message ?? String(e),
    errcode: isWechatApiError(e) ? e.errcode : null,
    at,
  });
}

/**
 * Third-party platforms (docs/wechat-protocol.md §11): configuration, the verify ticket, the
 * component_access_token (cached, single-flight, renewed ahead of expiry), pre_auth_code and the
 * authorization page, and the authorizers with their tokens (persisted refresh tokens, §11.4).
 */
export class ComponentService {
  readonly repo: ComponentRepo;
  private readonly flights = new Map<string, Promise<string>>();
  private sweeper?: NodeJS.Timeout;

  constructor(private readonly d: ComponentServiceDeps) {
    this.repo = new ComponentRepo(d.db);
  }

  private now(): number {
    return this.d.rt.clock.now();
  }

  // ---- configuration ----

  list(): ComponentPlatformDto[] {
    return this.repo.list().map((r) => this.dto(r));
  }

  get(id: string): ComponentPlatformDto {
    return this.dto(this.row(id));
  }

  row(id: string): PlatformRow {
    const r = this.repo.get(id);
    if (!r) throw new AppError('not_found', `No third-party platform "${id}"`);
    return r;
  }

  configure(input: ComponentConfigureInput): ComponentPlatformDto {
    const now = this.now();
    const existing = input.id ? this.row(input.id) : undefined;
    const other = this.repo.byAppid(input.componentAppId);
    if (other && other.id !== existing?.id) {
      throw new AppError('conflict', `Platform ${input.componentAppId} is already configured`, {
        issues: [{ path: 'componentAppId', key: 'validation.invalid', message: 'Already configured' }],
      });
    }
    if (!existing) {
      const missing = (['appSecret', 'token', 'encodingAESKey'] as const).filter((k) => !input[k]);
      if (missing.length) {
        throw new AppError('invalid_input', `A new platform needs ${missing.join(', ')}`, {
          issues: missing.map((k) => ({
            path: k,
            key: 'validation.required',
            message: 'This field is required',
          })),
        });
      }
    }
    const id = existing?.id ?? newId(this.d.rt.random);
    const apiBase = input.apiBase ?? existing?.apiBase ?? null;
    // A stored secret goes to a new host only with the secret given again (issue 18).
    if (existing && !input.appSecret && redirectsSecret(apiOf(existing.apiBase), { apiBase }))
      throw secretForRedirectError();
    try {
      this.d.db.transaction(() => {
        const row = { name: input.name, componentAppId: input.componentAppId, apiBase, now };
        if (existing) this.repo.update(id, row);
        else this.repo.insert({ id, ...row });
        if (input.appSecret) this.d.secrets.set(secName(id, 'appSecret'), input.appSecret);
        if (input.token) this.d.secrets.set(secName(id, 'token'), input.token);
        if (input.encodingAESKey) this.d.secrets.set(secName(id, 'aesKey'), input.encodingAESKey);
        // Another appid or secret: the old token is worthless.
        if (existing && (existing.componentAppId !== input.componentAppId || input.appSecret)) {
          this.d.secrets.delete(secName(id, 'componentToken'));
          this.repo.setToken(id, null, null, null);
        }
      })();
    } catch (e) {
      throw storageError(e, 'save the platform');
    }
    if (apiBase === SANDBOX_API_BASE) this.d.sandboxRegister?.(input.componentAppId, this.sandboxSecret(id));
    return this.changed(id)!;
  }

  /** The secret the built-in sandbox knows a sandbox platform by (component-secrets.ts). */
  sandboxSecret(id: string): string {
    return sandboxSecretOf(this.d.secrets, this.d.rt.random, id);
  }

  delete(id: string): { id: string } {
    this.row(id);
    this.d.db.transaction(() => {
      this.repo.delete(id);
      this.d.secrets.deletePrefix(`component:${id}:`);
    })();
    this.d.events.emit('component.changed', { id, platform: null });
    return { id };
  }

  /** The protocol secrets of a platform for the callback routes; undefined when unknown. */
  keys(id: string): PlatformKeys | undefined {
    const r = this.repo.get(id);
    if (!r) return undefined;
    return {
      id,
      componentAppId: r.componentAppId,
      token: this.d.secrets.get(secName(id, 'token')) ?? '',
      aesKey: this.d.secrets.get(secName(id, 'aesKey')) ?? '',
    };
  }

  // ---- pushes (§11.2, §11.3) ----

  /** §11.2: keeps the latest ticket (sealed) and when it came. */
  storeTicket(id: string, ticket: string, createTime: number | null): void {
    const now = this.now();
    this.d.db.transaction(() => {
      this.d.secrets.set(secName(id, 'ticket'), ticket);
      this.repo.setTicket(id, now, createTime);
    })();
    this.changed(id);
  }

  /** §11.3 authorized / updateauthorized: record it; the code exchange follows (exchangeCode). */
  recordAuthorization(id: string, appid: string, infoType: string, codeExpiresAt: number | null): void {
    this.repo.putAuthorizer(id, appid, infoType, codeExpiresAt, this.now());
    this.changed(id);
  }

  /** §11.3 unauthorized: the account withdrew; its tokens are gone with it. */
  removeAuthorizer(id: string, appid: string): void {
    this.d.db.transaction(() => {
      this.repo.deleteAuthorizer(id, appid);
      this.d.secrets.deletePrefix(`component:${id}:authorizer:${appid}:`);
    })();
    this.changed(id);
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
    const r = this.row(id);
    const res = await this.withComponentToken(r, (token) =>
      this.client().queryAuth(this.target(r), token, code),
    );
    const info = res.authorization_info;
    const now = this.now();
    const funcInfo = (info.func_info ?? [])
      .map((f) => f.funcscope_category?.id)
      .filter((n) => typeof n === 'number');
    this.d.db.transaction(() => {
      this.repo.putAuthorizer(id, info.authorizer_appid, event, null, now);
      this.d.secrets.set(authName(id, info.authorizer_appid, 'access'), info.authorizer_access_token);
      this.d.secrets.set(authName(id, info.authorizer_appid, 'refresh'), info.authorizer_refresh_token);
      this.repo.setAuthorizerToken(id, info.authorizer_appid, now, now + info.expires_in * 1000, funcInfo);
    })();
    this.changed(id);
    return { appid: info.authorizer_appid, accessToken: info.authorizer_access_token };
  }

  /** Marks a failed exchange on the authorizer row (the push itself was answered already). */
  noteAuthorizerError(id: string, appid: string, e: unknown): void {
    if (!this.repo.authorizer(id, appid)) return;
    this.repo.setAuthorizerError(id, appid, errorJson(e, this.now()), this.now());
    this.changed(id);
  }

  // ---- component_access_token ----

  /** The platform's component_access_token: cached until REFRESH_AHEAD_MS before expiry, one fetch at a time. */
  async componentToken(id: string, force = false): Promise<string> {
    const r = this.row(id);
    if (!force) {
      const cached = this.d.secrets.get(secName(id, 'componentToken'));
      if (cached && r.tokenExpiresAt && r.tokenExpiresAt - this.now() > REFRESH_AHEAD_MS) return cached;
    }
    return this.flight(`c:${id}`, () => this.fetchComponentToken(r));
  }

  private async fetchComponentToken(r: PlatformRow): Promise<string> {
    const ticket = this.d.secrets.get(secName(r.id, 'ticket'));
    const secret =
      r.apiBase === SANDBOX_API_BASE
        ? this.sandboxSecret(r.id)
        : this.d.secrets.get(secName(r.id, 'appSecret'));
    try {
      if (!ticket) throw new AppError('unavailable', NO_TICKET_MESSAGE);
      if (!secret) throw new AppError('invalid_input', 'This platform has no AppSecret');
      const res = await this.client().componentToken(this.target(r), secret, ticket);
      const now = this.now();
      this.d.db.transaction(() => {
        this.d.secrets.set(secName(r.id, 'componentToken'), res.component_access_token);
        this.repo.setToken(r.id, now, now + res.expires_in * 1000, null);
      })();
      this.changed(r.id);
      return res.component_access_token;
    } catch (e) {
      this.repo.setTokenError(r.id, errorJson(e, this.now()));
      this.changed(r.id);
      throw e;
    }
  }

  async refreshToken(id: string): Promise<ComponentPlatformDto> {
    await this.componentToken(id, true);
    return this.get(id);
  }

  /** Runs `fn` with the component token; an invalid token (40001/40014/42001, 61024) is renewed once. */
  private async withComponentToken<T>(r: PlatformRow, fn: (token: string) => Promise<T>): Promise<T> {
    const token = await this.componentToken(r.id);
    try {
      return await fn(token);
    } catch (e) {
      if (!isWechatApiError(e) || ![40001, 40014, 42001].includes(e.errcode)) throw e;
      return fn(await this.componentToken(r.id, true));
    }
  }

  // ---- authorization page (§11.5) ----

  async buildAuthUrl(input: ComponentAuthUrlInput): Promise<ComponentAuthUrlDto> {
    const r = this.row(input.id);
    const res = await this.withComponentToken(r, (token) => this.client().preAuthCode(this.target(r), token));
    const own = this.get(r.id).urls;
    const redirectUri = input.redirectUri ?? (own.public ?? own.local)?.authorized;
    if (!redirectUri) throw new AppError('unavailable', 'The callback listener is not running');
    const parts = {
      componentAppid: r.componentAppId,
      preAuthCode: res.pre_auth_code,
      redirectUri,
      authType: input.authType ?? 3,
      bizAppid: input.bizAppid,
    };
    const sandbox = r.apiBase === SANDBOX_API_BASE ? this.d.sandboxUrl() : null;
    return {
      url: buildComponentAuthUrl(input.kind, parts),
      redirectUri,
      preAuthCodeExpiresAt: this.now() + res.expires_in * 1000,
      sandboxUrl: sandbox ? buildComponentAuthUrl('pc', parts, sandbox) : null,
    };
  }

  // ---- authorizer tokens (§11.4 api_authorizer_token) ----

  /** The authorizer's access token, renewed with its refresh token ahead of expiry. */
  async authorizerToken(id: string, appid: string, force = false): Promise<string> {
    const a = this.repo.authorizer(id, appid);
    if (!a) throw new AppError('not_found', `${appid} has not authorized this platform`);
    const cached = this.d.secrets.get(authName(id, appid, 'access'));
    if (!force && cached && a.tokenExpiresAt && a.tokenExpiresAt - this.now() > REFRESH_AHEAD_MS)
      return cached;
    return this.flight(`a:${id}:${appid}`, async () => {
      const r = this.row(id);
      const refresh = this.d.secrets.get(authName(id, appid, 'refresh'));
      try {
        if (!refresh)
          throw new AppError('unavailable', `No authorizer_refresh_token for ${appid}: authorize again`);
        const res = await this.withComponentToken(r, (token) =>
          this.client().authorizerToken(this.target(r), token, appid, refresh),
        );
        const now = this.now();
        this.d.db.transaction(() => {
          this.d.secrets.set(authName(id, appid, 'access'), res.authorizer_access_token);
          if (res.authorizer_refresh_token)
            this.d.secrets.set(authName(id, appid, 'refresh'), res.authorizer_refresh_token);
          this.repo.setAuthorizerToken(id, appid, now, now + res.expires_in * 1000, null);
        })();
        this.changed(id);
        return res.authorizer_access_token;
      } catch (e) {
        this.noteAuthorizerError(id, appid, e);
        throw e;
      }
    });
  }

  async refreshAuthorizer(id: string, appid: string): Promise<ComponentPlatformDto> {
    await this.authorizerToken(id, appid, true);
    return this.get(id);
  }

  /** Renews every authorizer token that is within REFRESH_AHEAD_MS of expiry. */
  async sweep(): Promise<void> {
    const now = this.now();
    for (const a of this.repo.allAuthorizers()) {
      if (!a.tokenExpiresAt || a.tokenExpiresAt - now > REFRESH_AHEAD_MS) continue;
      if (!this.d.secrets.has(authName(a.platformId, a.appid, 'refresh'))) continue;
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
    const r = this.row(id);
    return callJson<ErrResult>(this.d.transport(), {
      accountId: null,
      hosts: this.target(r).hosts,
      method: 'POST',
      path: '/cgi-bin/message/custom/send',
      query: { access_token: accessToken },
      body,
      origin: 'client',
    });
  }

  // ---- helpers ----

  private flight(key: string, run: () => Promise<string>): Promise<string> {
    const running = this.flights.get(key);
    if (running) return running;
    const p = run().finally(() => this.flights.delete(key));
    this.flights.set(key, p);
    return p;
  }

  private client(): ComponentClient {
    return this.d.client();
  }

  target(r: PlatformRow): ComponentTarget {
    return {
      componentAppid: r.componentAppId,
      hosts: apiHostsFor({ apiBase: r.apiBase, apiBackupBase: null }, this.d.sandboxUrl()),
    };
  }

  /** Emits the platform's new state; returns it (undefined when it is gone). */
  changed(id: string): ComponentPlatformDto | undefined {
    const r = this.repo.get(id);
    if (!r) return undefined;
    const platform = this.dto(r);
    this.d.events.emit('component.changed', { id, platform });
    return platform;
  }

  private dto(r: PlatformRow): ComponentPlatformDto {
    return platformDto(r, {
      secrets: this.d.secrets,
      now: this.now(),
      authorizers: this.repo.authorizers(r.id),
      localBase: this.d.listenerUrl(),
      publicBase: this.d.publicUrl(),
    });
  }
}
