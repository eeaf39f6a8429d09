import { describe, expect, it } from 'vitest';
import { VALIDATION_MESSAGES_EN } from '../../../shared/api/validation-messages';
import { en } from './en';
import { interpolate, isMessageKey, translate } from './i18n';
import { detectLocale } from './locale';
import { zhCN } from './zh-CN';

describe('renderer i18n', () => {
  it('translates every validation key the contract can send, in both languages', () => {
    const missing = Object.keys(VALIDATION_MESSAGES_EN).filter((k) => !isMessageKey(k));
    expect(missing).toEqual([]);
    for (const [k, en] of Object.entries(VALIDATION_MESSAGES_EN)) {
      expect(translate('en', k as never)).toBe(en);
      expect(translate('zh-CN', k as never)).not.toBe('');
      expect(translate('zh-CN', k as never)).not.toBe(en);
    }
  });

  it('has the same keys in both dictionaries and no empty text', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
    for (const [k, v] of [...Object.entries(en), ...Object.entries(zhCN)]) expect(v, k).not.toBe('');
  });

  it('keeps the same placeholders in both languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of Object.keys(en) as (keyof typeof en)[]) expect(names(zhCN[k]), k).toEqual(names(en[k]));
  });

  it('interpolates named placeholders and leaves unknown ones visible', () => {
    expect(interpolate('Edit “{name}”', { name: 'Shop' })).toBe('Edit “Shop”');
    expect(interpolate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });

  it('maps any Chinese browser locale to zh-CN and everything else to English', () => {
    expect(detectLocale(['zh-TW', 'en'])).toBe('zh-CN');
    expect(detectLocale(['zh'])).toBe('zh-CN');
    expect(detectLocale(['en-GB', 'zh-CN'])).toBe('en');
    expect(detectLocale([])).toBe('en');
  });
});
