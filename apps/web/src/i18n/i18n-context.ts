import { createContext } from 'react';
import type { Formatters } from './format';
import type { Locale } from './locale';
import type { T } from './translate';

export interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t: T;
  fmt: Formatters;
}

export const I18nContext = createContext<I18n | null>(null);
