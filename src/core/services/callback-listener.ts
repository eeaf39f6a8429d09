import type { ListenerInfo } from '../../shared/api/areas/app';
import { HttpListener } from '../http';
import { createCallbackRouter, createUpgradeRouter, type CallbackRoute } from '../server/callback-routes';
import type { CoreModule } from './core-module';

/**
 * The callback listener WeChat calls (docs/architecture.md §3), as a module. It is declared before
 * the modules whose routes it serves, since they need its URL, and given their routes once they
 * exist (`mount`), before it starts.
 */
export class CallbackListener implements CoreModule<Record<never, never>> {
  readonly handlers = {};
  private http?: HttpListener;

  constructor(private readonly opts: { host: string; port: number }) {}

  /** The routes it serves, tried in order (the pipeline's catch-all last). Once, before `start`. */
  mount(routes: CallbackRoute[]): void {
    if (this.http) throw new Error('The callback listener has its routes already');
    this.http = new HttpListener(createCallbackRouter(routes), {
      ...this.opts,
      name: 'callback',
      upgrade: createUpgradeRouter(routes),
    });
  }

  /** Where it listens; null until it has started. */
  get address(): ListenerInfo | null {
    return this.http?.address ?? null;
  }

  /** Its base URL once it listens. */
  readonly url = (): string | null => this.address?.url ?? null;

  async start(): Promise<void> {
    if (!this.http) throw new Error('The callback listener was started before its routes were mounted');
    await this.http.start();
  }

  stop(): Promise<void> {
    return this.http?.stop() ?? Promise.resolve();
  }
}
