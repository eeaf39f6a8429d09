/**
 * Typed failures of the callback protocol. Each one names the step that failed and carries the
 * error constant the official sample library uses for it (docs/wechat-protocol.md §4.2: -40001 ...
 * -40011), so the UI can explain a rejected request the way WeChat's own docs do. These codes are
 * local only: WeChat never returns them.
 */
export const PROTOCOL_STEPS = {
  /** signature / msg_signature mismatch or missing. */
  signature: -40001,
  /** Body is not XML we accept (malformed, wrong root, DTD, too large, too deep). */
  xml: -40002,
  /** The EncodingAESKey is not 43 chars that decode to 32 bytes. */
  key: -40004,
  /** The trailing AppID inside the plaintext is not the expected one. */
  appid: -40005,
  /** Encryption failed (e.g. a random prefix that is not 16 bytes). */
  encrypt: -40006,
  /** AES-CBC itself failed (ciphertext not a whole number of blocks). */
  decrypt: -40007,
  /** PKCS#7 padding byte out of 1..32 or pad bytes inconsistent: almost always a wrong key. */
  padding: -40007,
  /** The 4-byte length prefix points past the end of the plaintext. */
  length: -40008,
  /** `Encrypt` is not valid Base64. */
  base64: -40010,
  /** A reply could not be built (e.g. an unknown reply type). */
  build: -40011,
} as const;

export type ProtocolStep = keyof typeof PROTOCOL_STEPS;

/**
 * What to check when a step fails, for logs and the UI (docs/wechat-protocol.md §1, §4.2). The usual
 * cause comes first: a Token or EncodingAESKey that differs from the MP console's.
 */
export const PROTOCOL_STEP_HINTS: Record<ProtocolStep, string> = {
  signature:
    'The Token here differs from the one in the MP console (基本配置 → 服务器配置), or the request was not sent by WeChat.',
  xml: 'The body is not the XML WeChat sends: check that the request really comes from WeChat and was not altered by a proxy.',
  key: 'The EncodingAESKey must be the 43 letters and digits shown in the MP console.',
  appid:
    'The message was encrypted for another AppID: check the account’s AppID (for third-party platforms, the component AppID).',
  encrypt: 'The reply could not be encrypted; this is a bug in the caller (random prefix must be 16 bytes).',
  decrypt: 'The Encrypt value is not whole AES blocks: the body was truncated or altered on the way.',
  padding:
    'Decryption gave garbage: the EncodingAESKey differs from the MP console’s (it changes when someone presses 随机生成).',
  length: 'Decryption gave an impossible length: the EncodingAESKey differs from the MP console’s.',
  base64: 'The Encrypt value is not Base64: the body was altered on the way.',
  build: 'The reply could not be built from its definition: check the rule or reply spec.',
};
export type ProtocolErrorCode = (typeof PROTOCOL_STEPS)[ProtocolStep];

export class WechatProtocolError extends Error {
  readonly step: ProtocolStep;
  /** The official sample library's constant for this step (§4.2). */
  readonly code: ProtocolErrorCode;

  constructor(step: ProtocolStep, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'WechatProtocolError';
    this.step = step;
    this.code = PROTOCOL_STEPS[step];
  }

  /** JSON-safe form for logs and API responses (the message never contains key material). */
  toJSON(): { step: ProtocolStep; code: ProtocolErrorCode; message: string } {
    return { step: this.step, code: this.code, message: this.message };
  }
}

export function isWechatProtocolError(e: unknown): e is WechatProtocolError {
  return e instanceof WechatProtocolError;
}
