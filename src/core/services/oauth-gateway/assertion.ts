import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/**
 * The signed assertion the app behind MPDesk receives in `X-MPDesk-Assertion` (in the manner of
 * Cloudflare Access's `Cf-Access-Jwt-Assertion`): a JWT signed with Ed25519 (`alg: EdDSA`, RFC 8037).
 * Ed25519 rather than HS256 because the app verifies it with the public key: the UI can show that
 * key, and serve it as a JWKS, without handing out anything that could sign. An HS256 key shown in
 * the UI would let whoever saw it forge identities. Pure.
 */

export interface AssertionClaims {
  /** MPDesk's public origin (or its local listener's), so the app can pin the issuer. */
  iss: string;
  /** The account's AppID: the openid is only meaningful under it. */
  aud: string;
  /** The fan's openid. */
  sub: string;
  scope: string;
  unionid?: string;
  /** The MPDesk account id. */
  acct: string;
  iat: number;
  exp: number;
}

/** An assertion is for one request: short-lived, so a leaked one is soon worthless. */
export const ASSERTION_TTL_S = 300;

const b64json = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

export function signAssertion(privateKey: KeyObject, kid: string, claims: AssertionClaims): string {
  const signing = `${b64json({ alg: 'EdDSA', typ: 'JWT', kid })}.${b64json(claims)}`;
  return `${signing}.${sign(null, Buffer.from(signing), privateKey).toString('base64url')}`;
}

/** What the app does with the public key (shown here for the UI's sample and the tests). */
export function verifyAssertion(token: string, publicKey: KeyObject, nowS: number): AssertionClaims | null {
  const [head, body, sig, ...extra] = token.split('.');
  if (head === undefined || body === undefined || sig === undefined || extra.length > 0) return null;
  try {
    const header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8')) as { alg?: string };
    if (header.alg !== 'EdDSA') return null;
    const ok = verify(null, Buffer.from(`${head}.${body}`), publicKey, Buffer.from(sig, 'base64url'));
    if (!ok) return null;
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as AssertionClaims;
    return claims.exp > nowS ? claims : null;
  } catch {
    return null;
  }
}

/** The public key as a JWK (RFC 8037 §2: kty OKP, crv Ed25519) for a JWKS. */
export function publicJwk(privateOrPublic: KeyObject, kid: string) {
  const pub = privateOrPublic.type === 'private' ? createPublicKey(privateOrPublic) : privateOrPublic;
  const jwk = pub.export({ format: 'jwk' }) as { kty: string; crv: string; x: string };
  return { kty: jwk.kty, crv: jwk.crv, x: jwk.x, kid, alg: 'EdDSA', use: 'sig' };
}

export function publicPem(privateOrPublic: KeyObject): string {
  const pub = privateOrPublic.type === 'private' ? createPublicKey(privateOrPublic) : privateOrPublic;
  return pub.export({ format: 'pem', type: 'spki' }).toString();
}
