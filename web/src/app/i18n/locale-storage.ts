export type Locale = 'zh-CN' | 'en';

const LOCALE_KEY = 'relata.locale';
export const DEFAULT_LOCALE: Locale = 'zh-CN';

export function isLocale(value: unknown): value is Locale {
  return value === 'zh-CN' || value === 'en';
}

export function readStoredLocale(): Locale {
  try {
    const stored = localStorage.getItem(LOCALE_KEY);
    return isLocale(stored) ? stored : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

/** Whether the user picked a language in this browser (then it wins over the profile's). */
export function hasStoredLocale(): boolean {
  try {
    return isLocale(localStorage.getItem(LOCALE_KEY));
  } catch {
    return false;
  }
}

export function storeLocale(locale: Locale): void {
  localStorage.setItem(LOCALE_KEY, locale);
}
