import { describe, expect, it } from 'vitest';
import { IntlMessageFormat } from 'intl-messageformat';
import { desktopLocale, translator } from './desktop-i18n';
import { DESKTOP_MESSAGES_EN, DESKTOP_MESSAGES_ZH, type DesktopMessageKey } from './desktop-messages';

/** Every argument a message names, so each can be formatted with a sample value. */
function argsOf(message: string): string[] {
  return [...message.matchAll(/\{(\w+)[,}]/g)].map(([, name = '']) => name);
}

describe('desktop strings', () => {
  it('has every key in both languages, each parsing as an ICU message with the same arguments', () => {
    const keys = Object.keys(DESKTOP_MESSAGES_EN) as DesktopMessageKey[];
    expect(Object.keys(DESKTOP_MESSAGES_ZH).sort()).toEqual([...keys].sort());
    for (const k of keys) {
      const en = DESKTOP_MESSAGES_EN[k];
      const zh = DESKTOP_MESSAGES_ZH[k];
      expect(new Set(argsOf(zh)), k).toEqual(new Set(argsOf(en)));
      const values = Object.fromEntries(argsOf(en).map((a) => [a, a === 'count' ? 2 : `<${a}>`]));
      for (const [locale, m] of [
        ['en', en],
        ['zh-CN', zh],
      ] as const) {
        const out = String(new IntlMessageFormat(m, locale).format(values));
        expect(out, `${locale} ${k}`).not.toMatch(/[{}]/);
      }
    }
  });

  it('formats plurals and arguments per language', () => {
    const en = translator('en');
    const zh = translator('zh-CN');
    expect(en('tray.unread', { count: 0 })).toBe('No new fan messages');
    expect(en('tray.unread', { count: 1 })).toBe('1 new fan message');
    expect(en('tray.unread', { count: 12 })).toBe('12 new fan messages');
    expect(zh('tray.unread', { count: 12 })).toBe('12 条新的粉丝消息');
    expect(en('notify.token.40164', { ip: '1.2.3.4' })).toContain('Add 1.2.3.4 to 基本配置 → IP白名单');
    expect(en('notify.fan.body', { text: 'it’s {weird}' })).toContain('it’s {weird}');
  });

  it('follows the language setting, and the OS when it is auto', () => {
    expect(desktopLocale('zh-CN', ['en-US'])).toBe('zh-CN');
    expect(desktopLocale('en', ['zh-CN'])).toBe('en');
    expect(desktopLocale('auto', ['zh-Hans-CN', 'en'])).toBe('zh-CN');
    expect(desktopLocale('auto', ['zh-TW'])).toBe('zh-CN');
    expect(desktopLocale('auto', ['de-DE', 'zh-CN'])).toBe('en');
    expect(desktopLocale('auto', [])).toBe('en');
  });
});
