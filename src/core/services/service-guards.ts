import { AppError } from '../../shared/errors';
import { storageError } from '../store/open-database';

/** Throws not_found unless the account exists (services that hang settings off an account). */
export function requireAccount(exists: (id: string) => boolean, id: string): void {
  if (!exists(id)) throw new AppError('not_found', `No account with id "${id}"`);
}

/** Runs a write, turning SQLite's disk-full / read-only failures into a clear storage error. */
export function writeOrFail(what: string, fn: () => void): void {
  try {
    fn();
  } catch (e) {
    throw storageError(e, what);
  }
}
