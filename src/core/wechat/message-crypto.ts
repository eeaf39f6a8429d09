import { randomAlnum, type Random } from '../runtime';
import { cbcDecrypt, cbcEncrypt } from './aes-cbc';
import { toAesKey, type AesKey } from './aes-key';
import { WechatProtocolError } from './errors';

/**
 * Safe-mode message encryption, docs/wechat-protocol.md §4.2: AES-256-CBC with the IV taken from the
 * key, Node's auto-padding OFF (WeChat pads PKCS#7 to 32-byte blocks, so pad values 17..32 occur
 * and Node's own PKCS#7/16 check would reject them), plaintext = 16 random bytes | uint32 BE
 * length | XML | AppID.
 */
const BLOCK = 32;

/**
 * The bytes of canonical Base64 (the standard alphabet, padded, length a multiple of 4), or
 * undefined for anything else. Node's decoder skips characters outside the alphabet and stops at
 * '=', so any of them leaves fewer bytes than the length promises. What it would take that the
 * alphabet does not is refused by name: the URL-safe '-' and '_', and any non-ASCII character
 * (the decoder reads a two-byte character by its low byte). This replaced a regex over the whole
 * text, a visible part of each safe-mode request (message-crypto.test.ts compares both on random texts).
 */
export function decodeCanonicalBase64(text: string): Buffer | undefined {
  const n = text.length;
  if (n === 0 || n % 4 !== 0) return undefined;
  const pad = text.charCodeAt(n - 1) !== EQ ? 0 : text.charCodeAt(n - 2) !== EQ ? 1 : 2;
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length !== (n / 4) * 3 - pad || text.includes('-') || text.includes('_')) return undefined;
  return Buffer.byteLength(text, 'utf8') === n ? bytes : undefined;
}
const EQ = 0x3d;

export interface DecryptedMessage {
  /** The inner XML (UTF-8). */
  xml: string;
  /** The trailer after the XML: the account's AppID (component AppID for third-party pushes, §11). */
  appId: string;
  /** The 16-byte random prefix (kept so a test can re-encrypt byte for byte). */
  random: Buffer;
}

export function decryptMessage(
  key: AesKey | string,
  encrypt: string,
  expectAppId?: string,
): DecryptedMessage {
  const k = toAesKey(key);
  const cipher = typeof encrypt === 'string' ? decodeCanonicalBase64(encrypt) : undefined;
  if (!cipher) throw new WechatProtocolError('base64', 'Encrypt is not valid Base64');
  if (cipher.length < BLOCK || cipher.length % 16 !== 0) {
    throw new WechatProtocolError(
      'decrypt',
      `ciphertext is ${cipher.length} bytes, not a whole number of AES blocks`,
    );
  }
  let plain: Buffer;
  try {
    plain = cbcDecrypt(k, cipher);
  } catch (cause) {
    throw new WechatProtocolError('decrypt', 'AES-256-CBC decryption failed', { cause });
  }
  // At least one block (checked above), so there is a last byte.
  const pad = plain.readUInt8(plain.length - 1);
  if (pad < 1 || pad > BLOCK || !padBytesAre(plain, pad)) {
    // Garbage padding nearly always means the EncodingAESKey is not the one WeChat used.
    throw new WechatProtocolError('padding', 'bad PKCS#7 padding after decryption (wrong EncodingAESKey?)');
  }
  const body = plain.subarray(0, plain.length - pad);
  if (body.length < 20)
    throw new WechatProtocolError('length', 'plaintext is shorter than its 20-byte header');
  const len = body.readUInt32BE(16);
  if (len > body.length - 20) {
    throw new WechatProtocolError(
      'length',
      `length prefix ${len} exceeds the ${body.length - 20} bytes that follow (wrong EncodingAESKey?)`,
    );
  }
  const xml = body.subarray(20, 20 + len).toString('utf8');
  const appId = body.subarray(20 + len).toString('utf8');
  if (expectAppId !== undefined && appId !== expectAppId) {
    throw new WechatProtocolError('appid', 'the AppID inside the message is not this account’s AppID');
  }
  return { xml, appId, random: Buffer.from(body.subarray(0, 16)) };
}

function padBytesAre(buf: Buffer, pad: number): boolean {
  for (let i = buf.length - pad; i < buf.length; i++) if (buf[i] !== pad) return false;
  return true;
}

/**
 * Encrypts `xml` for `appId`. `random` is the 16-byte prefix (a 16-char ASCII string like the
 * official SDKs use, or bytes); it is injected so tests reproduce published ciphertexts exactly.
 */
export function encryptMessage(
  key: AesKey | string,
  xml: string,
  appId: string,
  random: string | Uint8Array,
): string {
  const k = toAesKey(key);
  const prefix = typeof random === 'string' ? Buffer.from(random, 'utf8') : Buffer.from(random);
  if (prefix.length !== 16)
    throw new WechatProtocolError('encrypt', `random prefix must be 16 bytes, got ${prefix.length}`);
  const msg = Buffer.from(xml, 'utf8');
  const app = Buffer.from(appId, 'utf8');
  const unpadded = 20 + msg.length + app.length;
  const pad = BLOCK - (unpadded % BLOCK);
  const plain = Buffer.allocUnsafe(unpadded + pad);
  prefix.copy(plain, 0);
  plain.writeUInt32BE(msg.length, 16);
  msg.copy(plain, 20);
  app.copy(plain, 20 + msg.length);
  plain.fill(pad, unpadded);
  return cbcEncrypt(k, plain).toString('base64');
}

/** A 16-char alphanumeric prefix, as wechatpy/WxJava/EasyWeChat generate it (§4.2). */
export function randomPrefix(random: Random): string {
  return randomAlnum(random, 16);
}
