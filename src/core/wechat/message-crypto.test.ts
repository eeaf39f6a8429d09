import { createCipheriv, createDecipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseAesKey, checkAesKey } from './aes-key';
import { WechatProtocolError } from './errors';
import { decodeCanonicalBase64, decryptMessage, encryptMessage, randomPrefix } from './message-crypto';
import { V1, V2, V3, V4, V5 } from './vectors.fixture';

function expectStep(fn: () => unknown, step: string, code: number): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(WechatProtocolError);
    expect((e as WechatProtocolError).step).toBe(step);
    expect((e as WechatProtocolError).code).toBe(code);
    return;
  }
  throw new Error(`expected a ${step} error`);
}

describe('EncodingAESKey (§1, §4.2)', () => {
  it('derives the V1 key and IV', () => {
    const k = parseAesKey(V1.aesKey);
    expect(k.key.toString('hex')).toBe(V1.keyHex);
    expect(k.iv.toString('hex')).toBe(V1.ivHex);
  });

  it('says what is wrong with a bad key (-40004)', () => {
    expect(checkAesKey(V1.aesKey)).toBeNull();
    expect(checkAesKey(V1.aesKey.slice(1))).toBe('length');
    expect(checkAesKey(V1.aesKey.slice(1) + '+')).toBe('charset');
    expectStep(() => parseAesKey('short'), 'key', -40004);
    expectStep(() => parseAesKey(V1.aesKey.slice(0, 42) + '='), 'key', -40004);
    expect(() => parseAesKey('x')).toThrow(/43 characters/);
  });
});

describe('decrypt', () => {
  it('opens V1 with its random prefix, length, pad and trailer', () => {
    const r = decryptMessage(V1.aesKey, V1.encrypt, V1.appId);
    expect(r.xml).toBe(V1.xml);
    expect(Buffer.byteLength(r.xml)).toBe(V1.msgLen);
    expect(r.appId).toBe(V1.appId);
    expect(r.random.toString('latin1')).toBe(V1.random);
  });

  it('opens V2, V3(a), V3(c), V4 and V5', () => {
    for (const c of V2.cases) expect(decryptMessage(V2.aesKey, c.encrypt, V2.appId).xml).toBe(c.plain);
    expect(decryptMessage(V3.aesKey, V3.decrypt.encrypt, V3.appId).xml).toBe(V3.decrypt.xml);
    expect(decryptMessage(V3.aesKey, V3.echo.echostr, V3.appId).xml).toBe(V3.echo.plain);
    expect(decryptMessage(V1.aesKey, V4.encrypt, V1.appId).xml).toBe(V4.xml);
    expect(decryptMessage(V1.aesKey, V5.encrypt, V1.appId).xml).toBe(V5.plain);
  });

  it('rejects the wrong AppID like EasyWeChat’s "Invalid appId." (-40005)', () => {
    expectStep(() => decryptMessage(V1.aesKey, V1.encrypt, 'invalid appid'), 'appid', -40005);
  });

  it('takes exactly canonical Base64, as the strict pattern does, on random near-Base64 texts', () => {
    const strict = (t: string) => t.length > 0 && t.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(t);
    // '中' is U+4E2D and 'ĭ' U+012D: their low byte is '-'. 'ſ' is U+017F, whose low byte is DEL.
    const odd = ['-', '_', '=', '==', ' ', '\n', '\t', '!', '.', 'é', '中', 'ĭ', 'ſ', '\u0000', 'A'];
    let seed = 11;
    const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    let accepted = 0;
    for (let i = 0; i < 20_000; i++) {
      let t = Buffer.from(Array.from({ length: next(40) }, () => next(256))).toString('base64');
      // Up to three edits: a character replaced, inserted or removed, anywhere.
      for (let e = next(4); e > 0; e--) {
        const at = next(t.length + 1);
        const c = odd[next(odd.length)];
        const kind = next(3);
        t = t.slice(0, at) + (kind === 2 ? '' : c) + t.slice(kind === 0 ? at : at + 1);
      }
      const got = decodeCanonicalBase64(t);
      expect(got !== undefined, JSON.stringify(t)).toBe(strict(t));
      if (got) {
        accepted++;
        expect(got.equals(Buffer.from(t, 'base64'))).toBe(true);
      }
    }
    // Both outcomes are well represented.
    expect(accepted).toBeGreaterThan(3000);
    expect(accepted).toBeLessThan(17_000);
  });

  it('rejects non-Base64 (-40010), partial blocks (-40007) and a wrong key (padding)', () => {
    expectStep(() => decryptMessage(V1.aesKey, 'not base64!', V1.appId), 'base64', -40010);
    expectStep(() => decryptMessage(V1.aesKey, '', V1.appId), 'base64', -40010);
    expectStep(() => decryptMessage(V1.aesKey, V1.encrypt.slice(4), V1.appId), 'decrypt', -40007);
    expectStep(() => decryptMessage('A'.repeat(43), V1.encrypt, V1.appId), 'padding', -40007);
  });

  it('rejects a length prefix pointing past the plaintext (-40008)', () => {
    // 16 random + length 0xFFFFFFFF + 12 pad bytes of 12: valid padding, impossible length.
    const plain = Buffer.concat([
      Buffer.alloc(16, 0x61),
      Buffer.from([255, 255, 255, 255]),
      Buffer.alloc(12, 12),
    ]);
    const evil = encryptRaw(V1.aesKey, plain);
    expectStep(() => decryptMessage(V1.aesKey, evil, V1.appId), 'length', -40008);
  });

  it('sees the derived pad bytes: V1 21, V3(a) 1, V4 26, V5 a whole block of 32', () => {
    const lastByte = (aesKey: string, b64: string) => {
      const k = parseAesKey(aesKey);
      const d = createDecipheriv('aes-256-cbc', k.key, k.iv);
      d.setAutoPadding(false);
      const p = Buffer.concat([d.update(b64, 'base64'), d.final()]);
      return p[p.length - 1];
    };
    expect(lastByte(V1.aesKey, V1.encrypt)).toBe(V1.padByte);
    expect(lastByte(V3.aesKey, V3.decrypt.encrypt)).toBe(V3.decrypt.padByte);
    expect(lastByte(V1.aesKey, V4.encrypt)).toBe(V4.padByte);
    expect(lastByte(V1.aesKey, V5.encrypt)).toBe(32);
  });

  it('needs auto-padding off: Node’s own PKCS#7 check throws "bad decrypt" on V1 (pad 21)', () => {
    const k = parseAesKey(V1.aesKey);
    const d = createDecipheriv('aes-256-cbc', k.key, k.iv);
    expect(() => Buffer.concat([d.update(V1.encrypt, 'base64'), d.final()])).toThrow(/bad decrypt/);
  });
});

