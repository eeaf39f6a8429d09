import { describe, expect, it } from 'vitest';
import type { DoctorCheck } from '../../src/shared/api/areas/doctor';
import { ManualClock, startCoreWithSandbox } from '../helpers/sandbox';

/**
 * Issue 18, item 6: the listener refuses signed messages outside its timestamp window, so the setup
 * doctor compares this machine's clock with the API host's `Date` header (here the sandbox's, which
 * keeps its own clock as WeChat's servers keep theirs).
 */
async function clockCheck(skewMs: number, windowS?: number): Promise<DoctorCheck> {
  const s = await startCoreWithSandbox({ sandboxClock: new ManualClock(Date.now() + skewMs) });
  if (windowS) s.core.services.settings.update({ callbackTimestampWindowS: windowS });
  const report = await s.core.services.doctor.run(s.account.id);
  return report.checks.find((c) => c.id === 'clock')!;
}

describe('doctor: the machine’s clock', () => {
  it('passes when the clocks agree', async () => {
    const c = await clockCheck(0);
    expect(c.status).toBe('pass');
    expect(Math.abs(Number(c.facts!.skewSeconds))).toBeLessThanOrEqual(2);
  });

  it('warns about a clock a few minutes off, and fails one the window no longer covers', async () => {
    const warn = await clockCheck(-120_000);
    expect(warn.status).toBe('warn');
    // The Date header has whole seconds, so a busy machine may see a second either way.
    expect(warn.saw.en).toMatch(/(119|120|121) s ahead of/);
    expect(warn.fix?.zh).toContain('NTP');
    const fail = await clockCheck(20 * 60_000);
    expect(fail).toMatchObject({ status: 'fail', facts: { windowSeconds: 300 } });
    expect(fail.saw.en).toMatch(/(1199|1200|1201) s behind.*stale_timestamp/);
    expect(fail.saw.zh).toMatch(/慢 (1199|1200|1201) 秒/);
    // A wider window covers the same clock.
    expect((await clockCheck(20 * 60_000, 7200)).status).toBe('warn');
  });
});
