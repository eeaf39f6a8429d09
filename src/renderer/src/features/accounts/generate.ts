const ALPHANUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Uniform random letters/digits from crypto.getRandomValues (rejection sampling: no modulo bias). */
export function randomAlphanumeric(length: number): string {
  const out: string[] = [];
  const limit = 256 - (256 % ALPHANUM.length);
  while (out.length < length) {
    const bytes = crypto.getRandomValues(new Uint8Array(length * 2));
    for (const b of bytes) {
      if (b < limit) out.push(ALPHANUM.charAt(b % ALPHANUM.length));
      if (out.length === length) break;
    }
  }
  return out.join('');
}

/** The mp backend accepts 3-32; the longest is the strongest. */
export const generateToken = () => randomAlphanumeric(32);
/** Exactly 43 characters (base64 of a 32-byte AES key without its "=", docs/wechat-protocol.md §4.1). */
export const generateAesKey = () => randomAlphanumeric(43);
