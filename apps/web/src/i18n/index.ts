export { defineMessages, type Catalog } from './define';
export { createFormatters, type Formatters } from './format';
export type { I18n } from './i18n-context';
export { LOCALES, isLocale, pickLocale, type Locale } from './locale';
export { I18nProvider } from './provider';
export {
  createT,
  interpolate,
  translate,
  type MessageKey,
  type MessageParams,
  type T,
} from './translate';
export { useI18n } from './use-i18n';
