/**
 * Composition root (docs/architecture.md §1): wires store, secrets, services and listeners, and returns
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
import { SourceKey } from './server/source-key';
import { FailureLimiter } from './server/failure-limiter';
import { createCallbackRouter } from './server/callback-routes';
import { oauthCallbackRoute } from './server/oauth-callback-route';
import { oauthHandlers } from './services/oauth/oauth-handlers';
import { OauthService } from './services/oauth/oauth-service';
import { MenuService, menuHandlers } from './services/menu-service';
import { createComponentModule, type ComponentModule } from './services/component';
import { AccountsService, accountsHandlers } from './services/accounts-service';
import { createCallbackModule } from './services/callback-module';
import { SettingsService, settingsHandlers } from './services/settings-service';
import { DoctorService, doctorHandlers, type DoctorOverrides } from './services/doctor-service';
import { DoctorProbes } from './services/doctor/probe-route';
import { TunnelService, tunnelHandlers, type TunnelOverrides } from './services/tunnel-service';
import { forwardTargetOf } from './tunnel/forward-target';
import { apiHostsFor } from './api/hosts';
import type { CustomerServiceSender } from './services/outbound-ports';
import { MIGRATIONS } from './store/migrations';
import { BackgroundCheckpointer } from './store/background-checkpointer';
import { openDatabase } from './store/open-database';
import { secureDataDir } from './store/data-dir';
import { DataDirLock } from './store/data-dir-lock';
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
  /** A fake ngrok session, timers and backoff for the tunnel tests. */
  tunnel?: TunnelOverrides;
  /** The doctor's dispatcher, clock and deadline. */
  doctor?: DoctorOverrides;
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
  services: {
    accounts: AccountsService;
    settings: SettingsService;
    tunnel: TunnelService;
    doctor: DoctorService;
    wechat: WechatSide;
    oauth: OauthService;
    component: ComponentModule['service'];
  };
  db: Database.Database;
}

/**
 * The core on `config.dataDir`, which it holds alone until `stop()` (store/data-dir-lock.ts): a
 * second MPDesk on the same folder fails here with who holds it, before it opens anything.
 */
export function createCore(config: CoreConfig, overrides: CoreOverrides = {}): Core {
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

function buildCore(config: CoreConfig, overrides: CoreOverrides, rt: Runtime, lock: DataDirLock): Core {
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

  // MPDesk's own requests to its listener (simulator, replays, sandbox pushes) carry this key.
  const sources = new SourceKey(rt.random);
  // Addresses that keep failing the callback checks get a 429 and no log rows (issue 18).
  const limiter = new FailureLimiter(rt.clock);
  const callbacks = createCallbackModule({
    db,
    events,
    rt,
    accounts,
    settings,
    sources,
    limiter,
    publicUrl: () => tunnel.status().publicUrl,
    componentToken: (id) => component.service.keys(id)?.token,
    listenerUrl: () => callbackListener.address?.url,
    customerService: overrides.customerService ?? wechat.customerService,
    onLogHealth: () => events.emit('app.changed', status()),
  });
  // The doctor's probe route goes first: the pipeline's last route answers every other path.
  const probes = new DoctorProbes(rt.clock, rt.random);
  // Web OAuth (§8): `/oauth/<slug>/callback`, also ahead of the pipeline's catch-all route.
  const oauth: OauthService = new OauthService({
    db,
    events,
    rt,
    cipher: config.cipher,
    accounts,
    client: () => wechat.api.client,
    sandboxUrl: () => wechat.platform?.url ?? null,
    listenerUrl: (): string | null => callbackListener.address?.url ?? null,
    publicUrls: (id) => tunnel.urlsFor(id),
    verifyFiles: (id) => callbacks.upstream.verifyFiles(id).map((f) => f.fileName),
  });
  // Third-party platforms (§11): `/component/...`, logged by the pipeline's recorder.
  const component = createComponentModule({
    db,
    events,
    rt,
    secrets,
    recorder: callbacks.recorder,
    sources,
    limiter,
    timestampWindowS: () => settings.get().callbackTimestampWindowS,
    client: () => wechat.api.component,
    transport: () => wechat.api.transport,
    sandbox: () => wechat.platform,
    listenerUrl: (): string | null => callbackListener.address?.url ?? null,
    publicUrl: (): string | null => tunnel.status().publicUrl,
    rules: {
      accountIdByAppId: (appid) => accounts.list().find((a) => a.appId === appid)?.id,
      evaluate: (accountId, probe) => callbacks.rules.evaluate(accountId, probe),
    },
  });
  const callbackListener = new HttpListener(
    createCallbackRouter([probes.route, oauthCallbackRoute(oauth), component.route, ...callbacks.routes]),
    {
      host: config.callbackHost ?? '127.0.0.1',
      port: config.callbackPort ?? 0,
      name: 'callback',
    },
  );
  const tunnel = new TunnelService({
    db,
    secrets,
    events,
    rt,
    clientVersion: config.version,
    accounts: () => accounts.list(),
    verifyFileNames: (id) => callbacks.upstream.verifyFiles(id).map((f) => f.fileName),
    // Only the callback listener is ever tunnelled, never the console.
    target: () => forwardTargetOf(callbackListener.address),
    overrides: overrides.tunnel,
  });
  const doctor = new DoctorService({
    db,
    events,
    rt,
    accounts,
    tunnel,
    probes,
    verifyFiles: (id) => callbacks.upstream.verifyFiles(id),
    replyDeadlineMs: () => settings.get().replyDeadlineMs,
    timestampWindowS: () => settings.get().callbackTimestampWindowS,
    apiHost: (id) => {
      try {
        return apiHostsFor(wechat.api.settings.get(id), wechat.platform?.url ?? null)[0];
      } catch {
        return null; // the sandbox is not running
      }
    },
    overrides: overrides.doctor,
  });

  const status = (): AppStatus => ({
    version: config.version,
    shell: config.shell,
    dataDir: config.dataDir,
    startedAt,
    callbackListener: callbackListener.address,
    accountCount: accounts.count(),
    callbackLogFailure: callbacks.logHealth.failure,
  });

  const handlers: Handlers = {
    'app.status': () => status(),
    ...accountsHandlers(accounts),
    ...settingsHandlers(settings),
    ...callbacks.handlers,
    ...tunnelHandlers(tunnel),
    ...doctorHandlers(doctor),
    ...wechat.handlers,
    ...oauthHandlers(oauth),
    ...menuHandlers(new MenuService(db, () => wechat.api.client, rt.clock)),
    ...component.handlers,
  };

  let stopped = false;
  let checkpointer: BackgroundCheckpointer | undefined;
  return {
    handlers,
    events,
    db,
    services: { accounts, settings, tunnel, doctor, wechat, oauth, component: component.service },
    status,
    async start() {
      // WAL checkpoints (and their fsync) on their own thread, never in a request's commit.
      checkpointer = new BackgroundCheckpointer(db, { nativeBinding: config.nativeBinding });
      // The sandbox first: on first run it creates the Sandbox account the rest then sees.
      await wechat.start();
      callbacks.start();
      component.start();
      await callbackListener.start();
      tunnel.startOnLaunch();
      events.emit('app.changed', status());
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      // Order matters (docs/architecture.md §6): tunnel, listeners, then the database.
      await tunnel.close();
      await callbackListener.stop();
      component.stop();
      await callbacks.stop();
      await wechat.stop();
      await checkpointer?.stop();
      db.close();
      lock.release();
    },
  };
}
