/**
 * Core as the shells (src/main, src/headless) see it: the composition root, the one dispatch both
 * transports call, the HTTP plumbing the headless console shares with the callback listener, and
 * the ciphers that seal secrets at rest. The shells import from here, never from the files behind it
 * (eslint.config.mjs); tests may reach further in (test/helpers/test-core.ts).
 */
export { createCore, type Core, type CoreConfig, type UpdatesPort } from './create-core';
export { dispatch } from './dispatch';
export { BodyTooLargeError, HttpListener, readBody } from './http';
export { KeyFileCipher } from './secrets/key-file-cipher';
export type { SecretCipher } from './secrets/secret-cipher';
