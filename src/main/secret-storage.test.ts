import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../test/helpers/temp-dir';
import { chooseSecretCipher, KEY_FILE_NAME, type NoKeychainAnswer } from './secret-storage';

vi.mock('electron', () => ({}));

/**
 * Electron's safeStorage as it behaves per backend. With `basic_text` Chromium still "encrypts",
 * with its built-in password: a `v10` ciphertext anyone can open. The fake does the same (a fixed
 * XOR under the `v10` prefix), so a test can tell whether a secret was sealed that way.
 */
function fakeSafeStorage(backend: string, available = true) {
  const xor = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: vi.fn((s: string) => Buffer.concat([Buffer.from('v10'), xor(Buffer.from(s))])),
    decryptString: (b: Buffer) => xor(b.subarray(3)).toString(),
  };
}

async function choose(
  backend: string,
  answer: NoKeychainAnswer,
  opts: { available?: boolean; dir?: string } = {},
) {
  const safeStorage = fakeSafeStorage(backend, opts.available);
  const dataDir = opts.dir ?? tempDir();
  const asked: string[] = [];
  const cipher = await chooseSecretCipher({
    platform: 'linux',
    safeStorage: safeStorage as never,
    dataDir,
    askNoKeychain: async (file) => {
      asked.push(file);
      return answer;
    },
  });
  return { cipher, asked, safeStorage, dataDir };
}

describe('desktop secret storage', () => {
  it('uses the keychain when Linux has one, without asking', async () => {
    const { cipher, asked, safeStorage } = await choose('gnome_libsecret', 'quit');
    expect(asked).toEqual([]);
    expect(cipher?.kind).toBe('safe-storage');
    cipher!.seal('AppSecret');
    expect(safeStorage.encryptString).toHaveBeenCalledWith('AppSecret');
  });

  it('with basic_text, says so and seals with the key file instead of the built-in key', async () => {
    const { cipher, asked, safeStorage, dataDir } = await choose('basic_text', 'key-file');
    const keyFile = path.join(dataDir, KEY_FILE_NAME);
    expect(asked).toEqual([keyFile]);
    expect(cipher?.kind).toBe('key-file');
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    const sealed = cipher!.seal('S3cretS3cretS3cretS3cretS3cret00');
    expect(safeStorage.encryptString).not.toHaveBeenCalled();
    // Not Chromium's format, and not openable with its built-in key.
    expect(sealed.subarray(0, 3).toString()).not.toBe('v10');
    expect(safeStorage.decryptString(sealed)).not.toContain('S3cret');
    expect(cipher!.open(sealed)).toBe('S3cretS3cretS3cretS3cretS3cret00');
  });

  it('quits when the user would rather set up a keychain, creating nothing', async () => {
    const { cipher, asked, dataDir } = await choose('basic_text', 'quit');
    expect(asked).toHaveLength(1);
    expect(cipher).toBeNull();
    expect(fs.existsSync(path.join(dataDir, KEY_FILE_NAME))).toBe(false);
  });

  it('offers the key file too when safeStorage cannot encrypt at all', async () => {
    const { cipher, asked } = await choose('unknown', 'key-file', { available: false });
    expect(asked).toHaveLength(1);
    expect(cipher?.kind).toBe('key-file');
  });

  it('keeps the key file once chosen, even after a keychain appears, and asks no more', async () => {
    const first = await choose('basic_text', 'key-file');
    const sealed = first.cipher!.seal('token-xyz');
    const later = await choose('gnome_libsecret', 'quit', { dir: first.dataDir });
    expect(later.asked).toEqual([]);
    expect(later.cipher?.kind).toBe('key-file');
    expect(later.cipher!.open(sealed)).toBe('token-xyz');
  });

  it('still opens what safeStorage sealed before the switch', async () => {
    const { cipher, safeStorage } = await choose('basic_text', 'key-file');
    const legacy = safeStorage.encryptString('old AppSecret');
    expect(cipher!.open(legacy)).toBe('old AppSecret');
  });

  it('asks nothing on macOS or Windows, where safeStorage always has the OS keychain', async () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const ask = vi.fn();
      const cipher = await chooseSecretCipher({
        platform,
        safeStorage: {
          isEncryptionAvailable: () => true,
          // Linux-only in Electron: must not be consulted elsewhere.
          getSelectedStorageBackend: () => {
            throw new Error('linux only');
          },
          encryptString: (s: string) => Buffer.from(s),
          decryptString: (b: Buffer) => b.toString(),
        } as never,
        dataDir: tempDir(),
        askNoKeychain: ask,
      });
      expect(cipher?.kind, platform).toBe('safe-storage');
      expect(ask).not.toHaveBeenCalled();
    }
  });
});
