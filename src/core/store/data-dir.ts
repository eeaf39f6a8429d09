import fs from 'node:fs';
import path from 'node:path';

/** Owner only: the folder holds the database, the sandbox's file and the key that seals secrets. */
const DIR_MODE = 0o700;
const FILE_MODE = 0o600;
const POSIX = process.platform !== 'win32';

/**
 * Creates the data folder owner-only (0700) and makes every file directly in it 0600, including
 * what an older version left readable by others (mpdesk.sqlite and its -wal/-shm, sandbox.sqlite,
 * secret.key, ...). Subfolders are left alone: the desktop app's folder also holds Chromium's.
 * Windows keeps its own ACLs (the user's profile).
 */
export function secureDataDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: DIR_MODE });
  if (!POSIX) return;
  fs.chmodSync(dir, DIR_MODE);
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    const st = fs.lstatSync(file);
    if (st.isFile() && (st.mode & 0o777) !== FILE_MODE) fs.chmodSync(file, FILE_MODE);
  }
}

/**
 * Creates `file` empty with mode 0600 if it does not exist, and makes it 0600 if it does. SQLite
 * gives its -wal and -shm files the database file's permissions, so they follow.
 */
export function ownerOnlyFile(file: string): void {
  fs.closeSync(fs.openSync(file, 'a', FILE_MODE));
  if (POSIX) fs.chmodSync(file, FILE_MODE);
}
