import type Database from 'better-sqlite3';
import type { AccountCreateInput, AccountDto, AccountUpdateInput } from '../../shared/api/areas/accounts';
import { AppError } from '../../shared/errors';
import { AccountApiRepo, apiDtoFields, apiPatchOf, secretForRedirectError } from '../api/account-api-repo';
import { redirectsSecret } from '../../shared/api/areas/tokens';
import type { EventBus } from '../event-bus';
import { newId, type Runtime } from '../runtime';
import type { SecretStore } from '../secrets/secret-store';
import { AccountsRepo, type AccountRow } from '../store/repos/accounts-repo';
import { storageError } from '../store/open-database';
import type { AccountCredentials } from '../wechat';
import type { AreaHandlers } from './handler-types';

export const ACCOUNT_SECRETS = ['appSecret', 'token', 'encodingAESKey'] as const;
export type AccountSecretName = (typeof ACCOUNT_SECRETS)[number];

const secretName = (accountId: string, s: AccountSecretName | 'sandboxAppSecret') =>
  `account:${accountId}:${s}`;

export interface AccountsServiceDeps {
  db: Database.Database;
  secrets: SecretStore;
  events: EventBus;
  rt: Runtime;
}

export class AccountsService {
  private readonly repo: AccountsRepo;
  /** API client settings (base URL, token source), migration 003. */
  private readonly api: AccountApiRepo;
  /** Hot-path cache for the callback listener: slug -> credentials, rebuilt on every change. */
  private bySlug = new Map<string, AccountCredentials>();

  constructor(private readonly d: AccountsServiceDeps) {
    this.repo = new AccountsRepo(d.db);
    this.api = new AccountApiRepo(d.db);
    this.rebuildCache();
  }

  list(): AccountDto[] {
    return this.repo.list().map((r) => this.toDto(r));
  }

  get(id: string): AccountDto {
    return this.toDto(this.require(id));
  }

  row(id: string): AccountRow {
    return this.require(id);
  }

  count(): number {
    return this.repo.count();
  }

  create(input: AccountCreateInput, opts: { isSandbox?: boolean; id?: string } = {}): AccountDto {
    const now = this.d.rt.clock.now();
    const id = opts.id ?? newId(this.d.rt.random, 10);
    const slug = input.callbackSlug ?? id;
    this.assertSlugFree(slug);
    const row: AccountRow = {
      id,
      name: input.name,
      appId: input.appId,
      mode: input.mode,
      callbackSlug: slug,
      isSandbox: opts.isSandbox ?? false,
      createdAt: now,
      updatedAt: now,
    };
    this.write('create the account', () => {
      this.repo.insert(row);
      this.d.secrets.set(secretName(id, 'appSecret'), input.appSecret);
      this.d.secrets.set(secretName(id, 'token'), input.token);
      if (input.encodingAESKey) this.d.secrets.set(secretName(id, 'encodingAESKey'), input.encodingAESKey);
      this.api.patch(id, apiPatchOf(input));
    });
    this.changed();
    return this.toDto(row);
  }

  update(input: AccountUpdateInput): AccountDto {
    const cur = this.require(input.id);
    const next: AccountRow = {
      ...cur,
      name: input.name ?? cur.name,
      appId: input.appId ?? cur.appId,
      mode: input.mode ?? cur.mode,
      callbackSlug: input.callbackSlug ?? cur.callbackSlug,
      updatedAt: this.d.rt.clock.now(),
    };
    if (next.callbackSlug !== cur.callbackSlug) this.assertSlugFree(next.callbackSlug);
    if (input.appSecret === undefined && redirectsSecret(this.api.get(cur.id), apiPatchOf(input)))
      throw secretForRedirectError();
    const aesSet =
      input.encodingAESKey !== undefined || this.d.secrets.has(secretName(cur.id, 'encodingAESKey'));
    if (next.mode !== 'plain' && !aesSet) {
      throw new AppError('invalid_input', 'Compatible and safe modes need an EncodingAESKey', {
        issues: [
          {
            path: 'encodingAESKey',
            key: 'validation.aesKeyRequiredForMode',
            message: 'Compatible and safe modes need an EncodingAESKey',
          },
        ],
      });
    }
    this.write('update the account', () => {
      this.repo.update(next);
      for (const s of ACCOUNT_SECRETS) {
        const v = input[s];
        if (v !== undefined) this.d.secrets.set(secretName(cur.id, s), v);
      }
      this.api.patch(cur.id, apiPatchOf(input));
    });
    this.changed();
    return this.toDto(next);
  }

