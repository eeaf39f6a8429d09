import { RawIntlProvider, useIntl } from 'react-intl';
import type { ReactNode } from 'react';
import { i18nFor, type I18n } from './i18n';
import type { Locale } from './locale';

/** The UI language for everything below (PreferencesProvider picks it; the missing-token page too). */
export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  return <RawIntlProvider value={i18nFor(locale).intl}>{children}</RawIntlProvider>;
}

/**
 * The one i18n hook: `const { t, fmt, pick } = useI18n()`. The object is the same for as long as
 * the language stays, so `t` and `fmt` can sit in dependency lists without re-running effects.
 */
export function useI18n(): I18n {
  return i18nFor(useIntl().locale as Locale);
}
