import { useCallback } from 'react';
import type { Bilingual } from '../../../shared/api/areas/common';
import type { ErrorBody } from '../../../shared/errors';
import { interpolate, isMessageKey, useLocale, useT, type MessageKey, type Params } from './i18n';

type FeatureDict = { en: Record<string, string>; 'zh-CN': Record<string, string> };

/** A translate function over a feature's own messages, falling back to the app-wide keys. */
export type FeatureT<D extends FeatureDict> = (
  key: (keyof D['en'] & string) | MessageKey,
  params?: Params,
) => string;

/**
^ * Screens keep their strings in their own messages.ts
 * (defineMessages, so both languages have the same keys) and read them through this hook, which
 * also reaches the app-wide keys (`common.*`, `validation.*`, `error.*`).
 */
export function useFeatureT<D extends FeatureDict>(dict: D): FeatureT<D> {
  const locale = useLocale();
  const t = useT();
  return useCallback(
    (key, params) => {
      const own = dict[locale][key] ?? dict.en[key];
      if (own !== undefined) return interpolate(own, params);
      return t(key as MessageKey, params);
    },
    [dict, locale, t],
  );
}

/** An error body in the user's language: its code's text, then the server's detail. */
export function useErrorText(): (e: Pick<ErrorBody, 'code' | 'message'>) => string {
  const t = useT();
  return useCallback(
    (e) => {
      const k = `error.${e.code}`;
      return isMessageKey(k) ? `${t(k)}: ${e.message}` : e.message;
    },
    [t],
  );
}

/** Text the server sends in both languages (tunnel, doctor, errcode explanations). */
export function usePick(): (b: Bilingual | null | undefined) => string {
  const locale = useLocale();
  return useCallback((b) => (b ? (locale === 'zh-CN' ? b.zh : b.en) : ''), [locale]);
}
