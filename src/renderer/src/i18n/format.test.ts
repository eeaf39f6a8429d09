import { describe, expect, it } from 'vitest';
import { i18nFor } from './i18n';

// Local time, so the expectations hold in any time zone the tests run in.
const at = new Date(2026, 11, 7, 21, 50, 15, 250).getTime();
const zh = i18nFor('zh-CN').fmt;
const en = i18nFor('en').fmt;

describe('the formatter, in the UI language', () => {
  it('shows times on the 24-hour clock in both languages', () => {
    expect(zh.time(at)).toBe('21:50:15');
    expect(en.time(at)).toBe('21:50:15');
    expect(zh.timeMs(at)).toBe('21:50:15.250');
    expect(zh.hourMinute(at)).toBe('21:50');
    expect(zh.time(new Date(2026, 0, 2, 9, 5, 3))).toBe('09:05:03');
    for (const f of [zh, en]) expect(f.dateTime(at)).not.toMatch(/AM|PM|上午|下午|晚上/);
  });

  it('writes Chinese dates as the mp backend does and English ones with the month spelled', () => {
    expect(zh.date(at)).toBe('2026/12/07');
    expect(zh.dateTime(at)).toBe('2026/12/07 21:50:15');
    expect(zh.dateTimeMs(at)).toBe('2026/12/07 21:50:15.250');
    expect(en.date(at)).toBe('Dec 7, 2026');
    expect(en.dateTime(at)).toBe('Dec 7, 2026, 21:50:15');
  });

  it('says how long ago or how soon, in the largest unit that fits', () => {
    const now = at;
    expect(zh.relative(now - 5 * 60_000, now)).toBe('5分钟前');
    expect(en.relative(now - 5 * 60_000, now)).toBe('5 minutes ago');
    expect(zh.relative(now + 37 * 60_000, now)).toBe('37分钟后');
    expect(en.relative(now + 37 * 60_000, now)).toBe('in 37 minutes');
    expect(en.relative(now - 3 * 3_600_000, now)).toBe('3 hours ago');
    expect(zh.relative(now - 2 * 86_400_000, now)).toBe('前天');
    expect(en.relative(now - 20_000, now)).toBe('20 seconds ago');
    // A message that arrived after the ticking `now` was taken is not in the future.
    expect(zh.relative(now + 3_000, now)).toBe('现在');
    expect(en.relative(now + 3_000, now)).toBe('now');
  });

  it('groups numbers and shows timings with the precision they need', () => {
    expect(zh.number(1234567)).toBe('1,234,567');
    expect(en.number(1234567)).toBe('1,234,567');
    expect(en.ms(0.4234)).toBe('0.42');
    expect(en.ms(12.34)).toBe('12.3');
    expect(zh.ms(1234.4)).toBe('1,234');
  });
});
