import { createCipheriv, createDecipheriv, type Cipher, type Decipher } from 'node:crypto';
import type { AesKey } from './aes-key';

/**
 * AES-256-CBC with the key's own IV (docs/wechat-protocol.md §4.2), on OpenSSL contexts kept per key.
 *
 * Creating a cipher is dear under OpenSSL 3, which looks the algorithm up each time, and a
 * safe-mode request needs one to decrypt and one to encrypt (bench/callback-wrk.bench.ts shows the
 * share). The contexts are reused instead, with no padding (the caller pads,
 * §4.2), so every call hands OpenSSL whole blocks and nothing stays buffered between calls.
 *
 * - Decryption uses ECB, which keeps no state: P[i] = D(C[i]) XOR C[i-1], with C[-1] the IV.
 * - Encryption must chain, so it uses one CBC context that carries on from the last block it
 *   wrote. XORing the first plaintext block with (IV XOR that block) makes the message chain from
 *   the IV instead, exactly as a fresh context would.
 *
 * Both are synchronous, so no two messages interleave on one context. A context that throws is
 * dropped, and the next call starts a fresh one.
 */
interface Contexts {
  ecbDecrypt?: Decipher;
  cbcEncrypt?: Cipher;
  /** The last ciphertext block `cbcEncrypt` wrote: where its chain stands. */
  chain: Buffer;
}

const BLOCK = 16;
/**
 * A byte for XOR. Every index below is inside its buffer (whole blocks, a 16-byte IV and chain);
 * 0 is what a missing byte XORs as in JavaScript anyway.
 */
const byteAt = (b: Uint8Array, i: number): number => b[i] ?? 0;
/** Weak: a key parsed for one call (a string key) leaves with its contexts. */
const byKey = new WeakMap<AesKey, Contexts>();

function contextsOf(k: AesKey): Contexts {
  let c = byKey.get(k);
  if (!c) byKey.set(k, (c = { chain: Buffer.from(k.iv) }));
  return c;
}

/** Decrypts whole blocks (the caller checks the length is a multiple of 16). */
export function cbcDecrypt(k: AesKey, cipher: Buffer): Buffer {
  const c = contextsOf(k);
  let plain: Buffer;
  try {
    if (!c.ecbDecrypt) {
      c.ecbDecrypt = createDecipheriv('aes-256-ecb', k.key, null);
      c.ecbDecrypt.setAutoPadding(false);
    }
    plain = c.ecbDecrypt.update(cipher);
  } catch (e) {
    byKey.delete(k);
    throw e;
  }
  for (let i = 0; i < BLOCK; i++) plain[i] = byteAt(plain, i) ^ byteAt(k.iv, i);
  for (let i = BLOCK; i < plain.length; i++) plain[i] = byteAt(plain, i) ^ byteAt(cipher, i - BLOCK);
  return plain;
}

/** Encrypts whole blocks (the caller pads); `plain`'s first block is overwritten. */
export function cbcEncrypt(k: AesKey, plain: Buffer): Buffer {
  const c = contextsOf(k);
  for (let i = 0; i < BLOCK; i++) plain[i] = byteAt(plain, i) ^ byteAt(k.iv, i) ^ byteAt(c.chain, i);
  let out: Buffer;
  try {
    if (!c.cbcEncrypt) {
      c.cbcEncrypt = createCipheriv('aes-256-cbc', k.key, k.iv);
      c.cbcEncrypt.setAutoPadding(false);
    }
    out = c.cbcEncrypt.update(plain);
  } catch (e) {
    byKey.delete(k);
    throw e;
  }
  out.copy(c.chain, 0, out.length - BLOCK);
  return out;
}
