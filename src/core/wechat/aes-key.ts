import { WechatProtocolError } from './errors';

/** A parsed EncodingAESKey: the 32-byte AES-256 key and its first 16 bytes as the IV (§4.2). */
export interface AesKey {
  readonly key: Buffer;
  readonly iv: Buffer;
}

export type AesKeyProblem = 'length' | 'charset' | 'decoded_length';

/**
 * Why an EncodingAESKey is unusable, or null when it is fine (docs/wechat-protocol.md §1: exactly 43
 * chars of A-Z a-z 0-9; Base64 of key + "=" gives 32 bytes). For forms: no throw.
 */
export function checkAesKey(encodingAesKey: string): AesKeyProblem | null {
  if (typeof encodingAesKey !== 'string' || encodingAesKey.length !== 43) return 'length';
  if (!/^[A-Za-z0-9]{43}$/.test(encodingAesKey)) return 'charset';
  // 43 Base64 chars + "=" always decode to 32 bytes; the check stays in case the rule above changes.
  if (Buffer.from(encodingAesKey + '=', 'base64').length !== 32) return 'decoded_length';
  return null;
}

const PROBLEM_TEXT: Record<AesKeyProblem, string> = {
  length: 'EncodingAESKey must be exactly 43 characters',
  charset: 'EncodingAESKey may contain only letters A-Z, a-z and digits 0-9',
  decoded_length: 'EncodingAESKey does not decode to 32 bytes',
};

/** Parses an EncodingAESKey; throws WechatProtocolError('key') saying what is wrong with it. */
export function parseAesKey(encodingAesKey: string): AesKey {
  const problem = checkAesKey(encodingAesKey);
  if (problem) throw new WechatProtocolError('key', PROBLEM_TEXT[problem]);
  const key = Buffer.from(encodingAesKey + '=', 'base64');
  return { key, iv: key.subarray(0, 16) };
}

/** Accepts an already-parsed key or the 43-char string, so hot paths can parse once. */
export function toAesKey(key: AesKey | string): AesKey {
  return typeof key === 'string' ? parseAesKey(key) : key;
}
