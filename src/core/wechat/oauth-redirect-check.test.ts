import { describe, expect, it } from 'vitest';
import { checkRedirectUri, OAUTH_DOMAIN_RE, OAUTH_STATE_RE } from './oauth-redirect-check';

describe('state and domain formats (§8.1, §8.2)', () => {
  it('state: letters and digits, 1-128', () => {
    expect(OAUTH_STATE_RE.test('abcXYZ019')).toBe(true);
    expect(OAUTH_STATE_RE.test('a'.repeat(128))).toBe(true);
    expect(OAUTH_STATE_RE.test('a'.repeat(129))).toBe(false);
    expect(OAUTH_STATE_RE.test('a-b')).toBe(false);
    expect(OAUTH_STATE_RE.test('')).toBe(false);
  });

  it('domain: bare host or host/path; no scheme, IP or port', () => {
    for (const ok of ['wx.example.com', 'example.com', 'www.qq.com/h5', 'a-b.example.cn/x/y'])
      expect(OAUTH_DOMAIN_RE.test(ok), ok).toBe(true);
    for (const bad of [
      'https://wx.example.com',
      '1.2.3.4',
      'wx.example.com:8080',
      'localhost',
      'exa mple.com',
      '',
    ])
      expect(OAUTH_DOMAIN_RE.test(bad), bad).toBe(false);
  });
});

describe('redirect_uri against the 网页授权域名 (§8.1)', () => {
  it('accepts the same host, and a path under the domain path', () => {
    expect(checkRedirectUri('https://wx.example.com/oauth/a/callback', 'wx.example.com').problems).toEqual(
      [],
    );
    expect(checkRedirectUri('https://www.qq.com/h5/cb', 'www.qq.com/h5').problems).toEqual([]);
  });

  it('rejects subdomains, parents, other hosts and paths outside the prefix', () => {
    expect(checkRedirectUri('https://pay.qq.com/cb', 'www.qq.com').problems).toEqual(['host_mismatch']);
    expect(checkRedirectUri('https://a.www.qq.com/cb', 'www.qq.com').problems).toEqual(['subdomain']);
    expect(checkRedirectUri('https://qq.com/cb', 'www.qq.com').problems).toEqual(['subdomain']);
    expect(checkRedirectUri('https://www.qq.com/h5x/cb', 'www.qq.com/h5').problems).toEqual([
      'path_mismatch',
    ]);
  });

  it('flags IPs, ports, loopback, http and a missing domain', () => {
    expect(checkRedirectUri('http://127.0.0.1:8080/oauth/s/callback', null).problems).toEqual([
      'no_domain',
      'ip_host',
      'local_host',
      'port',
      'not_https',
    ]);
    expect(checkRedirectUri('ftp://x.com/', 'x.com').problems).toEqual(['not_http']);
    expect(checkRedirectUri('nonsense', 'x.com').problems).toEqual(['not_http']);
  });
});
