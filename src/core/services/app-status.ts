import type { AppStatus } from '../../shared/api/areas/app';
import type { Handlers } from '../../shared/api/contract';
import type { EventBus } from '../event-bus';
import type { Clock } from '../runtime';
import { LogHealth } from '../server/log-health';
import type { CoreModule } from './core-module';

export interface AppStatusDeps {
  app: Pick<AppStatus, 'version' | 'shell' | 'dataDir' | 'startedAt'>;
  clock: Clock;
  events: EventBus;
  accounts: { count(): number };
  listener: { readonly address: AppStatus['callbackListener'] };
}

/**
 * `app.status`, and `app.changed` whenever it changes: once everything has started (this module
 * comes last) and when the callback log starts or stops failing (its LogHealth, which the pipeline
 * tells after each commit).
 */
export class AppStatusModule implements CoreModule<Pick<Handlers, 'app.status'>> {
  readonly logHealth: LogHealth;
  readonly handlers: Pick<Handlers, 'app.status'> = { 'app.status': () => this.status() };

  constructor(private readonly d: AppStatusDeps) {
    this.logHealth = new LogHealth(d.clock, () => this.changed());
  }

  status(): AppStatus {
    return {
      ...this.d.app,
      callbackListener: this.d.listener.address,
      accountCount: this.d.accounts.count(),
      callbackLogFailure: this.logHealth.failure,
    };
  }

  start(): void {
    this.changed();
  }

  stop(): void {}

  private changed(): void {
    this.d.events.emit('app.changed', this.status());
  }
}
