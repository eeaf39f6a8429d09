import type { EventEnvelope, EventName, Events } from '../shared/api/contract';
import type { Clock } from './runtime';

type Listener = (e: EventEnvelope) => void;

/**
 * Core's typed event stream with sequence numbers. It keeps the last `capacity` events so the
 * headless SSE transport can resume from a `Last-Event-ID` after a reconnect (ARCHITECTURE.md §2).
 */
export class EventBus {
  private seq = 0;
  private readonly ring: EventEnvelope[] = [];
  private readonly listeners = new Set<Listener>();

  constructor(
    private readonly clock: Clock,
    private readonly capacity = 2000,
  ) {}

  emit<K extends EventName>(name: K, payload: Events[K]): void {
    const envelope = { seq: ++this.seq, name, payload, at: this.clock.now() } as EventEnvelope;
    this.ring.push(envelope);
    if (this.ring.length > this.capacity) this.ring.splice(0, this.ring.length - this.capacity);
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
