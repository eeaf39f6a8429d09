import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/helpers/temp-dir';
import { checksumOf, migrate, type Migration } from './migration';
import { openDatabase, PAGE_SIZE } from './open-database';

const m1: Migration = { id: 1, name: 'one', sql: 'CREATE TABLE a (x INTEGER);' };
const m2: Migration = { id: 2, name: 'two', sql: 'CREATE TABLE b (y INTEGER);' };

describe('migrations', () => {
  it('apply in order once, each recorded with its checksum, in WAL mode', () => {
    const file = path.join(tempDir(), 'db.sqlite');
    const db = openDatabase(file, [m1]);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
    const db2 = openDatabase(file, [m1, m2]);
    const rows = db2.prepare('SELECT id, checksum FROM schema_migrations ORDER BY id').all();
    expect(rows).toEqual([
      { id: 1, checksum: checksumOf(m1) },
      { id: 2, checksum: checksumOf(m2) },
    ]);
    expect(migrate(db2, [m1, m2])).toEqual([]);
    db2.close();
  });

  it('give a new database the house page size, and rebuild a small one made with 4 KB pages', () => {
    const fresh = openDatabase(path.join(tempDir(), 'new.sqlite'), [m1]);
    expect(fresh.pragma('page_size', { simple: true })).toBe(PAGE_SIZE);
    fresh.close();
    const file = path.join(tempDir(), 'old.sqlite');
    const old = new Database(file);
    old.pragma('page_size = 4096');
    old.pragma('journal_mode = WAL');
    migrate(old, [m1]);
    old.prepare('INSERT INTO a (x) VALUES (?)').run(42);
    old.close();
    const db = openDatabase(file, [m1, m2]);
    expect(db.pragma('page_size', { simple: true })).toBe(PAGE_SIZE);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('SELECT x FROM a').all()).toEqual([{ x: 42 }]);
    db.close();
  });

  it('refuse a database written by a newer version, leaving it untouched', () => {
    const file = path.join(tempDir(), 'db.sqlite');
    openDatabase(file, [m1, m2]).close();
    const before = fs.readFileSync(file);
    expect(() => openDatabase(file, [m1])).toThrow(/newer version of MPDesk/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('refuse a shipped migration that was edited', () => {
    const file = path.join(tempDir(), 'db.sqlite');
    openDatabase(file, [m1]).close();
    expect(() => openDatabase(file, [{ ...m1, sql: 'CREATE TABLE a (x TEXT);' }])).toThrow(/does not match/);
  });

  it('roll back a failing migration completely', () => {
    const db = new Database(':memory:');
    const bad: Migration = {
      id: 2,
      name: 'bad',
      sql: 'CREATE TABLE c (z INTEGER); INSERT INTO nope VALUES (1);',
    };
    expect(() => migrate(db, [m1, bad])).toThrow();
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    expect(tables).toEqual(['a', 'schema_migrations']);
  });

  it('give a clear error for a file that is not a database', () => {
    const file = path.join(tempDir(), 'db.sqlite');
    fs.writeFileSync(file, 'this is not sqlite '.repeat(100));
    expect(() => openDatabase(file, [m1], { label: 'MPDesk database' })).toThrow(
      /damaged or not an MPDesk database/,
    );
  });
});
