import { describe, expect, it } from 'vitest';
import { NotificationThrottle, type Timers } from './notification-throttle';

/** A clock the test moves; timers fire when it passes them. */
function manualTimers() {
  let now = 1_000_000;
  const pending: { at: number; fn: () => void; id: number }[] = [];
  let ids = 0;
  const timers: Timers = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const t = { at: now + ms, fn, id: ++ids };
      pending.push(t);
      return t.id;
    },
    clearTimeout: (id) => {
      const i = pending.findIndex((t) => t.id === id);
      if (i >= 0) pending.splice(i, 1);
    },
  };
  const advance = (ms: number) => {
    const until = now + ms;
    for (;;) {
      pending.sort((a, b) => a.at - b.at);
      const next = pending[0];
      if (!next || next.at > until) break;
      pending.shift();
      now = next.at;
      next.fn();
    }
    now = until;
  };
  return { timers, advance, pending };
}

function throttle(perKind = { burst: 3, everyMs: 20_000 }, shared = { burst: 5, everyMs: 10_000 }) {
  const { timers, advance, pending } = manualTimers();
  const summaries: [string, number][] = [];
  const th = new NotificationThrottle<string>(perKind, shared, timers, (k, n) => summaries.push([k, n]));
  return { th, advance, pending, summaries };
}

describe('notification throttle', () => {
  it('lets a burst through, then holds the rest and tells them in one summary', () => {
    const { th, advance, summaries } = throttle({ burst: 3, everyMs: 20_000 }, { burst: 5, everyMs: 10_000 });
    const shown = Array.from({ length: 500 }, () => th.admit('a')).filter(Boolean).length;
    expect(shown).toBe(3);
    expect(summaries).toEqual([]);
    advance(19_999);
    expect(summaries).toEqual([]);
    advance(1);
    expect(summaries).toEqual([['a', 497]]);
    // Quiet again: the next one shows at once only once the bucket has refilled.
    expect(th.admit('a')).toBe(false);
    advance(20_000);
    expect(summaries).toEqual([
      ['a', 497],
      ['a', 1],
    ]);
    th.dispose();
  });

  it('shares one budget across kinds, so many kinds at once cannot flood either', () => {
    const { th, advance, summaries } = throttle({ burst: 3, everyMs: 20_000 }, { burst: 5, everyMs: 10_000 });
    const shown = ['a', 'a', 'b', 'b', 'c', 'c', 'd'].map((k) => th.admit(k));
    expect(shown).toEqual([true, true, true, true, true, false, false]);
    advance(10_000);
    advance(10_000);
    expect(summaries.map(([k]) => k).sort()).toEqual(['c', 'd']);
    th.dispose();
  });

  it('keeps order: once something is held, later ones of that kind join the summary', () => {
    const { th, advance, summaries } = throttle({ burst: 1, everyMs: 1_000 }, { burst: 10, everyMs: 1 });
    expect(th.admit('x')).toBe(true);
    expect(th.admit('x')).toBe(false);
    advance(1_000);
    expect(summaries).toEqual([['x', 1]]);
    th.clear();
    th.dispose();
  });

  it('drops what was held when cleared', () => {
    const { th, advance, pending, summaries } = throttle(
      { burst: 1, everyMs: 1_000 },
      { burst: 10, everyMs: 1 },
    );
    th.admit('x');
    th.admit('x');
    th.clear('x');
    advance(5_000);
    expect(summaries).toEqual([]);
    th.dispose();
    expect(pending).toEqual([]);
  });
});
