import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { VALIDATION_MESSAGES_EN } from '../../../shared/api/validation-messages';
import { CATALOGS, isMessageKey, type MessageKey } from './catalog';
import { i18nFor } from './i18n';
import { detectLocale } from './locale';

const en = i18nFor('en');
const zh = i18nFor('zh-CN');

/** The argument names a message uses, nested plural/select branches included. */
function argumentsOf(ast: MessageFormatElement[], out = new Set<string>()): Set<string> {
  for (const el of ast) {
    if (el.type === TYPE.literal || el.type === TYPE.pound) continue;
    if ('value' in el && typeof el.value === 'string') out.add(el.value);
    if ('options' in el) for (const o of Object.values(el.options)) argumentsOf(o.value, out);
    if (el.type === TYPE.tag) argumentsOf(el.children, out);
  }
  return out;
}

describe('renderer i18n', () => {
  it('translates every validation key the contract can send, in both languages', () => {
    const missing = Object.keys(VALIDATION_MESSAGES_EN).filter((k) => !isMessageKey(k));
    expect(missing).toEqual([]);
    for (const [k, text] of Object.entries(VALIDATION_MESSAGES_EN)) {
      expect(en.t(k as MessageKey)).toBe(text);
      expect(zh.t(k as MessageKey)).not.toBe('');
      expect(zh.t(k as MessageKey)).not.toBe(text);
    }
  });

  it('has the same keys in both catalogs and no empty text', () => {
    expect(Object.keys(CATALOGS['zh-CN']).sort()).toEqual(Object.keys(CATALOGS.en).sort());
    for (const c of Object.values(CATALOGS))
      for (const [k, v] of Object.entries(c)) expect(v, k).not.toBe('');
  });

  it('every message is valid ICU and both languages take the same arguments', () => {
    for (const k of Object.keys(CATALOGS.en) as MessageKey[]) {
      const a = parse(CATALOGS.en[k], { ignoreTag: true });
      const b = parse(CATALOGS['zh-CN'][k], { ignoreTag: true });
      expect([...argumentsOf(b)].sort(), k).toEqual([...argumentsOf(a)].sort());
    }
  });

  it('pluralizes counts in English and keeps Chinese as it is', () => {
    expect(en.t('cb.newEntriesLabel', { count: 1 })).toBe('Show 1 new entry');
    expect(en.t('cb.newEntriesLabel', { count: 3 })).toBe('Show 3 new entries');
    expect(en.t('cb.newEntriesLabel', { count: 1234 })).toBe('Show 1,234 new entries');
    expect(zh.t('cb.newEntriesLabel', { count: 1 })).toBe('显示 1 条新记录');
    expect(en.t('cb.detail.deliveryOrdinal', { n: 2 })).toBe('2nd');
    expect(en.t('cb.detail.deliveryOrdinal', { n: 4 })).toBe('4th');
    expect(zh.t('cb.detail.deliveryOrdinal', { n: 2 })).toBe('第 2 次');
  });

  it('prints a plain argument as it is and groups {n, number} and plural counts', () => {
    expect(en.t('cb.detail.label', { id: 12345 })).toBe('Callback #12345');
    expect(en.t('cb.shown', { count: 12345 })).toBe('12,345 shown');
    expect(zh.t('cb.shown', { count: 12345 })).toBe('已显示 12,345 条');
  });

  it('fills placeholders and leaves tag-like text alone', () => {
    expect(en.t('common.copyNamed', { name: 'Token' })).toBe('Copy Token');
    expect(zh.t('common.copyNamed', { name: '令牌(Token)' })).toBe('复制令牌(Token)');
    const withTag = Object.entries(CATALOGS['zh-CN']).find(([, v]) => /<[^>]+>/.test(v));
    if (withTag) expect(zh.t(withTag[0] as MessageKey)).toContain(withTag[1].match(/<[^>]+>/)![0]);
  });

  it('picks the server-sent side of a bilingual text, and words error bodies and field issues', () => {
    const b = { zh: '隧道已断开', en: 'Tunnel offline' };
    expect(zh.pick(b)).toBe('隧道已断开');
    expect(en.pick(b)).toBe('Tunnel offline');
    expect(en.pick(undefined)).toBe('');
    expect(zh.errorText({ code: 'timeout', message: 'after 5 s' })).toBe('操作超时: after 5 s');
    expect(zh.issueText({ key: 'validation.required', message: 'This field is required' })).toBe(
      '此项为必填项',
    );
    expect(zh.issueText({ key: 'validation.fromTheFuture', message: 'Server text' })).toBe('Server text');
  });

  it('builds one I18n per language', () => {
    expect(i18nFor('en')).toBe(en);
    expect(en.t).toBe(i18nFor('en').t);
  });

  it('maps any Chinese browser locale to zh-CN and everything else to English', () => {
    expect(detectLocale(['zh-TW', 'en'])).toBe('zh-CN');
    expect(detectLocale(['zh'])).toBe('zh-CN');
    expect(detectLocale(['en-GB', 'zh-CN'])).toBe('en');
    expect(detectLocale([])).toBe('en');
  });
});

describe('errorText names what could not be reached, in the UI language', () => {
  const wechat = {
    code: 'unavailable',
    message: 'Cannot reach the WeChat API (api.weixin.qq.com: ECONNREFUSED)',
    details: { unreachable: 'wechat', hosts: ['api.weixin.qq.com', 'api2.weixin.qq.com'], net: 'refused' },
  };
  it('says WeChat’s server, not MPDesk, when the WeChat API is unreachable', () => {
    expect(zh.errorText(wechat)).toBe(
      '无法连接微信服务器（api.weixin.qq.com、api2.weixin.qq.com）：连接被拒绝',
    );
    expect(en.errorText(wechat)).toBe(
      'Cannot reach WeChat’s server (api.weixin.qq.com, api2.weixin.qq.com): connection refused',
    );
    expect(zh.errorText({ ...wechat, code: 'timeout', details: { ...wechat.details, net: 'timeout' } })).toBe(
      '无法连接微信服务器（api.weixin.qq.com、api2.weixin.qq.com）：超时未响应',
    );
  });
  it('says MPDesk only for the console’s own transport, and the address for another target', () => {
    expect(zh.errorText({ code: 'unavailable', message: 'x', details: { unreachable: 'mpdesk' } })).toBe(
      '无法连接 MPDesk',
    );
    expect(
      zh.errorText({
        code: 'unavailable',
        message: 'x',
        details: { unreachable: 'url', url: 'https://wx.example.com', net: 'dns' },
      }),
    ).toBe('无法连接 https://wx.example.com：域名无法解析');
    // Any other `unavailable` is not worded as a connection problem.
    expect(zh.errorText({ code: 'unavailable', message: 'The sandbox platform is disabled' })).toBe(
      '暂时无法使用: The sandbox platform is disabled',
    );
  });
});
