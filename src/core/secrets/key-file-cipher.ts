import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { SecretCipher } from './secret-cipher';

const MAGIC = 'MPDESK-KEY-1\n';
const VERSION = 1;

/**
 * Headless-mode secret sealing: AES-256-GCM with a random key kept in `<dataDir>/secret.key`, created
 * with mode 0600. The file carries a magic header so a foreign or truncated file is a clear error
 * instead of a silent re-key that would make every stored secret unreadable.
 */
export class KeyFileCipher implements SecretCipher {
  readonly kind = 'key-file';
  private constructor(
    private readonly key: Buffer,
    readonly keyFile: string,
  ) {}

  static openOrCreate(keyFile: string): KeyFileCipher {
    if (!fs.existsSync(keyFile)) {
      fs.mkdirSync(path.dirname(keyFile), { recursive: true });
      const key = crypto.randomBytes(32);
      const body = MAGIC + key.toString('base64') + '\n';
      // 'wx' fails if another process created it meanwhile; then we read theirs below.
      try {
        fs.writeFileSync(keyFile, body, { mode: 0o600, flag: 'wx' });
        return new KeyFileCipher(key, keyFile);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
          throw new AppError(
            'secret_store',
            `Cannot create the secret key file ${keyFile}: ${(e as Error).message}`,
            { cause: e },
          );
        }
      }
    }
    let text: string;
    try {
      text = fs.readFileSync(keyFile, 'utf8');
    } catch (e) {
      throw new AppError(
        'secret_store',
        `Cannot read the secret key file ${keyFile}: ${(e as Error).message}`,
        { cause: e },
      );
    }
    if (!text.startsWith(MAGIC)) {
      throw new AppError(
        'secret_store',
        `${keyFile} is not an MPDesk key file. Restore the original file (secrets sealed with it cannot be read otherwise) or move the data directory aside.`,
      );
    }
    const key = Buffer.from(text.slice(MAGIC.length).trim(), 'base64');
    if (key.length !== 32) {
      throw new AppError(
        'secret_store',
        `${keyFile} is damaged (key is ${key.length} bytes, expected 32). Restore it from a backup.`,
      );
    }
    return new KeyFileCipher(key, keyFile);
  }

  seal(plain: string): Buffer {
    const iv = crypto.randomBytes(12);
    const c = crypto.createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return Buffer.concat([Buffer.from([VERSION]), iv, c.getAuthTag(), body]);
  }

  open(sealed: Buffer): string {
    if (sealed.length < 29 || sealed[0] !== VERSION) {
      throw new AppError('secret_store', 'A stored secret is damaged (bad header).');
    }
    try {
      const d = crypto.createDecipheriv('aes-256-gcm', this.key, sealed.subarray(1, 13));
      d.setAuthTag(sealed.subarray(13, 29));
      return Buffer.concat([d.update(sealed.subarray(29)), d.final()]).toString('utf8');
    } catch (e) {
      throw new AppError(
        'secret_store',
        `A stored secret cannot be opened with ${this.keyFile}: the key file was replaced or the secret is damaged.`,
        { cause: e },
      );
    }
  }
}
