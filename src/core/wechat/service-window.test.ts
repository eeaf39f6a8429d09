import { describe, expect, it } from 'vitest';
import { serviceWindow, windowGrantOf, WINDOW_RULES } from './service-window';

const H = 3_600_000;
const T0 = Date.UTC(2026, 0, 5, 2, 0, 0);
/** Marks at `at`, numbered from `pos` on. */
const marks = (at: number[], pos = 10) => at.map((t, i) => ({ at: t, pos: pos + i }));
const mark = (at: number, pos: number) => ({ at, pos });

describe('customer-service window (§10.1)', () => {
  it('a sent message opens 48 hours with 5 messages; the 6th is 45047; after 48 h it is 45015', () => {
    const openers = { message: mark(T0, 1), action: null };
    expect(serviceWindow(openers, [], T0 + H)).toMatchObject({ open: true, remaining: 5, verdict: 0 });
    const sends = marks([1, 2, 3, 4, 5].map((i) => T0 + i * 1000));
    expect(serviceWindow(openers, sends.slice(0, 4), T0 + H)).toMatchObject({ remaining: 1, verdict: 0 });
    expect(serviceWindow(openers, sends, T0 + H)).toMatchObject({ open: true, remaining: 0, verdict: 45047 });
    // The boundary itself is still inside; a millisecond later it is not.
    expect(serviceWindow(openers, [], T0 + 48 * H).verdict).toBe(0);
    expect(serviceWindow(openers, [], T0 + 48 * H + 1)).toMatchObject({ open: false, verdict: 45015 });
    expect(serviceWindow({ message: null, action: null }, [], T0).verdict).toBe(45015);
  });

  it('a new message gives a fresh quota: sends before it do not count, even in the same millisecond', () => {
    const sends = marks([1, 2, 3, 4, 5].map(() => T0));
    expect(serviceWindow({ message: mark(T0, 100), action: null }, sends, T0)).toMatchObject({
      remaining: 5,
      closesAt: T0 + 48 * H,
    });
    expect(serviceWindow({ message: mark(T0, 1), action: null }, sends, T0).verdict).toBe(45047);
  });

  it('a click, follow or QR scan opens one minute with 3, beside the message grant, used first', () => {
    expect(WINDOW_RULES.action).toEqual({ lastsMs: 60_000, quota: 3 });
    const click = T0 + 10 * H;
    const both = { message: mark(T0, 1), action: mark(click, 5) };
    const s = serviceWindow(both, marks([click + 1000, click + 2000]), click + 3000);
    // The one-minute grant closes first, so it pays for the two sends; the 48 h grant keeps its 5.
    expect(s.grants.map((g) => [g.kind, g.used])).toEqual([
      ['action', 2],
      ['message', 0],
    ]);
    expect(s.remaining).toBe(6);
    // A click alone: 3 within the minute, then 45047, and after the minute 45015.
    const alone = { message: null, action: mark(click, 5) };
    const three = marks([1, 2, 3].map((i) => click + i * 1000));
    expect(serviceWindow(alone, three, click + 5000).verdict).toBe(45047);
    expect(serviceWindow(alone, [], click + 60_001).verdict).toBe(45015);
  });

  it('classifies what opens a grant', () => {
    expect(windowGrantOf('text', null)).toBe('message');
    expect(windowGrantOf('image', null)).toBe('message');
    expect(windowGrantOf('event', 'CLICK')).toBe('action');
    expect(windowGrantOf('event', 'scancode_waitmsg')).toBe('action');
    expect(windowGrantOf('event', 'subscribe')).toBe('action');
    expect(windowGrantOf('event', 'SCAN')).toBe('action');
    expect(windowGrantOf('event', 'VIEW')).toBeNull();
    expect(windowGrantOf('event', 'LOCATION')).toBeNull();
    expect(windowGrantOf('event', 'unsubscribe')).toBeNull();
    expect(windowGrantOf(null, null)).toBeNull();
  });
});
