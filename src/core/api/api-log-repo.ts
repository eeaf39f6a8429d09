import type Database from 'better-sqlite3';
import type { ApiLogEntryDto } from '../../shared/api/areas/apilog';

/** Bodies are stored up to this many characters; user/get pages can be 300 KB. */
const BODY_LIMIT = 8_192;
const clip = (s: string | null) =>
  s === null || s.length <= BODY_LIMIT ? s : `${s.slice(0, BODY_LIMIT)}…(truncated, ${s.length} chars)`;

const COLS = `id, account_id AS accountId, at, method, host, path, query, request_body AS requestBody, status,
  response_body AS responseBody, latency_ms AS latencyMs, errcode, errmsg, error, origin`;

export class ApiLogRepo {
  private readonly s;
  constructor(db: Database.Database) {
    this.s = {
      insert: db.prepare(
        `INSERT INTO api_log (account_id, at, method, host, path, query, request_body, status, response_body,
           latency_ms, errcode, errmsg, error, origin)
         VALUES (@accountId, @at, @method, @host, @path, @query, @requestBody, @status, @responseBody,
           @latencyMs, @errcode, @errmsg, @error, @origin)`,
      ),
      pageAll: db.prepare(`SELECT ${COLS} FROM api_log WHERE id < ? ORDER BY id DESC LIMIT ?`),
      pageAccount: db.prepare(
        `SELECT ${COLS} FROM api_log WHERE account_id = ? AND id < ? ORDER BY id DESC LIMIT ?`,
      ),
      countAll: db.prepare('SELECT count(*) AS n FROM api_log'),
      countAccount: db.prepare('SELECT count(*) AS n FROM api_log WHERE account_id = ?'),
      prune: db.prepare('DELETE FROM api_log WHERE id <= ?'),
    };
  }

  insert(e: Omit<ApiLogEntryDto, 'id'>): ApiLogEntryDto {
    const row = { ...e, requestBody: clip(e.requestBody), responseBody: clip(e.responseBody) };
    const id = this.s.insert.run(row).lastInsertRowid;
    return { ...row, id: String(id) };
  }

  /** Newest first; `before` is an exclusive id cursor. */
  page(accountId: string | undefined, before: number, limit: number): ApiLogEntryDto[] {
    const rows = (
      accountId === undefined
        ? this.s.pageAll.all(before, limit)
        : this.s.pageAccount.all(accountId, before, limit)
    ) as (Omit<ApiLogEntryDto, 'id'> & { id: number })[];
    return rows.map((r) => ({ ...r, id: String(r.id) }));
  }

  count(accountId?: string): number {
    const r = (accountId === undefined ? this.s.countAll.get() : this.s.countAccount.get(accountId)) as {
      n: number;
    };
    return r.n;
  }

  /** Keeps the newest `keep` rows. */
  pruneBelow(lastId: number, keep: number): void {
    if (lastId > keep) this.s.prune.run(lastId - keep);
  }
}
