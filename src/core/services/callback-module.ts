import type Database from 'better-sqlite3';
import type { Dispatcher } from 'undici';
import type { EventBus } from '../event-bus';
import type { Runtime } from '../runtime';
import { CallbackRecorder, type CommittedRowObserver } from '../server/callback-recorder';
import type { LogHealth } from '../server/log-health';
import { DEDUPE_TTL_MS, DedupeStore } from '../server/dedupe-store';
import { CallbackPipeline } from '../server/pipeline';
import { notFoundRoute, verifyFileRoute } from '../server/verify-file-route';
import { WxRoute } from '../server/wx-route';
import type { SourceKey } from '../server/source-key';
import type { FailureLimiter } from '../server/failure-limiter';
import { CallbackLogRepo } from '../store/repos/callback-log-repo';
import { logRowMessages } from '../store/repos/conversation-messages';
import { reparseLogged } from '../store/repos/logged-message';
import { ConversationsRepo } from '../store/repos/conversations-repo';
import { LateRepliesRepo } from '../store/repos/late-replies-repo';
import type { AccountsService } from './accounts-service';
import { CallbacksService, callbacksHandlers } from './callbacks-service';
import { LateReplyQueue } from '../server/late-reply-queue';
import type { CustomerServiceSender } from '../wechat';
import { LogSizeCap } from './log-size-cap';
import { RulesService, rulesHandlers } from './rules-service';
import type { SettingsService } from './settings-service';
import { SimulatorService, simulatorHandlers, type SimulatorServiceDeps } from './simulator-service';
import { UpstreamService, upstreamHandlers } from './upstream-service';

const DAY = 24 * 60 * 60_000;
const COMPONENT_PATH = /^\/component\/([^/]+)\//;
const SWEEP_EVERY = 60 * 60_000;

export interface CallbackModuleDeps {
  db: Database.Database;
  events: EventBus;
  rt: Runtime;
  accounts: AccountsService;
  settings: SettingsService;
  /** The callback listener's base URL once it listens (simulator and replays post there). */
  listenerUrl: () => string | null;
  /** The API client's sender; without it late replies wait in SQLite (§10.1). */
  customerService?: CustomerServiceSender;
  dispatcher?: Dispatcher;
  /** Told after each commit whether the log took it (app.status shows a failing log). */
  logHealth?: LogHealth;
  /** Tells MPDesk's own requests from everyone else's. */
  sources: SourceKey;
  /** Refuses addresses that keep failing. */
  limiter: FailureLimiter;
  /** A third-party platform's Token, to sign a replay of its pushes again. */
  componentToken?: (platformId: string) => string | undefined;
  /** Our tunnel's public URL, if any (the simulator may post through it). */
  publicUrl?: () => string | null;
  /** Told of every committed row (the fans store: follows, unfollows, messages). */
  observer?: CommittedRowObserver;
  /** The simulator plays a fan: the platform learns what they did (sandbox accounts). */
  fanActed?: SimulatorServiceDeps['fanActed'];
}

/**
 * The callback listener's pipeline and everything around it (docs/architecture.md §3-§4): the logged
 * pipeline every module's routes run in, the account routes, the services behind the
 * callbacks/rules/upstream/simulator/conversations areas, and the retention sweep of the log.
 */