  delete(id: string): { id: string } {
    this.require(id);
    this.write('delete the account', () => {
      this.repo.delete(id);
      this.d.secrets.deletePrefix(`account:${id}:`);
    });
    this.changed();
    return { id };
  }

  /**
   * The AppSecret the built-in sandbox knows this account by: its own, made on first use, never the
   * account's real one (the sandbox's file holds it in clear). API calls to the sandbox sign in with it.
   */
  sandboxSecret(id: string, make?: () => string): string | undefined {
    const name = secretName(id, 'sandboxAppSecret');
    const have = this.d.secrets.get(name);
    if (have || !make) return have;
    const made = make();
    this.d.secrets.set(name, made);
    return made;
  }

  /** Credentials for the callback path, looked up by the slug in `/wx/<slug>`. */
  credentialsBySlug(slug: string): AccountCredentials | undefined {
    return this.bySlug.get(slug);
  }

  credentials(id: string): AccountCredentials {
    const row = this.require(id);
    return this.loadCredentials(row);
  }

  private loadCredentials(row: AccountRow): AccountCredentials {
    return {
      id: row.id,
      appId: row.appId,
      mode: row.mode,
      appSecret: this.d.secrets.get(secretName(row.id, 'appSecret')),
      token: this.d.secrets.get(secretName(row.id, 'token')),
      encodingAESKey: this.d.secrets.get(secretName(row.id, 'encodingAESKey')),
    };
  }

  private rebuildCache(): void {
    const next = new Map<string, AccountCredentials>();
    for (const row of this.repo.list()) next.set(row.callbackSlug, this.loadCredentials(row));
    this.bySlug = next;
  }

  private changed(): void {
    this.rebuildCache();
    this.d.events.emit('accounts.changed', { accounts: this.list() });
  }

  private write(what: string, fn: () => void): void {
    try {
      this.d.db.transaction(fn)();
    } catch (e) {
      throw storageError(e, what);
    }
  }

  private assertSlugFree(slug: string): void {
    if (this.repo.getBySlug(slug)) {
      throw new AppError('conflict', `The callback path /wx/${slug} is already used by another account`, {
        issues: [
          {
            path: 'callbackSlug',
            key: 'validation.callbackSlugTaken',
            message: 'Already used by another account',
          },
        ],
      });
    }
  }

  private require(id: string): AccountRow {
    const row = this.repo.get(id);
    if (!row) throw new AppError('not_found', `No account with id "${id}"`);
    return row;
  }

  private toDto(r: AccountRow): AccountDto {
    return {
      id: r.id,
      name: r.name,
      appId: r.appId,
      mode: r.mode,
      callbackSlug: r.callbackSlug,
      callbackPath: `/wx/${r.callbackSlug}`,
      appSecret: { isSet: this.d.secrets.has(secretName(r.id, 'appSecret')) },
      token: { isSet: this.d.secrets.has(secretName(r.id, 'token')) },
      encodingAESKey: { isSet: this.d.secrets.has(secretName(r.id, 'encodingAESKey')) },
      isSandbox: r.isSandbox,
      ...apiDtoFields(this.api.get(r.id)),
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    };
  }
}

export function accountsHandlers(accounts: AccountsService): AreaHandlers<'accounts.'> {
  return {
    'accounts.list': () => accounts.list(),
    'accounts.get': ({ id }) => accounts.get(id),
    'accounts.create': (input) => accounts.create(input),
    'accounts.update': (input) => accounts.update(input),
    'accounts.delete': ({ id }) => accounts.delete(id),
  };
}
