import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * WeChat's signature: SHA-1 (lowercase hex) over the parts sorted in plain byte order and joined
 * with no separator (wechat-reference.md §1, §4.2; vector V6 shows uppercase sorting first).
 */
const HIGH_UNITS = /[\ud800-\uffff]/;
const byUtf8 = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

export function sha1Sorted(parts: readonly string[]): string {
  const sorted = [...parts];
  // Byte (UTF-8) order equals UTF-16 code-unit order except when surrogates meet U+E000..U+FFFF;
  // only then pay for a Buffer comparison. Real inputs are ASCII.
  if (HIGH_UNITS.test(sorted.join(''))) {
    sorted.sort(byUtf8);
  } else {
    sorted.sort();
  }
  return createHash('sha1').update(sorted.join(''), 'utf8').digest('hex');
}

/** The URL/POST `signature` over token, timestamp, nonce (§1). */
export function computeSignature(token: string, timestamp: string, nonce: string): string {
  return sha1Sorted([token, timestamp, nonce]);
}

/** The safe-mode `msg_signature` over token, timestamp, nonce and the Base64 `Encrypt` (§4.2). */
export function computeMsgSignature(
  token: string,
  timestamp: string,
  nonce: string,
  encrypt: string,
): string {
  return sha1Sorted([token, timestamp, nonce, encrypt]);
}

/**
 * Constant-time comparison of a received hex signature with the expected one. A missing or
 * wrong-length value is simply unequal (its length is not a secret).
 */
export function signaturesEqual(expected: string, received: string | null | undefined): boolean {
  if (typeof received !== 'string' || received.length !== expected.length) return false;
  const a = Buffer.from(expected, 'latin1');
  const b = Buffer.from(received.toLowerCase(), 'latin1');
  return a.length === b.length && timingSafeEqual(a, b);
}

export function verifySignature(
  token: string,
  timestamp: string,
  nonce: string,
  signature: string | null | undefined,
): boolean {
  return signaturesEqual(computeSignature(token, timestamp, nonce), signature);
}

export function verifyMsgSignature(
  token: string,
  timestamp: string,
  nonce: string,
  encrypt: string,
  msgSignature: string | null | undefined,
): boolean {
  return signaturesEqual(computeMsgSignature(token, timestamp, nonce, encrypt), msgSignature);
}
