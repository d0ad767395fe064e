import { clsx } from 'clsx';
import { focusRing } from '../../components/ui/button';
import { LOCALES, useI18n, type Locale } from '../../i18n';

/** Each language in its own name, so a reader of either can find theirs. */
const LOCALE_NAMES: Record<Locale, string> = { zh: '中文', en: 'English' };
const LANG_ATTR: Record<Locale, string> = { zh: 'zh-CN', en: 'en' };

export function LanguageSwitcher({ className }: { className?: string }) {
  const { locale, setLocale, t } = useI18n();
  return (
    <div
      role="group"
      aria-label={t('nav.language')}
      className={clsx('inline-flex rounded-md border border-neutral-300 bg-white p-0.5', className)}
    >
      {LOCALES.map((option) => (
        <button
          key={option}
          type="button"
          lang={LANG_ATTR[option]}
          aria-pressed={locale === option}
          onClick={() => setLocale(option)}
          className={clsx(
            'rounded px-2 py-1 text-xs font-medium whitespace-nowrap',
            focusRing,
            locale === option ? 'bg-teal-700 text-white' : 'text-neutral-700 hover:bg-neutral-100',
          )}
        >
          {LOCALE_NAMES[option]}
        </button>
      ))}
    </div>
  );
}
