import type { EventEnvelope } from '../shared/api/contract';
import type { Settings } from '../shared/api/areas/settings';
import type { DesktopMessageKey } from './desktop-messages';
import { desktopRoutes } from './desktop-routes';
import { NotificationThrottle, type Timers } from './notification-throttle';
import {
  KIND_SETTING,
  type NotificationIntent,
  type NotificationRules,
  type NotifyKind,
  type RuleContext,
} from './notification-rules';

export interface NotifierDeps {
  rules: NotificationRules;
  settings(): Settings;
  context(): RuleContext;
  /** The window is in front: fan messages show there, not as notifications. */
  windowFocused(): boolean;
  show(n: Omit<NotificationIntent, 'kind'>): void;
  timers: Timers;
}

const SUMMARY: Record<NotifyKind, { key: DesktopMessageKey; route: () => string }> = {
  fanMessages: { key: 'notify.fan.more', route: desktopRoutes.fanMessages },
  callbackErrors: { key: 'notify.callback.more', route: desktopRoutes.callbackErrors },
  tunnel: { key: 'notify.tunnel.more', route: () => desktopRoutes.dashboard() },
  tokens: { key: 'notify.token.more', route: () => desktopRoutes.dashboard() },
  updates: { key: 'notify.update.readyBody', route: desktopRoutes.settings },
};

/**
 * Core events → desktop notifications: the rules say what is news, the settings which kinds the
 * user wants, and the throttle how many: per kind 3 at once then one every 20 s, all kinds
 * together 5 then one every 10 s. The rest is summed up ("12 more callbacks failed").
 */
export class Notifier {
  private readonly throttle: NotificationThrottle<NotifyKind>;

  constructor(private readonly deps: NotifierDeps) {
    this.throttle = new NotificationThrottle<NotifyKind>(
      { burst: 3, everyMs: 20_000 },
      { burst: 5, everyMs: 10_000 },
      deps.timers,
      (kind, count) => this.summarize(kind, count),
    );
  }

  handle(e: EventEnvelope): void {
    const ctx = this.deps.context();
    for (const n of this.deps.rules.intents(e, ctx)) {
      if (!this.wanted(n.kind)) continue;
      if (n.kind === 'fanMessages' && this.deps.windowFocused()) continue;
      if (this.throttle.admit(n.kind)) this.deps.show({ title: n.title, body: n.body, route: n.route });
    }
  }

  /** The user looked: what was held back for the window to show is no longer news. */
  windowFocused(): void {
    this.throttle.clear('fanMessages');
  }

  dispose(): void {
    this.throttle.dispose();
  }

  private wanted(kind: NotifyKind): boolean {
    const key = KIND_SETTING[kind];
    return key === null || this.deps.settings()[key] === true;
  }

  private summarize(kind: NotifyKind, count: number): void {
    if (!this.wanted(kind)) return;
    const { key, route } = SUMMARY[kind];
    const t = this.deps.context().t;
    this.deps.show({ title: 'MPDesk', body: t(key, { count }), route: route() });
  }
}
