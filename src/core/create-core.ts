/**
 * Composition root (ARCHITECTURE.md §1): wires store, secrets, services and listeners, and returns
 * the contract handlers. Both shells (Electron main, headless) call this and nothing else in core.
 */
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { AppStatus } from '../shared/api/areas/app';
import type { Handlers } from '../shared/api/contract';
import { createWechatSide, type WechatSide, type WechatSideOverrides } from './api/create-wechat-side';
import { EventBus } from './event-bus';
import { systemRuntime, type Runtime } from './runtime';
import type { SecretCipher } from './secrets/secret-cipher';
import { SecretStore } from './secrets/secret-store';
import { HttpListener } from './server/http-listener';
import { createCallbackRouter } from './server/callback-routes';
import { AccountsService, accountsHandlers } from './services/accounts-service';
import { createCallbackModule } from './services/callback-module';
import { SettingsService, settingsHandlers } from './services/settings-service';
import type { CustomerServiceSender } from './services/outbound-ports';
import { MIGRATIONS } from './store/migrations';
import { openDatabase } from './store/open-database';
import { SettingsRepo } from './store/repos/settings-repo';

export interface CoreConfig {
  dataDir: string;
  shell: 'electron' | 'headless';
  version: string;
  cipher: SecretCipher;
  callbackHost?: string;
  /** 0 picks a free port. */
  callbackPort?: number;
  /** better_sqlite3.node for this runtime (the Electron shell passes its own build). */
  nativeBinding?: string;
}

export interface CoreOverrides {
  runtime?: Runtime;
  /** The customer-service sender for late replies (the API client's; tests pass a fake). */
  customerService?: CustomerServiceSender;
  /** WeChat API client and sandbox platform: dispatcher (MockAgent), timeouts, sandbox clock, sandbox off. */
  wechat?: WechatSideOverrides;
}

export interface Core {
  handlers: Handlers;
  events: EventBus;
  start(): Promise<void>;
  stop(): Promise<void>;
  status(): AppStatus;
  /** For tests and shells: the services behind the handlers. */
  services: { accounts: AccountsService; settings: SettingsService; wechat: WechatSide };
  db: Database.Database;
}

export function createCore(config: CoreConfig, overrides: CoreOverrides = {}): Core {
  const rt = overrides.runtime ?? systemRuntime;
  const startedAt = rt.clock.now();
  const db = openDatabase(path.join(config.dataDir, 'mpdesk.sqlite'), MIGRATIONS, {
    nativeBinding: config.nativeBinding,
    label: 'MPDesk database',
  });
  const events = new EventBus(rt.clock);
  const secrets = new SecretStore(db, config.cipher, rt.clock);
  const accounts = new AccountsService(db, secrets, events, rt);
  const settings = new SettingsService(new SettingsRepo(db), events);
  const wechat = createWechatSide({
    dataDir: config.dataDir,
    nativeBinding: config.nativeBinding,
    db,
    events,
    rt,
    secrets,
    accounts,
    overrides: overrides.wechat,
  });

  const callbacks = createCallbackModule({
    db,
    events,
    rt,
    accounts,
    settings,
    listenerUrl: () => callbackListener.address?.url,
    customerService: overrides.customerService ?? wechat.customerService,
  });
  const callbackListener = new HttpListener(createCallbackRouter(callbacks.routes), {
    host: config.callbackHost ?? '127.0.0.1',
    port: config.callbackPort ?? 0,
    name: 'callback',
  });

  const status = (): AppStatus => ({
    version: config.version,
    shell: config.shell,
    dataDir: config.dataDir,
    startedAt,
    callbackListener: callbackListener.address,
    accountCount: accounts.count(),
  });

  const handlers: Handlers = {
    'app.status': () => status(),
    ...accountsHandlers(accounts),
    ...settingsHandlers(settings),
    ...callbacks.handlers,
    ...wechat.handlers,
  };

  let stopped = false;
  return {
    handlers,
    events,
    db,
    services: { accounts, settings, wechat },
    status,
    async start() {
      // The sandbox first: on first run it creates the Sandbox account the rest then sees.
      await wechat.start();
      callbacks.start();
      await callbackListener.start();
      events.emit('app.changed', status());
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      // Order matters (ARCHITECTURE.md §6): tunnel, listeners, then the database.
      await callbackListener.stop();
      await callbacks.stop();
      await wechat.stop();
      db.close();
    },
  };
}
