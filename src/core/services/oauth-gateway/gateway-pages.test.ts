import { describe, expect, it } from 'vitest';
import { gatewayJson, pickLang, renderGatewayPage } from './gateway-pages';

const t = {
  title: { zh: '登录凭证无效', en: 'Invalid sign-in' },
  message: { zh: '<b>签名</b>不对', en: 'The <b>signature</b> does not match' },
};

describe('gateway pages', () => {
  it('speak the language the browser asks for', () => {
    expect(pickLang('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh');
    expect(pickLang('en-US,en;q=0.9,zh-CN;q=0.8')).toBe('en');
    expect(pickLang('fr-FR, en;q=0.5, zh;q=0.4')).toBe('en');
    expect(pickLang('zh-TW;q=0.2, en;q=0')).toBe('zh');
    expect(pickLang('de')).toBe('zh');
    expect(pickLang(undefined)).toBe('zh');
  });

  it('escape what they show and fit a phone', () => {
    const html = renderGatewayPage('en', t, {
      kind: 'error',
      code: 'cookie_forged',
      action: { href: '/x?a=1&b="2"', label: { zh: '重新登录', en: 'Sign in again' } },
    });
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('The &lt;b&gt;signature&lt;/b&gt; does not match');
    expect(html).toContain('href="/x?a=1&amp;b=&quot;2&quot;"');
    expect(html).toContain('width=device-width');
    expect(html).toContain('data-gateway="cookie_forged"');
    expect(renderGatewayPage('zh', t, { kind: 'error', code: 'x' })).toContain('&lt;b&gt;签名&lt;/b&gt;不对');
  });

  it('answer fetch/XHR in JSON', () => {
    expect(JSON.parse(gatewayJson('zh', 'sign_in_required', t, { authorizeUrl: 'u' }))).toEqual({
      error: 'sign_in_required',
      message: '<b>签名</b>不对',
      authorizeUrl: 'u',
    });
  });
});
