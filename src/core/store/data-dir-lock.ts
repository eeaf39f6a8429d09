import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../shared/errors';

/** Who holds a data folder: what `mpdesk.lock` says. */
export interface LockOwner {
  pid: number;
  host: string;
  startedAt: number;
}

const LOCK_NAME = 'mpdesk.lock';

/**
 * One MPDesk per data folder (docs/architecture.md §5): two processes on one folder would both
 * hand out callback log ids and corrupt each other's log. `mpdesk.lock` names the holder (pid, host,
 * start time); it appears whole or not at all (written aside, then hard-linked into place, which
 * fails if the name exists). A lock whose pid is gone on this host (a crash, a SIGKILL) is stale
 * and taken over; a lock from another host is respected, since its pid cannot be checked here.
 */
export class DataDirLock {
  private released = false;

  private constructor(
    readonly file: string,
    private readonly owner: LockOwner,
  ) {}

  static acquire(dir: string, now: number): DataDirLock {
    const file = path.join(dir, LOCK_NAME);
    const owner: LockOwner = { pid: process.pid, host: os.hostname(), startedAt: now };
    for (let attempt = 0; attempt < 3; attempt++) {
      if (place(file, owner)) return new DataDirLock(file, owner);
      const held = readOwner(file);
      if (held && !isStale(held)) throw inUse(dir, held);
      if (!held && fs.existsSync(file) && !unreadableIsOld(file)) throw inUse(dir, null);
      takeOver(file, held);
    }
    throw inUse(dir, readOwner(file));
  }

  /** Removes the lock file if it is still ours. Idempotent. */
  release(): void {
    if (this.released) return;
    this.released = true;
    const now = readOwner(this.file);
    if (now && now.pid === this.owner.pid && now.startedAt === this.owner.startedAt) {
      fs.rmSync(this.file, { force: true });
    }
  }
}

/** Puts a complete lock file in place, or returns false when one is there already. */
function place(file: string, owner: LockOwner): boolean {
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
  fs.writeFileSync(tmp, JSON.stringify(owner) + '\n', { mode: 0o600 });
  try {
    fs.linkSync(tmp, file);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

function readOwner(file: string): LockOwner | null {
  try {
    const v = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockOwner>;
    if (typeof v.pid === 'number' && typeof v.host === 'string' && typeof v.startedAt === 'number')
      return { pid: v.pid, host: v.host, startedAt: v.startedAt };
  } catch {
    // missing or not ours: decided by the caller
  }
  return null;
}

function isStale(owner: LockOwner): boolean {
  if (owner.host !== os.hostname()) return false;
  if (owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (e) {
    // EPERM: the process exists under another user.
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** A lock file that is not valid JSON is taken over only once it is a minute old (not one being written). */
function unreadableIsOld(file: string): boolean {
  try {
    return Date.now() - fs.statSync(file).mtimeMs > 60_000;
  } catch {
    return true;
  }
}

/**
 * Moves the stale lock aside and checks that what was moved is the stale one: if another process
 * took it over in between, its fresh lock goes back into place and this start gives up.
 */
function takeOver(file: string, stale: LockOwner | null): void {
  const aside = `${file}.stale.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
  try {
    fs.renameSync(file, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  const moved = readOwner(aside);
  const same = moved?.pid === stale?.pid && moved?.startedAt === stale?.startedAt;
  if (!same && moved) {
    try {
      fs.linkSync(aside, file);
    } catch {
      // a third process holds it now; the next attempt reads that one
    }
  }
  fs.rmSync(aside, { force: true });
}

function inUse(dir: string, owner: LockOwner | null): AppError {
  const who = owner
    ? `MPDesk (pid ${owner.pid} on ${owner.host}, started ${new Date(owner.startedAt).toISOString()})`
    : 'another MPDesk';
  return new AppError(
    'conflict',
    `The data folder ${dir} is in use by ${who}. Stop that one first, or give this one another folder (--data-dir). ` +
      `If no MPDesk runs there any more, delete ${path.join(dir, LOCK_NAME)}.`,
  );
}
