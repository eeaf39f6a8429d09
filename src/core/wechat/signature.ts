import crypto, { createHash } from 'node:crypto';

/**
 * WeChat's signature: SHA-1 (lowercase hex) over the parts sorted in plain byte order and joined
 * with no separator (docs/wechat-protocol.md §1, §4.2; vector V6 shows uppercase sorting first).
 */
const HIGH_UNITS = /[\ud800-\uffff]/;
const byUtf8 = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/** Node >= 20.12's one-shot digest is cheaper than a Hash object for these short inputs. */
const oneShot = (crypto as { hash?: (alg: string, data: string, enc: 'hex') => string }).hash;
const sha1Hex = oneShot
  ? (s: string) => oneShot('sha1', s, 'hex')
  : (s: string) => createHash('sha1').update(s, 'utf8').digest('hex');

export function sha1Sorted(parts: readonly string[]): string {
  const sorted = parts.slice();
  // Byte (UTF-8) order equals UTF-16 code-unit order except when surrogates meet U+E000..U+FFFF;
  // only then pay for a Buffer comparison. Real inputs are ASCII.
  let high = false;
  for (const p of sorted) if (HIGH_UNITS.test(p)) high = true;
  if (high) sorted.sort(byUtf8);
  else insertionSort(sorted);
  return sha1Hex(sorted.join(''));
}

/**
 * `Array.prototype.sort()` for 3-4 strings, in the same (UTF-16 code-unit) order: V8's sort
 * allocates work arrays per call, on the hot path of every request (bench/callback.bench.ts).
 */
function insertionSort(a: string[]): void {
  for (let i = 1; i < a.length; i++) {
    const v = a[i];
    if (v === undefined) continue;
    let j = i - 1;
    // a[-1] is undefined: the shift stops at the front.
    for (let before = a[j]; before !== undefined && before > v; before = a[--j]) a[j + 1] = before;
    a[j + 1] = v;
  }
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
  // Every character is compared whatever the first difference (no early exit on the secret side),
  // without the two Buffers and the native call timingSafeEqual needs on every request. Upper-case
  // hex is accepted: only the received side, the sender's own bytes, decides that branch.
  let diff = 0;
  for (let i = 0; i < expected.length; i++) {
    const c = received.charCodeAt(i);
    diff |= expected.charCodeAt(i) ^ (c >= 0x41 && c <= 0x5a ? c | 0x20 : c);
  }
  return diff === 0;
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
