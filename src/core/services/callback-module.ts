import type Database from 'better-sqlite3';
import type { Dispatcher } from 'undici';
import type { EventBus } from '../event-bus';
import type { Runtime } from '../runtime';
import { CallbackRecorder, type CommittedRowObserver } from '../server/callback-recorder';
import type { LogHealth } from '../server/log-health';
import type { CallbackRoute } from '../server/callback-routes';
import { DedupeStore } from '../server/dedupe-store';
import { notFoundRoute, verifyFileRoute } from '../server/verify-file-route';
import { WxRoute } from '../server/wx-route';
import { CallbackLogRepo } from '../store/repos/callback-log-repo';
import { logRowMessages } from '../store/repos/conversation-messages';
import { reparseLogged } from '../store/repos/logged-message';
import { ConversationsRepo } from '../store/repos/conversations-repo';
import { LateRepliesRepo } from '../store/repos/late-replies-repo';
import type { AccountsService } from './accounts-service';
import { CallbacksService, callbacksHandlers } from './callbacks-service';
import { LateReplyQueue } from '../server/late-reply-queue';
import type { CustomerServiceSender } from '../wechat';
import { RulesService, rulesHandlers } from './rules-service';
import type { SettingsService } from './settings-service';
import { SimulatorService, simulatorHandlers, type SimulatorServiceDeps } from './simulator-service';
import { UpstreamService, upstreamHandlers } from './upstream-service';

const DAY = 24 * 60 * 60_000;
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
  /** Told of every committed row (the fans store: follows, unfollows, messages). */
  observer?: CommittedRowObserver;
  /** The simulator plays a fan: the platform learns what they did (sandbox accounts). */
  fanActed?: SimulatorServiceDeps['fanActed'];
}

/**
 * The callback listener's pipeline and everything around it (docs/architecture.md §3-§4): routes for
 * the listener, the services behind the callbacks/rules/upstream/simulator areas, the conversations
 * the message centre reads, and the retention sweep of the callback log.
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
  const recorder = new CallbackRecorder({
    db: d.db,
    log: logRepo,
    conversations,
    events: d.events,
    health: d.logHealth,
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
    dispatcher: d.dispatcher,
    fanActed: d.fanActed,
  });
  const callbacks = new CallbacksService({
    repo: logRepo,
    late,
    simulator,
    credentials: (id) => (accountExists(id) ? d.accounts.credentials(id) : undefined),
  });
  const dedupe = new DedupeStore(logRepo, d.rt.clock);
  const wx = new WxRoute({
    accounts: d.accounts,
    rules,
    upstream,
    dispatcher: d.dispatcher,
    recorder,
    dedupe,
    late,
    rt: d.rt,
    deadlineMs: () => d.settings.get().replyDeadlineMs,
    onLate: (id, matched, leg) => logRepo.setLate(id, matched, leg ? JSON.stringify(leg) : null),
  });
  const routes: CallbackRoute[] = [wx, verifyFileRoute(upstream, wx), notFoundRoute(wx)];
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
  };

  return {
    routes,
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
      await late.idle();
      recorder.close();
      // The recorder was the log health's only teller.
      d.logHealth?.stop();
    },
  };
}

export type CallbackModule = ReturnType<typeof createCallbackModule>;
