import 'dayjs/locale/zh-cn';
import dayjs from 'dayjs';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { en } from './en';
import { type Locale, readStoredLocale, storeLocale } from './locale-storage';
import { type MessageKey, type Messages, zhCN } from './zh-CN';

const dictionaries: Record<Locale, Messages> = { 'zh-CN': zhCN, en };
const dayjsLocales: Record<Locale, string> = { 'zh-CN': 'zh-cn', en: 'en' };

export type TranslateVars = Record<string, string | number>;

/** Anything with Chinese and English labels: fields, options. */
export interface Bilingual {
  labelZh: string;
  labelEn: string;
}

export interface I18n {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: (key: MessageKey, vars?: TranslateVars) => string;
  /** The label of a field or option in the current language (falls back to the other one). */
  label: (item: Bilingual) => string;
}

const I18nContext = createContext<I18n | null>(null);

function interpolate(template: string, vars?: TranslateVars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in vars ? String(vars[name]) : match));
}

function applyDocumentLocale(locale: Locale): void {
  dayjs.locale(dayjsLocales[locale]);
  document.documentElement.lang = locale;
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => {
    const initial = readStoredLocale();
    applyDocumentLocale(initial);
    return initial;
  });

  const setLocale = useCallback((next: Locale) => {
    storeLocale(next);
    applyDocumentLocale(next);
    setLocaleState(next);
  }, []);

  const value = useMemo<I18n>(() => {
    const messages = dictionaries[locale];
    return {
      locale,
      setLocale,
      t: (key, vars) => interpolate(messages[key], vars),
      label: (item) => (locale === 'en' ? item.labelEn || item.labelZh : item.labelZh || item.labelEn),
    };
  }, [locale, setLocale]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n must be used inside <I18nProvider>');
  return context;
}
