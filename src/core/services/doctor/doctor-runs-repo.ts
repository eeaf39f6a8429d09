import type Database from 'better-sqlite3';
import type { DoctorReport } from '../../../shared/api/areas/doctor';

const KEEP_PER_ACCOUNT = 20;

/** Doctor reports per account (migration 004); only the newest few are kept. */
export class DoctorRunsRepo {
  private readonly s;
  constructor(db: Database.Database) {
    this.s = {
      insert: db.prepare(
        'INSERT INTO doctor_runs (account_id, started_at, overall, public_url, report) VALUES (?, ?, ?, ?, ?)',
      ),
      prune: db.prepare(`DELETE FROM doctor_runs WHERE account_id = ? AND id NOT IN
        (SELECT id FROM doctor_runs WHERE account_id = ? ORDER BY id DESC LIMIT ${KEEP_PER_ACCOUNT})`),
      last: db
        .prepare('SELECT report FROM doctor_runs WHERE account_id = ? ORDER BY id DESC LIMIT 1')
        .pluck(),
    };
    this.save = db.transaction(this.save.bind(this));
  }

  save(r: DoctorReport): void {
    this.s.insert.run(r.accountId, r.startedAt, r.overall, r.publicUrl, JSON.stringify(r));
    this.s.prune.run(r.accountId, r.accountId);
  }

  last(accountId: string): DoctorReport | null {
    const text = this.s.last.get(accountId) as string | undefined;
    if (!text) return null;
    try {
      return JSON.parse(text) as DoctorReport;
    } catch {
      return null;
    }
  }
}
