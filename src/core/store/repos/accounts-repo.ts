import type Database from 'better-sqlite3';
import type { MessageMode } from '../../../shared/api/areas/accounts';

export interface AccountRow {
  id: string;
  name: string;
  appId: string;
  mode: MessageMode;
  callbackSlug: string;
  isSandbox: boolean;
  createdAt: number;
  updatedAt: number;
}

const COLS = `id, name, app_id AS appId, mode, callback_slug AS callbackSlug, is_sandbox AS isSandbox,
  created_at AS createdAt, updated_at AS updatedAt`;

type Raw = Omit<AccountRow, 'isSandbox'> & { isSandbox: number };
const fromRaw = (r: Raw | undefined): AccountRow | undefined =>
  r ? { ...r, isSandbox: r.isSandbox === 1 } : undefined;

export class AccountsRepo {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      all: db.prepare(`SELECT ${COLS} FROM accounts ORDER BY is_sandbox DESC, created_at, id`),
      byId: db.prepare(`SELECT ${COLS} FROM accounts WHERE id = ?`),
      bySlug: db.prepare(`SELECT ${COLS} FROM accounts WHERE callback_slug = ?`),
      insert: db.prepare(
        `INSERT INTO accounts (id, name, app_id, mode, callback_slug, is_sandbox, created_at, updated_at)
         VALUES (@id, @name, @appId, @mode, @callbackSlug, @isSandbox, @createdAt, @updatedAt)`,
      ),
      update: db.prepare(
        `UPDATE accounts SET name = @name, app_id = @appId, mode = @mode, callback_slug = @callbackSlug,
         updated_at = @updatedAt WHERE id = @id`,
      ),
      delete: db.prepare('DELETE FROM accounts WHERE id = ?'),
      count: db.prepare('SELECT count(*) AS n FROM accounts'),
    };
  }

  list(): AccountRow[] {
    return (this.s.all.all() as Raw[]).map((r) => fromRaw(r)!);
  }
  get(id: string): AccountRow | undefined {
    return fromRaw(this.s.byId.get(id) as Raw | undefined);
  }
  getBySlug(slug: string): AccountRow | undefined {
    return fromRaw(this.s.bySlug.get(slug) as Raw | undefined);
  }
  insert(row: AccountRow): void {
    this.s.insert.run({ ...row, isSandbox: row.isSandbox ? 1 : 0 });
  }
  update(row: AccountRow): void {
    this.s.update.run(row);
  }
  delete(id: string): boolean {
    return this.s.delete.run(id).changes > 0;
  }
  count(): number {
    return (this.s.count.get() as { n: number }).n;
  }
}
