import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { publicJwk, signAssertion, verifyAssertion, type AssertionClaims } from './assertion';
import { downstreamResponseHeaders, upstreamRequestHeaders } from './identity-headers';

const forward = { remoteAddress: '127.0.0.1', proto: 'https' as const, host: 'abc.ngrok.app' };
const identity = { openid: 'oFan', unionid: 'uFan', scope: 'snsapi_base', appId: 'wx1' };

describe('identity headers for the app behind MPDesk', () => {
  it('drops every X-MPDesk-* header the client sent, and hop-by-hop ones, before adding its own', () => {
    const out = upstreamRequestHeaders(
      {
        host: 'abc.ngrok.app',
        'x-mpdesk-openid': 'oForged',
        'X-MPDesk-Assertion': 'forged',
        'x-mpdesk-source': 'simulator',
        connection: 'keep-alive, x-secret-hop',
        'x-secret-hop': '1',
        'keep-alive': 'timeout=5',
        'transfer-encoding': 'chunked',
        accept: 'text/html',
        cookie: 'theme=dark; mpdesk_session=v1.a.b.c',
        'x-forwarded-for': '203.0.113.9',
        'x-forwarded-proto': 'http',
      },
      { identity: null, assertion: null, forward },
    );
    expect(out).toEqual({
      accept: 'text/html',
      cookie: 'theme=dark',
      'x-forwarded-for': '203.0.113.9, 127.0.0.1',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'abc.ngrok.app',
    });
  });

  it('sets the signed-in fan’s openid, unionid, scope, appid and assertion', () => {
    const out = upstreamRequestHeaders(
      { 'x-mpdesk-openid': 'oForged', upgrade: 'websocket', connection: 'Upgrade' },
      { identity, assertion: 'jwt', forward, upgrade: true },
    );
    expect(out).toMatchObject({
      'x-mpdesk-openid': 'oFan',
      'x-mpdesk-unionid': 'uFan',
      'x-mpdesk-scope': 'snsapi_base',
      'x-mpdesk-appid': 'wx1',
      'x-mpdesk-assertion': 'jwt',
      connection: 'Upgrade',
      upgrade: 'websocket',
    });
  });

  it('response headers lose only what belongs to the connection', () => {
    expect(
      downstreamResponseHeaders({ 'content-type': 'text/html', connection: 'close', 'set-cookie': ['a=1'] }),
    ).toEqual({ 'content-type': 'text/html', 'set-cookie': ['a=1'] });
  });
});

describe('the EdDSA assertion', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const claims: AssertionClaims = {
    iss: 'https://abc.ngrok.app',
    aud: 'wx1',
    sub: 'oFan',
    scope: 'snsapi_base',
    acct: 'a1',
    iat: 100,
    exp: 400,
  };

  it('verifies with the public key only; any change or another key fails', () => {
    const jwt = signAssertion(privateKey, 'k1', claims);
    const [h = ''] = jwt.split('.');
    expect(JSON.parse(Buffer.from(h, 'base64url').toString())).toEqual({
      alg: 'EdDSA',
      typ: 'JWT',
      kid: 'k1',
    });
    expect(verifyAssertion(jwt, publicKey, 200)).toEqual(claims);
    expect(verifyAssertion(jwt, publicKey, 400)).toBeNull();
    const forged = jwt.split('.');
    forged[1] = Buffer.from(JSON.stringify({ ...claims, sub: 'oOther' })).toString('base64url');
    expect(verifyAssertion(forged.join('.'), publicKey, 200)).toBeNull();
    expect(verifyAssertion(jwt, generateKeyPairSync('ed25519').publicKey, 200)).toBeNull();
    expect(verifyAssertion('a.b', publicKey, 200)).toBeNull();
  });

  it('publishes the public key as an OKP JWK', () => {
    expect(publicJwk(privateKey, 'k1')).toMatchObject({
      kty: 'OKP',
      crv: 'Ed25519',
      kid: 'k1',
      alg: 'EdDSA',
    });
    expect(publicJwk(privateKey, 'k1')).not.toHaveProperty('d');
  });
});
