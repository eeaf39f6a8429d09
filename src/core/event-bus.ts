import type { EventEnvelope, EventName, Events } from '../shared/api/contract';
import type { Clock } from './runtime';

type Listener = (e: EventEnvelope) => void;

/** How much an event holds: batched events (callback entries, messages) count their items. */
function weightOf(payload: unknown): number {
  const p = payload as { entries?: unknown; messages?: unknown } | null;
  if (Array.isArray(p?.entries)) return Math.max(1, p.entries.length);
  if (Array.isArray(p?.messages)) return Math.max(1, p.messages.length);
  return 1;
}

/**
 * Core's typed event stream with sequence numbers. It keeps the last `capacity` events, and at
 * most `maxItems` batched items among them, so the headless SSE transport can resume from a
 * `Last-Event-ID` after a reconnect (docs/architecture.md §2); further back, the client gets a `gap` and
 * reloads. The item bound matters under load: a bound by batch count alone held every summary of
 * a long stretch of traffic (the callback bench showed the heap growth), growing the heap the
 * listener's GC walks.
 */
export class EventBus {
  private seq = 0;
  private readonly ring: EventEnvelope[] = [];
  private readonly weights: number[] = [];
  private held = 0;
  private readonly listeners = new Set<Listener>();

  constructor(
    private readonly clock: Clock,
    private readonly capacity = 2000,
    private readonly maxItems = 10_000,
  ) {}

  emit<K extends EventName>(name: K, payload: Events[K]): void {
    const envelope = { seq: ++this.seq, name, payload, at: this.clock.now() } as EventEnvelope;
    const w = weightOf(payload);
    this.ring.push(envelope);
    this.weights.push(w);
    this.held += w;
    let drop = 0;
    for (const oldest of this.weights) {
      const kept = this.ring.length - drop;
      if (kept <= 1 || (kept <= this.capacity && this.held <= this.maxItems)) break;
      this.held -= oldest;
      drop++;
    }
    if (drop) {
      this.ring.splice(0, drop);
      this.weights.splice(0, drop);
    }
    for (const l of this.listeners) {
      try {
        l(envelope);
      } catch {
        // A broken subscriber must not stop the others or the emitter.
      }
    }
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Events after `seq` still in memory; `complete` is false when some were already dropped. */
  since(seq: number): { events: EventEnvelope[]; complete: boolean } {
    const events = this.ring.filter((e) => e.seq > seq);
    const oldest = this.ring[0]?.seq ?? this.seq + 1;
    return { events, complete: seq >= oldest - 1 || seq >= this.seq };
  }

  get lastSeq(): number {
    return this.seq;
  }
}
