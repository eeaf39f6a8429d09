import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';

/**
 * One schema step. `sql` runs inside its own transaction. Never edit a migration that has shipped:
 * its checksum is recorded and a changed one refuses to open (docs/architecture.md §5). Add a new one.
 */
export interface Migration {
  id: number;
  name: string;
  sql: string;
}

export function checksumOf(m: Migration): string {
  return createHash('sha256').update(m.sql).digest('hex').slice(0, 16);
}

/** Applies pending migrations in order; refuses a database from a newer MPDesk or with edited history. */
export function migrate(
  db: Database.Database,
  migrations: readonly Migration[],
  label = 'database',
): number[] {
  for (const [i, m] of migrations.entries()) {
    const previous = migrations[i - 1];
    if (previous && m.id <= previous.id) throw new Error(`migrations out of order at ${m.id}`);
  }
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
  const applied = db.prepare('SELECT id, name, checksum FROM schema_migrations ORDER BY id').all() as {
    id: number;
    name: string;
    checksum: string;
  }[];
  const known = new Map(migrations.map((m) => [m.id, m]));
  const newest = migrations.at(-1)?.id ?? 0;
  for (const row of applied) {
    if (row.id > newest) {
      throw new AppError(
        'storage',
        `The ${label} was written by a newer version of MPDesk (schema ${row.id} "${row.name}"); this version knows up to ${newest}. Update MPDesk to open it.`,
        { details: { schema: row.id, known: newest } },
      );
    }
    const m = known.get(row.id);
    if (!m || checksumOf(m) !== row.checksum) {
      throw new AppError(
        'storage',
        `The ${label}'s schema step ${row.id} "${row.name}" does not match this version of MPDesk.`,
      );
    }
  }
  const done = new Set(applied.map((r) => r.id));
  const ran: number[] = [];
  const record = db.prepare(
    'INSERT INTO schema_migrations (id, name, checksum, applied_at) VALUES (?, ?, ?, ?)',
  );
  for (const m of migrations) {
    if (done.has(m.id)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.id, m.name, checksumOf(m), Date.now());
    })();
    ran.push(m.id);
  }
  return ran;
}
