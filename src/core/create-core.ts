/**
 * Composition root (docs/architecture.md §1): builds every area of core as a module of one shape
 * (services/core-module.ts), lists them in order, and returns the contract handlers. Both shells
 * (Electron main, headless) call `createCore` (through core/index.ts) and nothing else in core.
 */
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { AppStatus } from '../shared/api/areas/app';
import type { Handlers } from '../shared/api/contract';
import { EventBus } from './event-bus';
import { systemRuntime, type Runtime } from './runtime';
import type { SecretCipher } from './secrets/secret-cipher';
import { SecretStore } from './secrets/secret-store';
import { AccountsService, accountsHandlers } from './services/accounts-service';
import { AppStatusModule } from './services/app-status';
import { CallbackListener } from './services/callback-listener';
import { createCallbackModule } from './services/callback-module';
import { createComponentModule, type ComponentModule } from './services/component';
import { allHandlers, allRoutes, handlersOnly, startInOrder, stopInReverse } from './services/core-module';
import { createDatabaseModule } from './services/database-module';
import { createDoctorModule, type DoctorOverrides, type DoctorService } from './services/doctor';
import { createFanActivity, createFansModule, type FansModule } from './services/fans';
import { MenuService, menuHandlers } from './services/menu-service';
import { createOauthModule } from './services/oauth';
import { createOauthGatewayModule } from './services/oauth-gateway';
import { SettingsService, settingsHandlers } from './services/settings-service';
import { headlessUpdates, updatesHandlers, type UpdatesPort } from './services/app-updates';
import { createTunnelModule, type TunnelOverrides, type TunnelService } from './services/tunnel-service';
import { createWechatSide, type WechatSide, type WechatSideOverrides } from './services/wechat-side';
import { apiHostsFor } from './api/hosts';
import { FailureLimiter } from './server/failure-limiter';
import { SourceKey } from './server/source-key';
import { secureDataDir } from './store/data-dir';
import { DataDirLock } from './store/data-dir-lock';
import { SettingsRepo } from './store/repos/settings-repo';
import { forwardTargetOf } from './tunnel/forward-target';
import type { CustomerServiceSender } from './wechat';

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
  /** The desktop app's self-updater; without one, `app.updates` says updates are for the desktop app. */
  updates?: UpdatesPort;
}

export type { UpdatesPort };

export interface CoreOverrides {
  runtime?: Runtime;
  /** The customer-service sender for late replies (the API client's; tests pass a fake). */
  customerService?: CustomerServiceSender;
  /** A fake ngrok session, timers and backoff for the tunnel tests. */
  tunnel?: TunnelOverrides;
  /** The doctor's dispatcher, clock and deadline. */
  doctor?: DoctorOverrides;
  /** WeChat API client and sandbox platform: dispatcher (MockAgent), timeouts, sandbox clock, sandbox off. */
  wechat?: WechatSideOverrides;
}

/** Core as the shells use it: the contract's handlers, its events and its lifecycle. */
export interface Core {
  handlers: Handlers;
  events: EventBus;
  start(): Promise<void>;
  stop(): Promise<void>;
  status(): AppStatus;
}

/** What sits behind the handlers, for tests only (test/helpers/test-core.ts, createTestCore). */
export interface CoreInternals {
  services: {
    accounts: AccountsService;
    settings: SettingsService;
    tunnel: TunnelService;
    doctor: DoctorService;
    wechat: WechatSide;
    component: ComponentModule['parts'];
    fans: FansModule;
  };
  db: Database.Database;
}

/**
 * The core on `config.dataDir`, which it holds alone until `stop()` (store/data-dir-lock.ts): a
 * second MPDesk on the same folder fails here with who holds it, before it opens anything.
 */
/**
 * The core on `config.dataDir`, which it holds alone until `stop()` (store/data-dir-lock.ts): a
 * second MPDesk on the same folder fails here with who holds it, before it opens anything.
 */
export function createCore(config: CoreConfig, overrides: CoreOverrides = {}): Core {
  return composeCore(config, overrides).core;
}

/** `createCore` with what it is made of; tests take it through test/helpers/test-core.ts. */
export function composeCore(
  config: CoreConfig,
  overrides: CoreOverrides = {},
): { core: Core; internals: CoreInternals } {
  const rt = overrides.runtime ?? systemRuntime;
  secureDataDir(config.dataDir);
  const lock = DataDirLock.acquire(config.dataDir, rt.clock.now());
  try {
    return buildCore(config, overrides, rt, lock);
  } catch (e) {
    lock.release();
    throw e;
  }
}

