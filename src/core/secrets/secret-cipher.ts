/**
 * How secrets are sealed at rest (docs/architecture.md §5). The desktop shell uses Electron's safeStorage;
 * headless mode uses an AES-256-GCM key file (key-file-cipher.ts). Core never knows which.
 */
export interface SecretCipher {
  readonly kind: string;
  seal(plain: string): Buffer;
  /** Throws AppError('secret_store') when the ciphertext was not sealed by this cipher's key. */
  open(sealed: Buffer): string;
}
