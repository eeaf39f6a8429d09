import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cbcDecrypt, cbcEncrypt } from './aes-cbc';
import { parseAesKey } from './aes-key';
import { decryptMessage, encryptMessage } from './message-crypto';
import { V1 } from './vectors.fixture';

const KEY = parseAesKey('abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG');

/** What a fresh OpenSSL context per message gives: the reference. */
const fresh = (mode: 'enc' | 'dec', data: Buffer) => {
  const c =
    mode === 'enc'
      ? createCipheriv('aes-256-cbc', KEY.key, KEY.iv)
      : createDecipheriv('aes-256-cbc', KEY.key, KEY.iv);
  c.setAutoPadding(false);
  return Buffer.concat([c.update(data), c.final()]);
};

describe('AES-256-CBC on reused contexts', () => {
  it('gives what a fresh context gives, message after message, in any order and length', () => {
    for (let i = 0; i < 200; i++) {
      const plain = randomBytes(16 * (1 + (i % 7)));
      const expected = fresh('enc', plain);
      // cbcEncrypt overwrites the first block of its input.
      expect(cbcEncrypt(KEY, Buffer.from(plain))).toEqual(expected);
      if (i % 3 === 0) {
        const cipher = randomBytes(16 * (1 + (i % 5)));
        expect(cbcDecrypt(KEY, cipher)).toEqual(fresh('dec', cipher));
      }
      expect(cbcDecrypt(KEY, expected)).toEqual(plain);
    }
  });

  it('gives the same bytes from buffers at any offset (the XOR takes words only when aligned)', () => {
    for (let offset = 0; offset < 4; offset++) {
      const plain = randomBytes(80);
      const expected = fresh('enc', plain);
      const unaligned = Buffer.alloc(80 + offset);
      plain.copy(unaligned, offset);
      expect(cbcEncrypt(KEY, unaligned.subarray(offset))).toEqual(expected);
      const cipher = Buffer.alloc(80 + offset);
      expected.copy(cipher, offset);
      expect(cbcDecrypt(KEY, cipher.subarray(offset))).toEqual(plain);
    }
  });

  it('keeps the published vector byte for byte after other messages went through the key', () => {
    const key = parseAesKey(V1.aesKey);
    for (let i = 0; i < 3; i++) encryptMessage(key, `<xml>${i}</xml>`, V1.appId, 'x'.repeat(16));
    expect(encryptMessage(key, V1.xml, V1.appId, V1.random)).toBe(V1.encrypt);
    expect(decryptMessage(key, V1.encrypt, V1.appId).xml).toBe(V1.xml);
  });
});