export function createCallbackModule(d: CallbackModuleDeps) {
  const accountExists = (id: string) => {
    try {
      d.accounts.row(id);
      return true;
    } catch {
      return false;
    }
  };
  const logRepo = new CallbackLogRepo(d.db, reparseLogged);
  const conversations = new ConversationsRepo(d.db, logRowMessages);
  const sizeCap = new LogSizeCap(
    d.db,
    logRepo,
    d.rt.clock,
    () => d.settings.get().callbackLogMaxMb,
    (status) => {
      conversations.logPurged();
      const oldest = status.oldestAt;
      if (oldest !== null) conversations.purge(oldest);
      d.events.emit('callbacks.storage', status);
    },
  );
  const recorder = new CallbackRecorder({
    db: d.db,
    log: logRepo,
    conversations,
    events: d.events,
    health: d.logHealth,
    grew: (bytes) => sizeCap.written(bytes),
    observer: d.observer,
  });
  const late = new LateReplyQueue({
    repo: new LateRepliesRepo(d.db),
    recorder,
    events: d.events,
    clock: d.rt.clock,
    sender: d.customerService,
  });
  const rules = new RulesService({ db: d.db, events: d.events, rt: d.rt, accountExists });
  const upstream = new UpstreamService({ db: d.db, events: d.events, clock: d.rt.clock, accountExists });
  const simulator = new SimulatorService({
    accounts: d.accounts,
    listenerUrl: d.listenerUrl,
    rt: d.rt,
    sources: d.sources,
    publicUrl: d.publicUrl,
    dispatcher: d.dispatcher,
    fanActed: d.fanActed,
  });
  const callbacks = new CallbacksService({
    repo: logRepo,
    late,
    simulator,
    credentials: (id) => (accountExists(id) ? d.accounts.credentials(id) : undefined),
    rt: d.rt,
    sizeCap,
    signingToken: (path, accountId) => {
      const platform = COMPONENT_PATH.exec(path)?.[1];
      if (platform) return d.componentToken?.(platform);
      return accountId && accountExists(accountId) ? d.accounts.credentials(accountId).token : undefined;
    },
  });
  // A delivery inside the timestamp window must be known as a duplicate wherever in the window it
  // first came: the memory spans the window both ways (and never less than its own 5 minutes).
  const dedupe = new DedupeStore(logRepo, d.rt.clock, () =>
    Math.max(DEDUPE_TTL_MS, 2 * d.settings.get().callbackTimestampWindowS * 1000),
  );
  const pipeline = new CallbackPipeline({
    recorder,
    dedupe,
    rt: d.rt,
    sources: d.sources,
    limiter: d.limiter,
  });
  const wx = new WxRoute({
    accounts: d.accounts,
    rules,
    upstream,
    dispatcher: d.dispatcher,
    late,
    rt: d.rt,
    limiter: d.limiter,
    deadlineMs: () => d.settings.get().replyDeadlineMs,
    timestampWindowS: () => d.settings.get().callbackTimestampWindowS,
    onLate: (id, matched, leg, failure) =>
      logRepo.setLate(id, matched, leg ? JSON.stringify(leg) : null, failure),
  });
  // The catch-all last: the listener tries routes in module order, and these come after the others.
  const routes = [wx, verifyFileRoute(upstream), notFoundRoute()];
  const unsubscribe = d.events.subscribe((e) => {
    if (e.name === 'accounts.changed') upstream.invalidate();
  });

  let sweeper: NodeJS.Timeout | undefined;
  const sweep = () => {
    const now = d.rt.clock.now();
    try {
      const before = now - d.settings.get().callbackLogRetentionDays * DAY;
      if (logRepo.purge(before)) conversations.logPurged();
      // Conversations are read from the log; the messages stored beside it go with it.
      conversations.purge(before);
    } catch (e) {
      console.error('[callback] retention sweep failed', e);
    }
    void sizeCap.enforce().catch((e: unknown) => console.error('[callback] size cap failed', e));
  };
  let capMb = d.settings.get().callbackLogMaxMb;
  const unwatch = d.events.subscribe((e) => {
    // A new cap applies at once; the dashboard shows the new limit.
    if (e.name !== 'settings.changed' || e.payload.callbackLogMaxMb === capMb) return;
    capMb = e.payload.callbackLogMaxMb;
    void sizeCap.enforce().then(() => d.events.emit('callbacks.storage', sizeCap.status()));
  });

  return {
    routes,
    pipeline,
    rules,
    upstream,
    simulator,
    callbacks,
    late,
    recorder,
    conversations,
    sweep,
    handlers: {
      ...callbacksHandlers(callbacks),
      ...rulesHandlers(rules),
      ...upstreamHandlers(upstream),
      ...simulatorHandlers(simulator),
    },
    start(): void {
      sweep();
      sweeper = setInterval(sweep, SWEEP_EVERY);
      sweeper.unref();
      void late.sendWaiting();
    },
    /** After the listener closed, before the database does. */
    async stop(): Promise<void> {
      clearInterval(sweeper);
      unsubscribe();
      unwatch();
      await late.idle();
      recorder.close();
      // The recorder was the log health's only teller.
      d.logHealth?.stop();
    },
  };
}

export type CallbackModule = ReturnType<typeof createCallbackModule>;
