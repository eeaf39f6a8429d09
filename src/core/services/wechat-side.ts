import path from 'node:path';
import type Database from 'better-sqlite3';
import type { Dispatcher } from 'undici';
import { AppError } from '../../shared/errors';
import type { EventBus } from '../event-bus';
import type { Clock, Runtime } from '../runtime';
import type { SandboxOptions } from '../sandbox/sandbox-context';
import { SandboxPlatform } from '../sandbox/sandbox-platform';
import type { SecretStore } from '../secrets/secret-store';
import type { AccountsService } from './accounts-service';
import { apiHandlers } from './api-service';
import type { AreaHandlers } from './handler-types';
import { SandboxService, sandboxHandlers } from './sandbox-service';
import { tokensHandlers } from './tokens-service';
import { createApiModule } from '../api/create-api';

/** What tests may swap on the WeChat side (CoreOverrides.wechat). */
export interface WechatSideOverrides {
  /** undici Dispatcher for every WeChat call (a MockAgent in tests). */
  dispatcher?: Dispatcher;
  timeoutMs?: number;
  busyDelaysMs?: readonly number[];
  /** The sandbox platform's own clock (so a test can age its tokens and codes). */
  sandboxClock?: Clock;
  sandboxOptions?: Partial<SandboxOptions>;
  /** false: no sandbox server and no first-run Sandbox account. */
  sandbox?: boolean;
}

/**
 * Everything that talks to WeChat, as a core module: the sandbox platform
 * (`<dataDir>/sandbox.sqlite`, 127.0.0.1 port 0), the API module and their contract handlers.
 */
export function createWechatSide(deps: {
  dataDir: string;
  nativeBinding?: string;
  db: Database.Database;
  events: EventBus;
  rt: Runtime;
  secrets: SecretStore;
  accounts: AccountsService;
  overrides?: WechatSideOverrides;
}) {
  const o = deps.overrides ?? {};
  const platform =
    o.sandbox === false
      ? null
      : new SandboxPlatform({
          file: path.join(deps.dataDir, 'sandbox.sqlite'),
          clock: o.sandboxClock ?? deps.rt.clock,
          random: deps.rt.random,
          nativeBinding: deps.nativeBinding,
          options: o.sandboxOptions,
        });
  const api = createApiModule({
    db: deps.db,
    events: deps.events,
    rt: deps.rt,
    secrets: deps.secrets,
    credentials: (id) => deps.accounts.credentials(id),
    sandboxSecret: (id) => deps.accounts.sandboxSecret(id),
    sandboxUrl: () => platform?.url ?? null,
    dispatcher: o.dispatcher,
    timeoutMs: o.timeoutMs,
    busyDelaysMs: o.busyDelaysMs,
  });
  const sandbox = platform
    ? new SandboxService({
        platform,
        accounts: deps.accounts,
        apiSettings: api.settings,
        events: deps.events,
        random: deps.rt.random,
      })
    : null;
  const unavailable = () => {
    throw new AppError('unavailable', 'The sandbox platform is disabled');
  };
  const handlers: AreaHandlers<'tokens.' | 'apilog.' | 'api.' | 'sandbox.'> = {
    ...tokensHandlers(api.tokens),
    'apilog.list': (input) => api.apiLog.list(input),
    ...apiHandlers(api.client),
    ...(sandbox
      ? sandboxHandlers(sandbox)
      : {
          'sandbox.status': () => ({ running: false, url: null, apps: 0, fans: 0, faults: [] }),
          'sandbox.generateFans': unavailable,
          'sandbox.simulateInteraction': unavailable,
          'sandbox.setFaults': unavailable,
        }),
  };
  return {
    api,
    platform,
    sandbox,
    handlers,
    customerService: api.customerService,
    async start() {
      if (!platform || !sandbox) return;
      await platform.start();
      sandbox.ensureSandboxAccount();
    },
    /** Before the main database closes. */
    async stop() {
      await platform?.stop();
      await api.stop();
    },
  };
}

export type WechatSide = ReturnType<typeof createWechatSide>;
