import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  computeMsgSignature,
  computeSignature,
  sha1Sorted,
  signaturesEqual,
  verifyMsgSignature,
  verifySignature,
} from './signature';
import { V0, V1, V2, V3, V4, V6, V7 } from './vectors.fixture';

describe('URL/POST signature (§1, V0)', () => {
  it('matches the published V0 signature', () => {
    expect(computeSignature(V0.token, V0.timestamp, V0.nonce)).toBe(V0.signature);
    expect(verifySignature(V0.token, V0.timestamp, V0.nonce, V0.signature)).toBe(true);
  });

  it('rejects the V0 signature with its last digit changed', () => {
    expect(verifySignature(V0.token, V0.timestamp, V0.nonce, V0.badSignature)).toBe(false);
  });

  it('rejects a missing, empty, short or long signature without throwing', () => {
    for (const s of [undefined, null, '', V0.signature.slice(1), V0.signature + '0']) {
      expect(verifySignature(V0.token, V0.timestamp, V0.nonce, s)).toBe(false);
    }
  });

  it('accepts an uppercase hex signature (same digest)', () => {
    expect(verifySignature(V0.token, V0.timestamp, V0.nonce, V0.signature.toUpperCase())).toBe(true);
  });

  it('gives the derived plain signature of the V1 request', () => {
    expect(computeSignature(V1.token, V1.timestamp, V1.nonce)).toBe(V1.signature);
  });
});

describe('msg_signature (§4.2)', () => {
  it('matches V1, V2, V3(a) and V4', () => {
    expect(computeMsgSignature(V1.token, V1.timestamp, V1.nonce, V1.encrypt)).toBe(V1.msgSignature);
    for (const c of V2.cases)
      expect(computeMsgSignature(V2.token, V2.timestamp, V2.nonce, c.encrypt)).toBe(c.msgSignature);
    const d = V3.decrypt;
    expect(verifyMsgSignature(V3.token, d.timestamp, d.nonce, d.encrypt, d.msgSignature)).toBe(true);
    expect(computeMsgSignature(V1.token, V4.timestamp, V4.nonce, V4.encrypt)).toBe(V4.msgSignature);
  });

  it('sorts uppercase before lowercase (V6)', () => {
    expect(computeMsgSignature(V6.token, V6.timestamp, V6.nonce, V6.encrypt)).toBe(V6.msgSignature);
  });

  it('rejects the published invalid msg_signature of V1', () => {
    expect(verifyMsgSignature(V1.token, V1.timestamp, V1.nonce, V1.encrypt, 'invalid-signature')).toBe(false);
  });

  it('rejects V3(c) with the nonce off by one', () => {
    const e = V3.echo;
    expect(verifyMsgSignature(V3.token, e.timestamp, e.nonce, e.echostr, e.msgSignature)).toBe(true);
    expect(verifyMsgSignature(V3.token, e.timestamp, e.badNonce, e.echostr, e.msgSignature)).toBe(false);
  });
});

describe('sorted SHA-1 helper', () => {
  it('matches the two-part WxJava vector (V7)', () => {
    expect(sha1Sorted(V7.parts)).toBe(V7.sha1);
  });

  it('joins ASCII parts in plain byte order, whatever order they come in', () => {
    const parts = ['nonce', 'Token', '1409304348', 'a+b/c=', 'Nonce', 'token', ''];
    for (let i = 0; i < 50; i++) {
      const shuffled = [...parts].sort(() => Math.random() - 0.5).slice(0, 2 + (i % 5));
      const expected = createHash('sha1')
        .update([...shuffled].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))).join(''))
        .digest('hex');
      expect(sha1Sorted(shuffled)).toBe(expected);
    }
  });

  it('sorts by UTF-8 bytes, not UTF-16 units, when astral and high-BMP characters meet', () => {
    // U+FF5E is 0xEF 0xBD 0x9E in UTF-8; U+1F600 is 0xF0 ...: bytes put the BMP one first, UTF-16 would not.
    expect(sha1Sorted(['\u{1F600}', '\uFF5E'])).toBe(sha1Sorted(['\uFF5E', '\u{1F600}']));
    expect(sha1Sorted(['\u{1F600}', '\uFF5E'])).toBe(
      createHash('sha1').update('\uFF5E\u{1F600}').digest('hex'),
    );
  });
});

describe('signaturesEqual', () => {
  it('is false for different lengths and true only for equal digests', () => {
    expect(signaturesEqual('ab', 'ab')).toBe(true);
    expect(signaturesEqual('ab', 'ac')).toBe(false);
    expect(signaturesEqual('ab', 'abc')).toBe(false);
    const sig = computeSignature('token', '1700000000', '42');
    expect(signaturesEqual(sig, sig.toUpperCase())).toBe(true);
    expect(signaturesEqual(sig, `0${sig.slice(1)}`)).toBe(sig.startsWith('0'));
    expect(signaturesEqual(sig, `${sig.slice(0, -1)}${sig.endsWith('f') ? 'e' : 'f'}`)).toBe(false);
    expect(signaturesEqual(sig, null)).toBe(false);
  });
});
