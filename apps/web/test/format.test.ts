import { describe, expect, it } from 'vitest';
import { createFormatters } from '../src/i18n/format';

const en = createFormatters('en');
const zh = createFormatters('zh');
const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);

describe('fmt.money', () => {
  it('formats integer minor units with ¥ and $ in both locales', () => {
    expect(en.money(1990, 'CNY')).toBe('¥19.90');
    expect(zh.money(1990, 'CNY')).toBe('¥19.90');
    expect(en.money(123456, 'USD')).toBe('$1,234.56');
    expect(zh.money(5, 'USD')).toBe('$0.05');
  });
});

describe('fmt.relative', () => {
  it('says how long ago in each language', () => {
    expect(en.relative(NOW - 3 * 60_000, NOW)).toBe('3 minutes ago');
    expect(zh.relative(NOW - 3 * 60_000, NOW)).toBe('3分钟前');
    expect(en.relative(NOW - 2 * 3600_000, NOW)).toBe('2 hours ago');
    expect(zh.relative(NOW - 24 * 3600_000, NOW)).toBe('昨天');
    expect(en.relative(NOW + 5 * 60_000, NOW)).toBe('in 5 minutes');
    expect(en.relative(new Date(NOW), NOW)).toBe('now');
  });
});

describe('fmt.duration', () => {
  it('shows the two largest units', () => {
    expect(en.duration(65_000)).toBe('1m 5s');
    expect(zh.duration(65_000)).toBe('1分钟 5秒');
    expect(en.duration(3_600_000 + 120_000)).toBe('1h 2m');
    expect(en.duration(3_600_000 + 5_000)).toBe('1h');
    expect(en.duration(42_000)).toBe('42s');
    expect(en.duration(850)).toBe('850ms');
  });
});

describe('fmt.number, percent, bytes', () => {
  it('groups digits per locale', () => {
    expect(en.number(1234567)).toBe('1,234,567');
    expect(zh.number(1234567)).toBe('1,234,567');
  });
  it('formats ratios as percentages', () => {
    expect(en.percent(0.873)).toBe('87.3%');
    expect(zh.percent(1)).toBe('100%');
  });
  it('scales bytes to the largest fitting unit', () => {
    expect(en.bytes(512)).toBe('512 byte');
    expect(en.bytes(1536)).toBe('1.5 kB');
    expect(en.bytes(5 * 1024 * 1024)).toBe('5 MB');
  });
});

describe('fmt.date and dateTime', () => {
  it('writes dates the local way', () => {
    const d = new Date(2026, 0, 5, 14, 30);
    expect(en.date(d)).toBe('Jan 5, 2026');
    expect(zh.date(d)).toBe('2026年1月5日');
    expect(en.dateTime(d)).toMatch(/^Jan 5, 2026, 2:30\sPM$/);
    expect(zh.dateTime(d)).toBe('2026年1月5日 14:30');
    expect(en.date(d.toISOString())).toBe('Jan 5, 2026');
  });
});
