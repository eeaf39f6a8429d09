import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { ownerOnlyFile } from './data-dir';
import { migrate, type Migration } from './migration';

export interface OpenOptions {
  /**
   * Path of the better_sqlite3.node to load. The Electron shell passes its own build so that the
   * Node build used by `npm test` and the Electron build never clobber each other (docs/architecture.md §9).
   */
  nativeBinding?: string;
  label?: string;
}

/** Opens (creating if needed) a SQLite file with the house pragmas and runs the migrations. */
export function openDatabase(
  file: string,
  migrations: readonly Migration[],
  opts: OpenOptions = {},
): Database.Database {
  const label = opts.label ?? 'database';
  let db: Database.Database;
  try {
    if (file !== ':memory:') {
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      // Owner-only before SQLite opens it, so its -wal and -shm files are created the same way.
      ownerOnlyFile(file);
    }
    db = new Database(file, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
  } catch (cause) {
    throw new AppError('storage', `Cannot open the ${label} at ${file}: ${(cause as Error).message}`, {
      cause,
    });
  }
  try {
    usePageSize(db, file);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    // NORMAL is durable across process crashes in WAL mode; only an OS crash can lose the last commits.
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    migrate(db, migrations, label);
    return db;
  } catch (e) {
    db.close();
    if (e instanceof AppError) throw e;
    const msg = (e as Error).message;
    if (/file is not a database|malformed/i.test(msg)) {
      throw new AppError('storage', `The ${label} at ${file} is damaged or not an MPDesk database: ${msg}`, {
        cause: e,
      });
    }
    throw e;
  }
}

/**
 * The house page size (docs/architecture.md §5). A callback log row is 1-2.5 KB: at SQLite's default
 * 4 KB a safe-mode row (just over half a page) took a page of its own, and every commit and
 * checkpoint wrote twice the bytes. 8 KB pages hold three to six rows; larger ones cost the small
 * commits of a moderate load more, since each commit rewrites the pages it touched whole.
 */
export const PAGE_SIZE = 8192;
/** A database from before PAGE_SIZE is rebuilt with it only while this small: VACUUM copies it all. */
const CONVERT_BELOW_BYTES = 64 << 20;

/**
 * A new database gets PAGE_SIZE (it applies before the first table exists). An older, small one is
 * rebuilt with it (VACUUM, in rollback-journal mode, which is what lets the page size change); a
 * large one keeps its pages rather than stall the start for a copy of the whole log.
 */
function usePageSize(db: Database.Database, file: string): void {
  if (db.pragma('page_size', { simple: true }) === PAGE_SIZE) return;
  const pages = db.pragma('page_count', { simple: true }) as number;
  if (pages === 0) {
    db.pragma(`page_size = ${PAGE_SIZE}`);
    return;
  }
  if (
    file === ':memory:' ||
    pages * (db.pragma('page_size', { simple: true }) as number) >= CONVERT_BELOW_BYTES
  )
    return;
  db.pragma('journal_mode = DELETE');
  db.pragma(`page_size = ${PAGE_SIZE}`);
  db.exec('VACUUM');
}

/** Maps SQLite's storage failures to a clear error; everything else passes through. */
export function storageError(e: unknown, what: string): unknown {
  const code = (e as { code?: string })?.code;
  if (code === 'SQLITE_FULL')
    return new AppError(
      'storage',
      `The disk is full: could not ${what}. Nothing was saved; free some space and retry.`,
      { cause: e },
    );
  if (code === 'SQLITE_READONLY' || code === 'SQLITE_IOERR')
    return new AppError('storage', `Could not ${what}: the data directory cannot be written (${code}).`, {
      cause: e,
    });
  return e;
}
