import type { LanguagePref } from '../i18n/locale';
import type { ThemePref } from './theme';

/**
 * The server owns language and theme (settings.update); this localStorage copy only lets the first
 * paint, before settings.get answers, use the right language and colours.
 */
const KEY = 'mpdesk.preferences';

export interface MirroredPrefs {
  language: LanguagePref;
  theme: ThemePref;
}

const LANGS: readonly string[] = ['auto', 'zh-CN', 'en'];
const THEMES: readonly string[] = ['system', 'light', 'dark'];

export function readMirror(): MirroredPrefs {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Record<string, unknown>>;
    return {
      language: LANGS.includes(raw.language as string) ? (raw.language as LanguagePref) : 'auto',
      theme: THEMES.includes(raw.theme as string) ? (raw.theme as ThemePref) : 'system',
    };
  } catch {
    return { language: 'auto', theme: 'system' };
  }
}

export function writeMirror(p: MirroredPrefs): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(p));
  } catch {
    // Storage may be disabled; the server copy still holds the choice.
  }
}
