import fs from 'node:fs';
import path from 'node:path';
import type { SafeStorage } from 'electron';
import { KeyFileCipher, type SecretCipher } from '../core';
import { safeStorageCipher } from './safe-storage-cipher';

export const KEY_FILE_NAME = 'secret.key';

/** safeStorage's own ciphertexts start `v10`/`v11` (Chromium's OSCrypt); a key-file one starts 0x01. */
function isSafeStorageCiphertext(sealed: Buffer): boolean {
  return (
    sealed.length > 3 &&
    sealed[0] === 0x76 &&
    sealed[1] === 0x31 &&
    (sealed[2] === 0x30 || sealed[2] === 0x31)
  );
}

/**
 * The key-file cipher, still able to open what safeStorage sealed before the switch: secrets set
 * then stay readable, and each is sealed with the key file the next time it is saved.
 */
export function keyFileCipherWithLegacy(keyFile: string, safeStorage: SafeStorage): SecretCipher {
  const cipher = KeyFileCipher.openOrCreate(keyFile);
  return {
    kind: cipher.kind,
    seal: (plain) => cipher.seal(plain),
    open: (sealed) =>
      isSafeStorageCiphertext(sealed) && safeStorage.isEncryptionAvailable()
        ? safeStorage.decryptString(sealed)
        : cipher.open(sealed),
  };
}

export type NoKeychainAnswer = 'key-file' | 'quit';

export interface SecretStorageDeps {
  platform: NodeJS.Platform;
  safeStorage: SafeStorage;
  dataDir: string;
  /** Asked once, when there is no keychain and no key file yet; says so and offers the key file. */
  askNoKeychain: (keyFile: string) => Promise<NoKeychainAnswer>;
}

/** Linux without a keychain: safeStorage would still "encrypt", with Chromium's built-in password. */
function keychainMissing(platform: NodeJS.Platform, safeStorage: SafeStorage): boolean {
  if (!safeStorage.isEncryptionAvailable()) return true;
  return platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text';
}

/**
 * How the desktop app seals secrets (docs/architecture.md §5): the OS keychain through safeStorage,
 * or, once the user chose it because there was no keychain, the key file. That choice is the
 * file's existence, so it holds on later runs even if a keychain appears (its key opens the
 * secrets stored meanwhile). Null: the user preferred to quit and set up a keychain.
 */
export async function chooseSecretCipher(deps: SecretStorageDeps): Promise<SecretCipher | null> {
  const keyFile = path.join(deps.dataDir, KEY_FILE_NAME);
  if (fs.existsSync(keyFile)) return keyFileCipherWithLegacy(keyFile, deps.safeStorage);
  if (!keychainMissing(deps.platform, deps.safeStorage)) return safeStorageCipher(deps.safeStorage);
  if ((await deps.askNoKeychain(keyFile)) === 'quit') return null;
  return keyFileCipherWithLegacy(keyFile, deps.safeStorage);
}
