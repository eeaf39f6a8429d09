import { createContext, useCallback, useContext, type ReactNode } from 'react';
import type { FieldIssue } from '../../../shared/errors';
import { en, type Dictionary, type MessageKey } from './en';
import type { Locale } from './locale';
import { zhCN } from './zh-CN';

export type { MessageKey } from './en';

const DICTIONARIES: Record<Locale, Dictionary> = { en, 'zh-CN': zhCN };

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

/** `{name}` placeholders; an unknown placeholder stays visible so the mistake is noticed. */
export function interpolate(text: string, params?: Params): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  return interpolate(DICTIONARIES[locale][key] ?? en[key] ?? key, params);
}

/** True for keys we have a translation for (validation keys arrive as strings from the server). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

const LocaleContext = createContext<Locale>('en');

export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

export function useLocale(): Locale {
  return useContext(LocaleContext);
}

export function useT(): Translate {
  const locale = useLocale();
  return useCallback((key, params) => translate(locale, key, params), [locale]);
}

/**
 * A field issue in the user's language: by its key when we know it, else the server's English text
 * (a key added to the contract before its translation still says something useful).
 */
export function useIssueText(): (issue: Pick<FieldIssue, 'key' | 'message'>) => string {
  const t = useT();
  return useCallback((issue) => (isMessageKey(issue.key) ? t(issue.key) : issue.message), [t]);
}
