import type Database from 'better-sqlite3';
import { BackgroundCheckpointer } from '../store/background-checkpointer';
import { MIGRATIONS } from '../store/migrations';
import { openDatabase } from '../store/open-database';
import type { CoreModule } from './core-module';

/**
 * The main database (`<dataDir>/mpdesk.sqlite`, migrated on open): first among the modules, so it
 * is the last to stop. Started, its WAL checkpoints (and their fsync) run on a thread of their own,
 * never in a request's commit.
 */
export function createDatabaseModule(o: {
  file: string;
  nativeBinding?: string;
}): CoreModule<Record<never, never>> & { db: Database.Database } {
  const db = openDatabase(o.file, MIGRATIONS, {
    nativeBinding: o.nativeBinding,
    label: 'MPDesk database',
  });
  let checkpointer: BackgroundCheckpointer | undefined;
  return {
    db,
    handlers: {},
    start(): void {
      checkpointer = new BackgroundCheckpointer(db, { nativeBinding: o.nativeBinding });
    },
    async stop(): Promise<void> {
      await checkpointer?.stop();
      db.close();
    },
  };
}
