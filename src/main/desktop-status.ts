import type { AppStatus, ListenerInfo } from '../shared/api/areas/app';
import type { EventEnvelope } from '../shared/api/contract';
import type { TunnelStatus } from '../shared/api/areas/tunnel';

/** What the tray, the badge and the title count as unread fan messages. */
export interface UnreadFanMessages {
  count(): number;
  handle(e: EventEnvelope): boolean;
  /** The user looked at the window. */
  markSeen(): boolean;
}

/**
 * The message centre's count: fans' messages not yet read in their thread, across accounts, as
 * core keeps it (`conversations.unread`, then `conversations.unreadChanged`). Looking at the window
 * reads nothing; opening the thread does.
 */
export class ThreadUnread implements UnreadFanMessages {
  constructor(private n: number) {}
  count(): number {
    return this.n;
  }
  handle(e: EventEnvelope): boolean {
    if (e.name !== 'conversations.unreadChanged') return false;
    const changed = e.payload.total !== this.n;
    this.n = e.payload.total;
    return changed;
  }
  markSeen(): boolean {
    return false;
  }
}

export interface ShellState {
  listener: ListenerInfo | null;
  logFailing: boolean;
  tunnel: Pick<TunnelStatus, 'provider' | 'state' | 'publicUrl'> | null;
  unread: number;
}

/** The state the tray, the badge and the window title show, kept current from core's events. */
export class DesktopStatus {
  private state: ShellState;
  private readonly listeners = new Set<(s: ShellState) => void>();

  constructor(
    initial: { app: AppStatus; tunnel: TunnelStatus | null },
    private readonly unread: UnreadFanMessages,
  ) {
    this.state = {
      listener: initial.app.callbackListener,
      logFailing: initial.app.callbackLogFailure !== null,
      tunnel: initial.tunnel && pickTunnel(initial.tunnel),
      unread: unread.count(),
    };
  }

  get(): ShellState {
    return this.state;
  }

  onChange(fn: (s: ShellState) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  handle(e: EventEnvelope): void {
    if (e.name === 'app.changed') {
      this.set({ listener: e.payload.callbackListener, logFailing: e.payload.callbackLogFailure !== null });
    } else if (e.name === 'tunnel.changed') {
      this.set({ tunnel: pickTunnel(e.payload) });
    } else if (this.unread.handle(e)) {
      this.set({ unread: this.unread.count() });
    }
  }

  markSeen(): void {
    if (this.unread.markSeen()) this.set({ unread: this.unread.count() });
  }

  private set(patch: Partial<ShellState>): void {
    const next = { ...this.state, ...patch };
    if (JSON.stringify(next) === JSON.stringify(this.state)) return;
    this.state = next;
    for (const fn of this.listeners) fn(next);
  }
}

function pickTunnel(t: TunnelStatus): ShellState['tunnel'] {
  return { provider: t.provider, state: t.state, publicUrl: t.publicUrl };
}
