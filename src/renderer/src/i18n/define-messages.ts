/** One feature's messages: English and 简体中文 with the same keys. */
export interface MessageSet {
  en: Record<string, string>;
  'zh-CN': Record<string, string>;
}

/**
 * A feature's messages in both languages, as ICU MessageFormat (`{name}`, `{count, plural, ...}`).
 * The Chinese dictionary must have exactly the English keys: a missing or extra key is a type error,
 * so the two never drift apart.
 */
export function defineMessages<const E extends Record<string, string>>(
  en: E,
  zhCN: { [K in keyof NoInfer<E>]: string },
): { en: E; 'zh-CN': { [K in keyof E]: string } } {
  return { en, 'zh-CN': zhCN };
}
