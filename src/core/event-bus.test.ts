import { describe, expect, it } from 'vitest';
import type { CallbackSummaryDto } from '../shared/api/areas/callbacks';
import { EventBus } from './event-bus';

const batch = (n: number) => ({
  entries: Array.from({ length: n }, (_, i) => ({ id: i }) as CallbackSummaryDto),
  firstSeq: 0,
  lastSeq: n - 1,
});

describe('EventBus ring', () => {
  it('keeps at most `capacity` events and `maxItems` batched items for resuming', () => {
    const bus = new EventBus({ now: () => 0 }, 100, 10);
    for (let i = 0; i < 5; i++) bus.emit('callbacks.logged', batch(4));
    // 5 batches of 4 items: only the last two fit in 10 items.
    const r = bus.since(0);
    expect(r.events.map((e) => e.seq)).toEqual([4, 5]);
    expect(r.complete).toBe(false);
    expect(bus.since(3)).toMatchObject({ complete: true });
    // Unbatched events weigh one each, and the count bound still applies.
    const small = new EventBus({ now: () => 0 }, 3, 1000);
    for (let i = 0; i < 5; i++) small.emit('app.changed', {} as never);
    expect(small.since(0).events.map((e) => e.seq)).toEqual([3, 4, 5]);
  });

  it('keeps the newest event even when it alone is over the item bound', () => {
    const bus = new EventBus({ now: () => 0 }, 100, 10);
    bus.emit('callbacks.logged', batch(3));
    bus.emit('callbacks.logged', batch(50));
    expect(bus.since(0).events.map((e) => e.seq)).toEqual([2]);
    bus.emit('callbacks.logged', batch(2));
    expect(bus.since(0).events.map((e) => e.seq)).toEqual([3]);
  });
});
