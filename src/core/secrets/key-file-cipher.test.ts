import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { tempDir } from '../../../test/helpers/temp-dir';
import { KeyFileCipher } from './key-file-cipher';

describe('KeyFileCipher', () => {
  it('creates the key file with mode 0600 and round-trips secrets', () => {
    const file = path.join(tempDir(), 'secret.key');
    const c = KeyFileCipher.openOrCreate(file);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const sealed = c.seal('AppSecret 秘密 🔑');
    expect(sealed.toString('utf8')).not.toContain('AppSecret');
    expect(c.open(sealed)).toBe('AppSecret 秘密 🔑');
    // Reopening reads the same key.
    expect(KeyFileCipher.openOrCreate(file).open(sealed)).toBe('AppSecret 秘密 🔑');
  });

  it('refuses a foreign key file with a clear error instead of re-keying', () => {
    const file = path.join(tempDir(), 'secret.key');
    fs.writeFileSync(file, 'ssh-rsa AAAA...');
    expect(() => KeyFileCipher.openOrCreate(file)).toThrow(/not an MPDesk key file/);
    expect(fs.readFileSync(file, 'utf8')).toBe('ssh-rsa AAAA...');
  });

  it('refuses a truncated key file', () => {
    const file = path.join(tempDir(), 'secret.key');
    fs.writeFileSync(file, 'MPDESK-KEY-1\nAAAA\n');
    expect(() => KeyFileCipher.openOrCreate(file)).toThrow(/damaged/);
  });

  it('says so when a secret was sealed with another key, or is damaged', () => {
    const dir = tempDir();
    const a = KeyFileCipher.openOrCreate(path.join(dir, 'a.key'));
    const b = KeyFileCipher.openOrCreate(path.join(dir, 'b.key'));
    const sealed = a.seal('x');
    expect(() => b.open(sealed)).toThrow(AppError);
    expect(() => b.open(sealed)).toThrow(/key file was replaced or the secret is damaged/);
    const flipped = Buffer.from(sealed);
    const lastByte = flipped.length - 1;
    flipped[lastByte] = flipped.readUInt8(lastByte) ^ 1;
    expect(() => a.open(flipped)).toThrow(AppError);
    expect(() => a.open(Buffer.from([9, 9]))).toThrow(/bad header/);
  });
});
