export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
/** What the user chose; `auto` follows the OS/browser. Same values as the `language` setting. */
export type LanguagePref = 'auto' | Locale;

/** zh, zh-CN, zh-Hans, zh-TW... -> zh-CN (the only Chinese we ship); anything else -> en. */
export function detectLocale(
  languages: readonly string[] = navigator.languages ?? [navigator.language],
): Locale {
  const first = languages.find(Boolean) ?? 'en';
  return first.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function resolveLocale(pref: LanguagePref): Locale {
  return pref === 'auto' ? detectLocale() : pref;
}
