import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { createFormatters } from './format';
import { I18nContext, type I18n } from './i18n-context';
import { initialLocale, rememberLocale, type Locale } from './locale';
import { createT } from './translate';

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  useEffect(() => rememberLocale(locale), [locale]);
  const setLocale = useCallback((next: Locale) => setLocaleState(next), []);
  const value = useMemo<I18n>(
    () => ({ locale, setLocale, t: createT(locale), fmt: createFormatters(locale) }),
    [locale, setLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}
