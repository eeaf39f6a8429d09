import type Database from 'better-sqlite3';
import { Agent, type Dispatcher } from 'undici';
import type { EventBus } from '../event-bus';
import type { Runtime } from '../runtime';
import type { SecretStore } from '../secrets/secret-store';
import { ApiLogService } from './api-log-service';
import type { AccountCredentials, CustomerServiceSender } from '../wechat';
import { AccountApiRepo } from './account-api-repo';
import { ComponentClient } from './component-client';
import { apiHostsFor } from './hosts';
import { TokenManager, type TokenTarget } from './token-manager';
import { TokenRepo } from './token-repo';
import { WechatTransport } from './transport';
import { WechatClient, type ApiAccountTarget } from './wechat-client';
import { SANDBOX_API_BASE } from '../../shared/api/areas/tokens';

export interface ApiModuleDeps {
  db: Database.Database;
  events: EventBus;
  rt: Runtime;
  secrets: SecretStore;
  /** An account's appid and AppSecret (services/accounts-service.ts opens them from the sealed secrets). */
  credentials: (accountId: string) => AccountCredentials;
  /** The secret the built-in sandbox knows an account by (never its real AppSecret). */
  sandboxSecret: (accountId: string) => string | undefined;
  /** Where the built-in sandbox listens now (its port changes every start). */
  sandboxUrl: () => string | null;
  /** Tests pass a MockAgent; production gets its own Agent, closed on stop. */
  dispatcher?: Dispatcher;
  timeoutMs?: number;
  busyDelaysMs?: readonly number[];
}

/**
 * The WeChat API module: transport, API log, token manager, the account client, the component client,
 * and the CustomerServiceSender the callback pipeline uses for late replies.
 */
export function createApiModule(deps: ApiModuleDeps) {
  const ownDispatcher = deps.dispatcher
    ? undefined
    : new Agent({ connect: { timeout: 5_000 }, keepAliveTimeout: 10_000 });
  const dispatcher = deps.dispatcher ?? ownDispatcher!;
  const apiLog = new ApiLogService(deps.db, deps.events);
  const settings = new AccountApiRepo(deps.db);
  const transport = new WechatTransport({
    dispatcher,
    now: () => deps.rt.clock.now(),
    log: apiLog,
    timeoutMs: deps.timeoutMs,
  });
  type Target = ApiAccountTarget & { source: ReturnType<AccountApiRepo['get']> };
  // Resolving an account opens its sealed secrets: cache it per account (and per sandbox URL, which
  // changes on restart) and drop the cache whenever accounts change.
  const targets = new Map<string, { sandboxUrl: string | null; target: Target; tokenTarget: TokenTarget }>();
  deps.events.subscribe((e) => {
    if (e.name === 'accounts.changed') targets.clear();
  });
  const resolve = (accountId: string) => {
    const sandboxUrl = deps.sandboxUrl();
    const hit = targets.get(accountId);
    if (hit && hit.sandboxUrl === sandboxUrl) return hit;
    const cred = deps.credentials(accountId);
    const s = settings.get(accountId);
    const t: Target = {
      accountId,
      appId: cred.appId,
      // The sandbox knows the account by a secret of its own (SandboxService), never the real one.
      appSecret: s.apiBase === SANDBOX_API_BASE ? deps.sandboxSecret(accountId) : cred.appSecret,
      hosts: apiHostsFor(s, sandboxUrl),
      source: s,
    };
    const entry = {
      sandboxUrl,
      target: t,
      tokenTarget: { ...t, source: s.tokenSource, borrowUrl: s.tokenBorrowUrl },
    };
    targets.set(accountId, entry);
    return entry;
  };
  const target = (accountId: string): Target => resolve(accountId).target;
  const tokens = new TokenManager({
    transport,
    repo: new TokenRepo(deps.db, deps.secrets),
    now: () => deps.rt.clock.now(),
    busyDelaysMs: deps.busyDelaysMs,
    target: (accountId) => resolve(accountId).tokenTarget,
    onChange: (status) => deps.events.emit('tokens.changed', status),
  });
  const client = new WechatClient({ transport, tokens, target, busyDelaysMs: deps.busyDelaysMs });
  const component = new ComponentClient(transport, deps.busyDelaysMs);
  const customerService: CustomerServiceSender = {
    async sendCustomMessage(accountId, body) {
      await client.customSend(accountId, body);
    },
  };
  return {
    apiLog,
    transport,
    tokens,
    client,
    component,
    customerService,
    settings,
    async stop() {
      await ownDispatcher?.close();
    },
  };
}

export type ApiModule = ReturnType<typeof createApiModule>;
