import type Database from 'better-sqlite3';
import type { LateReplyDto } from '../../../shared/api/areas/callbacks';

export interface LateReplyRow extends LateReplyDto {
  accountId: string;
  logId: number | null;
  openid: string;
  attempts: number;
}

const COLS = `id, account_id AS accountId, log_id AS logId, openid, body, state, detail, attempts, updated_at AS updatedAt`;

/** Replies that missed the passive-reply deadline and go out through the customer-service API (§3.1, §10.1). */
export class LateRepliesRepo {
  private readonly s;
  constructor(db: Database.Database) {
    this.s = {
      insert: db.prepare(`INSERT INTO late_replies (account_id, log_id, openid, body, state, detail, attempts,
        created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)`),
      update: db.prepare(
        'UPDATE late_replies SET state = ?, detail = ?, attempts = attempts + ?, updated_at = ? WHERE id = ?',
      ),
      byLog: db.prepare(`SELECT ${COLS} FROM late_replies WHERE log_id = ? ORDER BY id`),
      get: db.prepare(`SELECT ${COLS} FROM late_replies WHERE id = ?`),
      waiting: db.prepare(`SELECT ${COLS} FROM late_replies WHERE state = 'waiting' ORDER BY id LIMIT ?`),
    };
  }
  insert(
    r: {
      accountId: string;
      logId: number | null;
      openid: string;
      body: string;
      state: LateReplyDto['state'];
      detail: string;
    },
    at: number,
  ): number {
    return Number(
      this.s.insert.run(r.accountId, r.logId, r.openid, r.body, r.state, r.detail, at, at).lastInsertRowid,
    );
  }
  update(id: number, state: LateReplyDto['state'], detail: string, attempted: boolean, at: number): void {
    this.s.update.run(state, detail, attempted ? 1 : 0, at, id);
  }
  get(id: number): LateReplyRow | undefined {
    return this.s.get.get(id) as LateReplyRow | undefined;
  }
  byLog(logId: number): LateReplyRow[] {
    return this.s.byLog.all(logId) as LateReplyRow[];
  }
  waiting(limit = 100): LateReplyRow[] {
    return this.s.waiting.all(limit) as LateReplyRow[];
  }
}

export const toLateReplyDto = (r: LateReplyRow): LateReplyDto => ({
  id: r.id,
  state: r.state,
  detail: r.detail,
  body: r.body,
  updatedAt: r.updatedAt,
});
