import { describe, expect, it } from 'vitest';
import { defineMessages } from '../src/i18n/define';
import { messages } from '../src/i18n/messages';
import { placeholders, translate } from '../src/i18n/translate';
import { pickLocale } from '../src/i18n/locale';

const areas = Object.entries(messages) as [
  string,
  { en: Record<string, string>; zh: Record<string, string> },
][];

describe('message catalogs', () => {
  it('cover the seven areas', () => {
    expect(Object.keys(messages).sort()).toEqual(
      ['admin', 'auth', 'billing', 'common', 'instances', 'nav', 'settings'].sort(),
    );
  });

  for (const [area, catalog] of areas) {
    describe(area, () => {
      it('has the same keys in zh and en', () => {
        expect(Object.keys(catalog.zh).sort()).toEqual(Object.keys(catalog.en).sort());
      });

      it('has no empty message', () => {
        for (const locale of ['en', 'zh'] as const) {
          const empty = Object.entries(catalog[locale]).filter(([, text]) => !text.trim());
          expect(empty.map(([key]) => `${locale}:${key}`)).toEqual([]);
        }
      });

      it('uses the same {placeholders} in both locales', () => {
        const mismatched = Object.keys(catalog.en).filter(
          (key) =>
            placeholders(catalog.en[key] ?? '').join() !==
            placeholders(catalog.zh[key] ?? '').join(),
        );
        expect(mismatched).toEqual([]);
      });

      it('has Chinese text in zh (not an untranslated copy of en)', () => {
        const copies = Object.keys(catalog.en).filter((key) => {
          const en = catalog.en[key] ?? '';
          // Copies are fine for placeholders, codes, names (Stripe) and symbols; lowercase words are not.
          const words = en.replace(/\{\w+\}/g, '').replace(/\b[A-Z][\w-]*\b|\b[0-9_]+\b/g, '');
          return catalog.zh[key] === en && /[a-z]{3,}/i.test(words);
        });
        expect(copies).toEqual([]);
      });
    });
  }
});

describe('translate', () => {
  it('interpolates parameters in either locale', () => {
    expect(translate('en', 'auth.error.rateLimited', { seconds: 12 })).toBe(
      'Too many attempts. Try again in 12 s.',
    );
    expect(translate('zh', 'auth.error.rateLimited', { seconds: 12 })).toBe(
      '尝试次数过多，请在 12 秒后重试。',
    );
  });

  it('keeps a placeholder visible when its parameter is missing', () => {
    expect(translate('en', 'auth.passwordHint')).toBe('At least {min} characters.');
  });

  it('shows the key rather than crashing on an unknown key at run time', () => {
    expect(translate('en', 'common.nope' as never)).toBe('common.nope');
  });
});

describe('defineMessages', () => {
  it('returns both catalogs unchanged', () => {
    const m = defineMessages({ en: { a: 'A {x}' }, zh: { a: '甲 {x}' } });
    expect(m.zh.a).toBe('甲 {x}');
    // @ts-expect-error zh must not have keys en lacks
    defineMessages({ en: { a: 'A' }, zh: { a: '甲', b: '乙' } });
    // @ts-expect-error zh must have every key of en
    defineMessages({ en: { a: 'A', b: 'B' }, zh: { a: '甲' } });
  });
});

describe('pickLocale', () => {
  it('prefers the remembered choice, then the browser language', () => {
    expect(pickLocale('en', ['zh-CN'])).toBe('en');
    expect(pickLocale(null, ['zh-TW', 'en'])).toBe('zh');
    expect(pickLocale(null, ['en-GB', 'zh-CN'])).toBe('en');
    expect(pickLocale('fr', ['de'])).toBe('en');
    expect(pickLocale(undefined, [])).toBe('en');
  });
});
