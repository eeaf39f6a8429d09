import type Database from 'better-sqlite3';
import type { ComponentConfigureInput, ComponentPlatformDto } from '../../../shared/api/areas/component';
import { redirectsSecret, SANDBOX_API_BASE } from '../../../shared/api/areas/tokens';
import { AppError } from '../../../shared/errors';
import type { ComponentClient, ComponentTarget } from '../../api/component-client';
import { DEFAULT_API_SETTINGS, secretForRedirectError } from '../../api/account-api-repo';
import { apiHostsFor } from '../../api/hosts';
import type { WechatTransport } from '../../api/transport';
import type { EventBus } from '../../event-bus';
import { newId, type Runtime } from '../../runtime';
import type { SecretStore } from '../../secrets/secret-store';
import { storageError } from '../../store/open-database';
import { platformDto } from './component-dto';
import { ComponentRepo, type PlatformRow } from './component-repo';
import { sandboxSecretOf, secName } from './component-secrets';

const apiOf = (apiBase: string | null) => ({ ...DEFAULT_API_SETTINGS, apiBase });

/** The platform's protocol secrets, for the callback routes only (never for the contract). */
export interface PlatformKeys {
  id: string;
  componentAppId: string;
  token: string;
  aesKey: string;
}

export interface ComponentDeps {
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

/**
 * Third-party platforms (docs/wechat-protocol.md §11): their configuration, their protocol keys for
 * the callback routes, and their state as the UI sees it (`component.changed`). The ticket and
 * component token (component-tokens.ts) and the authorizers (component-authorizers.ts) build on it.
 */
export class ComponentPlatforms {
  readonly repo: ComponentRepo;

  constructor(readonly d: ComponentDeps) {
    this.repo = new ComponentRepo(d.db);
  }

  now(): number {
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
    // A stored secret goes to a new host only with the secret given again.
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
  /** The secret the built-in sandbox knows a sandbox platform by (component-secrets.ts). */
  sandboxSecret(id: string): string {
    return sandboxSecretOf(this.d.secrets, this.d.rt.random, id);
  }

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
