import { useCallback } from 'react';
import { interpolate, useLocale, type Params } from '../../i18n/i18n';
import { callbacksMessages, type CallbacksMessageKey } from './messages';

export type CbTranslate = (key: CallbacksMessageKey, params?: Params) => string;

/**
 * This screen's strings, in the current language. The screen's dictionary is looked up here rather
 * than merged into the app-wide one, so the feature folder is self-contained; the keys are typed.
 */
export function useCbT(): CbTranslate {
  const locale = useLocale();
  return useCallback(
    (key, params) => interpolate(callbacksMessages[locale][key] ?? callbacksMessages.en[key] ?? key, params),
    [locale],
  );
}

/** For keys built at run time (`cb.reason.${reason}`): falls back to `fallback` when unknown. */
export function isCbKey(key: string): key is CallbacksMessageKey {
  return Object.prototype.hasOwnProperty.call(callbacksMessages.en, key);
}
