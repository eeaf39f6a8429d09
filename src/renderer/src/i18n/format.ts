import type { IntlShape } from 'react-intl';
import type { Locale } from './locale';

/** A moment as the API sends it (epoch milliseconds) or a Date. */
export type Instant = number | Date;

/**
 * Dates, times and numbers in the UI language, the only place the renderer formats them. Times use
 * the 24-hour clock in both languages, as the mp backend and server logs do (21:50:15, never
 * 9:50:15 PM); Chinese dates are numeric as the mp backend lists them (2026/12/07), English ones
 * spell the month so day and month cannot be swapped (Dec 7, 2026).
 */
export interface Formatter {
  /** 21:50:15 */
  time(at: Instant): string;
  /** 21:50:15.250: callbacks come in bursts, the milliseconds tell them apart. */
  timeMs(at: Instant): string;
  /** 21:50 */
  hourMinute(at: Instant): string;
  /** 2026/12/07 · Dec 7, 2026 */
  date(at: Instant): string;
  /** 2026/12/07 21:50:15 · Dec 7, 2026, 21:50:15 */
  dateTime(at: Instant): string;
  /** 2026/12/07 21:50:15.250 · Dec 7, 2026, 21:50:15.250 */
  dateTimeMs(at: Instant): string;
  /** 5分钟前 · 5 minutes ago; 37分钟后 · in 37 minutes (the largest unit that fits). */
  relative(at: Instant, now?: Instant): string;
  /** 12,345 (integers, grouped as the language groups them). */
  number(n: number): string;
  /** A byte count in megabytes with the language's unit ("12.5 MB", "12.5 MB" / "12.5兆字节"). */
  megabytes(bytes: number): string;
  /** Milliseconds as the timings show them, without the unit: 0.42, 12.3, 1,234. */
  ms(n: number): string;
}

const H23 = { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' } as const;
const DATE: Record<Locale, Intl.DateTimeFormatOptions> = {
  'zh-CN': { year: 'numeric', month: '2-digit', day: '2-digit' },
  en: { year: 'numeric', month: 'short', day: 'numeric' },
};

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
type Unit = [Intl.RelativeTimeFormatUnit, number];
/** What a time closer than any larger unit is counted in. */
const SMALLEST_UNIT: Unit = ['second', SECOND];
const UNITS: Unit[] = [['day', DAY], ['hour', HOUR], ['minute', MINUTE], SMALLEST_UNIT];

const ms = (at: Instant) => (typeof at === 'number' ? at : at.getTime());

/** Built on react-intl's formatters, which keep one Intl object per option set (createIntlCache). */
export function createFormatter(intl: IntlShape, locale: Locale): Formatter {
  const date = DATE[locale];
  return {
    time: (at) => intl.formatTime(at, H23),
    timeMs: (at) => intl.formatTime(at, { ...H23, fractionalSecondDigits: 3 }),
    hourMinute: (at) => intl.formatTime(at, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
    date: (at) => intl.formatDate(at, date),
    dateTime: (at) => intl.formatDate(at, { ...date, ...H23 }),
    dateTimeMs: (at) => intl.formatDate(at, { ...date, ...H23, fractionalSecondDigits: 3 }),
    relative(at, now = Date.now()) {
      let diff = ms(at) - ms(now);
      // Less than a minute ahead is an event that happened after the caller's `now` was taken (a
      // ticking clock lags behind live events), not a time to come: it reads "now", never "in 3 s".
      if (diff > 0 && diff < MINUTE) diff = 0;
      const [unit, size] = UNITS.find(([, size]) => Math.abs(diff) >= size) ?? SMALLEST_UNIT;
      return intl.formatRelativeTime(Math.round(diff / size), unit, { numeric: 'auto' });
    },
    number: (n) => intl.formatNumber(n, { maximumFractionDigits: 0 }),
    megabytes: (bytes) =>
      intl.formatNumber(bytes / (1024 * 1024), { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }),
    ms(n) {
      if (n < 1) return intl.formatNumber(n, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
      if (n < 100) return intl.formatNumber(n, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
      return intl.formatNumber(Math.round(n), { maximumFractionDigits: 0 });
    },
  };
}
