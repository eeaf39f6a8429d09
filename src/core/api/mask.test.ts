import { describe, expect, it } from 'vitest';
import { maskBodyText, maskJson, maskQuery } from './mask';

describe('masking', () => {
  const token = 'ACCESS_TOKEN_abcdefghijklmnopqrstuvwxyz_WXYZ';

  it('keeps only the last 4 characters of tokens and codes, and nothing of secrets', () => {
    const q = new URLSearchParams({
      access_token: token,
      secret: 'S3cretS3cretS3cretS3cretS3cretS3',
      code: '061Abc2345678xyz',
      openid: 'oUser',
    });
    expect(maskQuery(q)).toBe('access_token=***WXYZ&secret=***&code=***8xyz&openid=oUser');
  });

  it('masks nested JSON fields by name, leaving the rest', () => {
    const body = {
      authorization_info: { authorizer_access_token: token, authorizer_appid: 'wx1' },
      component_appsecret: 'x'.repeat(32),
    };
    expect(maskJson(body)).toEqual({
      authorization_info: { authorizer_access_token: '***WXYZ', authorizer_appid: 'wx1' },
      component_appsecret: '***',
    });
  });

  it('masks query-like secrets in non-JSON text', () => {
    expect(maskBodyText(`url?access_token=${token}&x=1`)).toBe('url?access_token=***WXYZ&x=1');
    expect(maskBodyText('{"secret":"abc"}')).toBe('{"secret":"***"}');
  });
});