function buildCore(
  config: CoreConfig,
  overrides: CoreOverrides,
  rt: Runtime,
  lock: DataDirLock,
): { core: Core; internals: CoreInternals } {
  const database = createDatabaseModule({
    file: path.join(config.dataDir, 'mpdesk.sqlite'),
    nativeBinding: config.nativeBinding,
  });
  const { db } = database;
  const events = new EventBus(rt.clock);
  const secrets = new SecretStore(db, config.cipher, rt.clock);
  const accounts = new AccountsService({ db, secrets, events, rt });
  const settings = new SettingsService(new SettingsRepo(db), events);
  // Declared before the modules whose routes it serves (they need its URL), given their routes below.
  const listener = new CallbackListener({
    host: config.callbackHost ?? '127.0.0.1',
    port: config.callbackPort ?? 0,
  });
  const app = new AppStatusModule({
    app: { version: config.version, shell: config.shell, dataDir: config.dataDir, startedAt: rt.clock.now() },
    clock: rt.clock,
    events,
    accounts,
    listener,
  });
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
  // MPDesk's own requests to its listener (simulator, replays, sandbox pushes) carry this key.
  const sources = new SourceKey(rt.random, () => rt.clock.now());
  // Addresses that keep failing the callback checks get a 429 and no log rows.
  const limiter = new FailureLimiter(rt.clock);
  // Built before the pipeline, which tells it of every committed row (follows, messages).
  const fanActivity = createFanActivity(db, events);
  const callbacks = createCallbackModule({
    db,
    events,
    rt,
    accounts,
    settings,
    sources,
    limiter,
    publicUrl: () => tunnel.service.status().publicUrl,
    componentToken: (id) => component.parts.platforms.keys(id)?.token,
    listenerUrl: listener.url,
    customerService: overrides.customerService ?? wechat.customerService,
    logHealth: app.logHealth,
    observer: fanActivity.activity,
    fanActed: (accountId, fields) => wechat.sandbox?.fanActed(accountId, fields),
  });
  const fans = createFansModule({
    db,
    events,
    rt,
    activity: fanActivity,
    client: () => wechat.api.client,
    conversations: callbacks.conversations,
    recorder: callbacks.recorder,
    accountIds: () => accounts.list().map((a) => a.id),
  });
  const verifyFiles = (id: string) => callbacks.upstream.verifyFiles(id);
  const verifyFileNames = (id: string) => verifyFiles(id).map((f) => f.fileName);
  const tunnel = createTunnelModule({
    db,
    secrets,
    events,
    rt,
    clientVersion: config.version,
    accounts: () => accounts.list(),
    verifyFileNames,
    // Only the callback listener is ever tunnelled, never the console.
    target: () => forwardTargetOf(listener.address),
    overrides: overrides.tunnel,
  });
  const doctor = createDoctorModule({
    sources,
    db,
    events,
    rt,
    accounts,
    tunnel: tunnel.service,
    verifyFiles,
    replyDeadlineMs: () => settings.get().replyDeadlineMs,
    timestampWindowS: () => settings.get().callbackTimestampWindowS,
    apiHost: (id) => {
      try {
        return apiHostsFor(wechat.api.settings.get(id), wechat.platform?.url ?? null)[0] ?? null;
      } catch {
        return null; // the sandbox is not running
      }
    },
    overrides: overrides.doctor,
  });
  const publicUrl = () => tunnel.service.status().publicUrl;
  // The gateway in front of the developer's app and web OAuth use each other: the gateway signs fans
  // in through OAuth's port (given lazily), OAuth lands them with the gateway's keys and tickets.
  const gateway = createOauthGatewayModule({
    db,
    events,
    rt,
    secrets,
    recorder: callbacks.recorder,
    signIn: () => oauth.signIn,
    appIdOf: (id) => accounts.get(id).appId,
    publicUrl,
    listenerUrl: listener.url,
  });
  const oauth = createOauthModule({
    db,
    events,
    rt,
    cipher: config.cipher,
    accounts,
    client: () => wechat.api.client,
    sandboxUrl: () => wechat.platform?.url ?? null,
    sandboxOauthDomain: (appId, domain) => wechat.platform?.setOauthDomain(appId, domain),
    listenerUrl: listener.url,
    publicUrl,
    publicUrls: (id) => tunnel.service.urlsFor(id),
    verifyFiles: verifyFileNames,
    recorder: callbacks.recorder,
    gateway: gateway.shared,
    component: () => component.oauth,
  });
  const component = createComponentModule({
    db,
    events,
    rt,
    secrets,
    sources,
    timestampWindowS: () => settings.get().callbackTimestampWindowS,
    client: () => wechat.api.component,
    transport: () => wechat.api.transport,
    sandbox: () => wechat.platform,
    listenerUrl: listener.url,
    publicUrl,
    appIdOf: (id) => accounts.get(id).appId,
    rules: {
      accountIdByAppId: (appid) => accounts.list().find((a) => a.appId === appid)?.id,
      evaluate: (accountId, probe) => callbacks.rules.evaluate(accountId, probe),
    },
  });
  const menu = new MenuService(
    db,
    () => wechat.api.client,
    rt.clock,
    (id) => ({
      appId: accounts.get(id).appId,
      oauthDomain: oauth.oauthDomainOf(id),
    }),
  );

  // Started in this order and stopped in reverse (docs/architecture.md §6: tunnel, listeners, then
  // the database). The sandbox (in `wechat`) starts early: on first run it creates the Sandbox
  // account the rest then sees. The listener tries the routes in this order too: the doctor's
  // probes, OAuth, the OAuth gateway (its proxy leaves WeChat's paths alone) and component paths
  // before the pipeline's, whose last route answers every path.
  const modules = [
    // First to start and last to stop: the folder stays ours until the database is closed.
    { handlers: {}, start() {}, stop: () => lock.release() },
    database,
    handlersOnly(accountsHandlers(accounts)),
    handlersOnly(settingsHandlers(settings)),
    wechat,
    doctor,
    oauth,
    gateway,
    component,
    callbacks,
    fans,
    handlersOnly(menuHandlers(menu)),
    handlersOnly(updatesHandlers(config.updates ?? headlessUpdates(config.version), events)),
    listener,
    tunnel,
    app,
  ] as const;
  listener.mount(allRoutes(modules, callbacks.pipeline));
  const handlers: Handlers = allHandlers(modules);

  let stopping: Promise<void> | undefined;
  const core: Core = {
    handlers,
    events,
    status: () => app.status(),
    start: () => startInOrder(modules),
    stop: () => (stopping ??= stopInReverse(modules)),
  };
  const internals: CoreInternals = {
    db,
    services: {
      accounts,
      settings,
      tunnel: tunnel.service,
      doctor: doctor.service,
      wechat,
      component: component.parts,
      fans,
    },
  };
  return { core, internals };
}
