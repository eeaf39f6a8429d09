import type Database from 'better-sqlite3';
import type { Clock } from '../runtime';
import type { SecretCipher } from './secret-cipher';
import { storageError } from '../store/open-database';

/**
 * Named secrets sealed by a SecretCipher and kept in the `secrets` table. Names are namespaced by
 * owner, e.g. `account:<id>:appSecret`. Values leave this class only towards protocol code in core;
 * the contract exposes `{ isSet }` and nothing else.
 */
export class SecretStore {
  private readonly getStmt;
  private readonly putStmt;
  private readonly delStmt;
  private readonly delPrefixStmt;

  constructor(
    private readonly db: Database.Database,
    private readonly cipher: SecretCipher,
    private readonly clock: Clock,
  ) {
    this.getStmt = db.prepare('SELECT ciphertext FROM secrets WHERE name = ?');
    this.putStmt = db.prepare(
      'INSERT INTO secrets (name, ciphertext, updated_at) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET ciphertext = excluded.ciphertext, updated_at = excluded.updated_at',
    );
    this.delStmt = db.prepare('DELETE FROM secrets WHERE name = ?');
    this.delPrefixStmt = db.prepare('DELETE FROM secrets WHERE substr(name, 1, length(?)) = ?');
  }

  get(name: string): string | undefined {
    const row = this.getStmt.get(name) as { ciphertext: Buffer } | undefined;
    return row ? this.cipher.open(row.ciphertext) : undefined;
  }

  has(name: string): boolean {
    return this.getStmt.get(name) !== undefined;
  }

  set(name: string, value: string): void {
    try {
      this.putStmt.run(name, this.cipher.seal(value), this.clock.now());
    } catch (e) {
      throw storageError(e, 'save a secret');
    }
  }

  delete(name: string): void {
    this.delStmt.run(name);
  }

  deletePrefix(prefix: string): void {
    this.delPrefixStmt.run(prefix, prefix);
  }
}
