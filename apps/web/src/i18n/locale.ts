export const LOCALES = ['zh', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const LOCALE_STORAGE_KEY = 'roundhouse.locale';

export function isLocale(value: unknown): value is Locale {
  return value === 'zh' || value === 'en';
}

/** The remembered choice wins; otherwise the browser's first language (`zh*` → zh, else en). */
export function pickLocale(
  stored: string | null | undefined,
  languages: readonly string[],
): Locale {
  if (isLocale(stored)) return stored;
  const first = languages[0]?.toLowerCase() ?? '';
  return first.startsWith('zh') ? 'zh' : 'en';
}

/** Reads the browser state; safe where storage is unavailable (private mode, tests). */
export function initialLocale(): Locale {
  let stored: string | null = null;
  try {
    stored = globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY) ?? null;
  } catch {
    stored = null;
  }
  const languages = globalThis.navigator?.languages ?? [globalThis.navigator?.language ?? 'en'];
  return pickLocale(stored, languages);
}

export function rememberLocale(locale: Locale): void {
  try {
    globalThis.localStorage?.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // Storage may be blocked; the choice then lasts for this page only.
  }
  if (typeof document !== 'undefined')
    document.documentElement.lang = locale === 'zh' ? 'zh-CN' : 'en';
}
