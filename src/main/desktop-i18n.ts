import type { Bilingual } from '../shared/api/areas/common';
import { IntlMessageFormat } from 'intl-messageformat';
import type { Settings } from '../shared/api/areas/settings';
import { DESKTOP_MESSAGES_EN, DESKTOP_MESSAGES_ZH, type DesktopMessageKey } from './desktop-messages';

export type DesktopLocale = 'zh-CN' | 'en';
export type Values = Record<string, string | number>;
export type Translate = (key: DesktopMessageKey, values?: Values) => string;

/**
 * The UI language setting decides, as in the renderer: `auto` follows the OS (any Chinese → 简体中文,
 * the only Chinese we ship; anything else → English).
 */
export function desktopLocale(
  language: Settings['language'],
  systemLanguages: readonly string[],
): DesktopLocale {
  if (language !== 'auto') return language;
  return (systemLanguages.find(Boolean) ?? 'en').toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

const cache = new Map<string, IntlMessageFormat>();

export function translator(locale: DesktopLocale): Translate {
  const table = locale === 'zh-CN' ? DESKTOP_MESSAGES_ZH : DESKTOP_MESSAGES_EN;
  return (key, values) => {
    const id = `${locale}:${key}`;
    let f = cache.get(id);
    if (!f) {
      f = new IntlMessageFormat(table[key], locale);
      cache.set(id, f);
    }
    return String(f.format(values));
  };
}

/** Text core sends in both languages (tunnel reasons, URL changes), in the shell's language. */
export function pick(text: Bilingual, locale: DesktopLocale): string {
  return locale === 'zh-CN' ? text.zh : text.en;
}