describe('encrypt with a given random (exact)', () => {
  it('re-encrypts V1 byte for byte with the recovered random', () => {
    expect(encryptMessage(V1.aesKey, V1.xml, V1.appId, V1.random)).toBe(V1.encrypt);
  });

  it('reproduces both V2 ciphertexts', () => {
    for (const c of V2.cases) expect(encryptMessage(V2.aesKey, c.plain, V2.appId, V2.random)).toBe(c.encrypt);
  });

  it('reproduces V4 and the V5 whole-block padding case', () => {
    expect(encryptMessage(V1.aesKey, V4.xml, V1.appId, V4.random)).toBe(V4.encrypt);
    const v5 = encryptMessage(V1.aesKey, V5.plain, V1.appId, Buffer.from(V5.random));
    expect(v5).toBe(V5.encrypt);
    expect(Buffer.from(v5, 'base64')).toHaveLength(96);
  });

  it('refuses a random prefix that is not 16 bytes (-40006)', () => {
    expectStep(() => encryptMessage(V1.aesKey, 'x', V1.appId, 'short'), 'encrypt', -40006);
  });

  it('makes a 16-char alphanumeric prefix from the injected Random', () => {
    const p = randomPrefix({ bytes: (n) => Buffer.alloc(n, 7) });
    expect(p).toMatch(/^[A-Za-z0-9]{16}$/);
  });
});

function encryptRaw(aesKey: string, plain: Buffer): string {
  const k = parseAesKey(aesKey);
  const c = createCipheriv('aes-256-cbc', k.key, k.iv);
  c.setAutoPadding(false);
  return Buffer.concat([c.update(plain), c.final()]).toString('base64');
}
