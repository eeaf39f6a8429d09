import { describe, expect, it } from 'vitest';
import { systemRuntime } from '../runtime';
import { PROBE_HEADER, SOURCE_HEADER, SourceKey } from './source-key';

describe('source key', () => {
  it("marks MPDesk's own requests only with this process's key", () => {
    const keys = new SourceKey(systemRuntime.random);
    expect(keys.sourceOf(keys.headers('simulator'))).toBe('simulator');
    expect(keys.sourceOf({ [SOURCE_HEADER]: 'simulator' })).toBe('wechat');
    expect(keys.sourceOf(new SourceKey(systemRuntime.random).headers('replay'))).toBe('wechat');
  });

  it("a doctor probe's ticket counts once, before it expires, and carries no key", () => {
    let now = 1_000_000;
    const keys = new SourceKey(systemRuntime.random, () => now);
    const probe = keys.probeHeaders();
    expect(Object.keys(probe)).toEqual([PROBE_HEADER]);
    expect(keys.sourceOf(probe)).toBe('doctor');
    // Seen by whoever answered the probe: worthless after its one use.
    expect(keys.sourceOf(probe)).toBe('wechat');
    expect(keys.sourceOf({ [PROBE_HEADER]: 'made-up' })).toBe('wechat');
    const late = keys.probeHeaders();
    now += 31_000;
    expect(keys.sourceOf(late)).toBe('wechat');
  });
});
