import type { Locale } from './locale';

type DateInput = Date | string | number;

const INTL_LOCALE: Record<Locale, string> = { zh: 'zh-CN', en: 'en-US' };

const toDate = (d: DateInput): Date => (d instanceof Date ? d : new Date(d));

const RELATIVE_UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600_000],
  ['month', 30 * 24 * 3600_000],
  ['week', 7 * 24 * 3600_000],
  ['day', 24 * 3600_000],
  ['hour', 3600_000],
  ['minute', 60_000],
  ['second', 1000],
];

const DURATION_UNITS: [string, number][] = [
  ['day', 24 * 3600_000],
  ['hour', 3600_000],
  ['minute', 60_000],
  ['second', 1000],
];

const BYTE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

export interface Formatters {
  date(d: DateInput): string;
  dateTime(d: DateInput): string;
  /** "3 minutes ago" / "3分钟前"; `now` is for tests. */
  relative(d: DateInput, now?: number): string;
  /** From integer minor units (fen, cents): money(1990, 'CNY') → ¥19.90. */
  money(minor: number, currency: string): string;
  number(n: number): string;
  /** 0.873 → 87.3% */
  percent(ratio: number): string;
  /** The two largest units: 65_000 → "1m 5s" / "1分钟 5秒"; under a second in ms. */
  duration(ms: number): string;
  bytes(n: number): string;
}

export function createFormatters(locale: Locale): Formatters {
  const tag = INTL_LOCALE[locale];
  const dateFmt = new Intl.DateTimeFormat(tag, { dateStyle: 'medium' });
  const dateTimeFmt = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' });
  const relativeFmt = new Intl.RelativeTimeFormat(tag, { numeric: 'auto' });
  const numberFmt = new Intl.NumberFormat(tag);
  const percentFmt = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 1 });
  const unit = (name: string, value: number, display: 'narrow' | 'short') =>
    new Intl.NumberFormat(tag, {
      style: 'unit',
      unit: name,
      unitDisplay: display,
      maximumFractionDigits: 1,
    }).format(value);

  return {
    date: (d) => dateFmt.format(toDate(d)),
    dateTime: (d) => dateTimeFmt.format(toDate(d)),
    relative(d, now = Date.now()) {
      const diff = toDate(d).getTime() - now;
      for (const [name, size] of RELATIVE_UNITS) {
        if (Math.abs(diff) >= size || name === 'second') {
          return relativeFmt.format(Math.round(diff / size), name);
        }
      }
      return relativeFmt.format(0, 'second');
    },
    money(minor, currency) {
      const money = new Intl.NumberFormat(tag, {
        style: 'currency',
        currency,
        currencyDisplay: 'narrowSymbol',
      });
      const digits = money.resolvedOptions().maximumFractionDigits ?? 2;
      return money.format(minor / 10 ** digits);
    },
    number: (n) => numberFmt.format(n),
    percent: (ratio) => percentFmt.format(ratio),
    duration(ms) {
      if (Math.abs(ms) < 1000) return unit('millisecond', Math.round(ms), 'narrow');
      const total = Math.round(Math.abs(ms) / 1000) * 1000;
      const first = DURATION_UNITS.findIndex(([, size]) => total >= size);
      const parts = DURATION_UNITS.slice(first, first + 2)
        .map(([name, size], i) => {
          const count =
            i === 0
              ? Math.floor(total / size)
              : Math.floor(total / size) % (DURATION_UNITS[first]![1] / size);
          return count > 0 ? unit(name, count, 'narrow') : '';
        })
        .filter(Boolean);
      return (ms < 0 ? '-' : '') + parts.join(' ');
    },
    bytes(n) {
      let value = n;
      let index = 0;
      while (Math.abs(value) >= 1024 && index < BYTE_UNITS.length - 1) {
        value /= 1024;
        index += 1;
      }
      return unit(BYTE_UNITS[index] ?? 'byte', value, 'short');
    },
  };
}
