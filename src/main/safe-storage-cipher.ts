import type { SafeStorage } from 'electron';
import type { SecretCipher } from '../core';
import { AppError } from '../shared/errors';

/** Desktop secret sealing with the OS keychain (Keychain, DPAPI, libsecret) via Electron's safeStorage. */
export function safeStorageCipher(safeStorage: SafeStorage): SecretCipher {
  if (!safeStorage.isEncryptionAvailable()) {
    throw new AppError(
      'secret_store',
      'The OS keychain is not available, so secrets cannot be stored safely.',
    );
  }
  return {
    kind: 'safe-storage',
    seal: (plain) => safeStorage.encryptString(plain),
    open: (sealed) => {
      try {
        return safeStorage.decryptString(sealed);
      } catch (e) {
        throw new AppError('secret_store', "A stored secret cannot be opened with this OS user's keychain.", {
          cause: e,
        });
      }
    },
  };
}
