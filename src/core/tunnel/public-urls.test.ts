import { describe, expect, it } from 'vitest';
import { accountPublicUrls, oauthDomainOf } from './public-urls';

describe('public URLs per account', () => {
  it('builds the server URL, OAuth domain and redirect, and MP_verify URLs on a base with a path', () => {
    expect(
      accountPublicUrls('https://wx.example.com/mp/', { id: 'a1', name: 'Shop', callbackSlug: 'shop' }, [
        'MP_verify_AbCdEfGh12345678.txt',
      ]),
    ).toEqual({
      accountId: 'a1',
      accountName: 'Shop',
      serverUrl: 'https://wx.example.com/mp/wx/shop',
      oauthDomain: 'wx.example.com/mp',
      oauthRedirectUri: 'https://wx.example.com/mp/oauth/shop/callback',
      mpVerifyUrls: ['https://wx.example.com/mp/MP_verify_AbCdEfGh12345678.txt'],
    });
  });

  it('leaves scheme and port out of the OAuth domain (docs/wechat-protocol.md §8.1)', () => {
    expect(oauthDomainOf('http://frp.example.com:8080')).toBe('frp.example.com');
    expect(oauthDomainOf('https://abc.ngrok-free.app')).toBe('abc.ngrok-free.app');
  });
});
