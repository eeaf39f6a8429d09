import type Database from 'better-sqlite3';
import { CALLBACKS_TOTAL_CAP } from '../../../shared/api/areas/callbacks';
import { WriteTimingsRepo, type WriteTiming } from './write-timings-repo';
import type {
  CallbackEntryDto,
  CallbacksListInput,
  CallbacksPage,
  CallbackSummaryDto,
} from '../../../shared/api/areas/callbacks';
import {
  INSERT_COLS,
  insertValues,
  PARSED_ON_READ,
  readStoredQuery,
  REPLY_BODY,
  type CallbackLogRecord,
} from './callback-log-row';
import { pageOf } from './page-of';
import { statementCache } from './statement-cache';

export { INSERT_COLS, PARSED_ON_READ, readStoredQuery, type CallbackLogRecord } from './callback-log-row';

/** An exchange (the deliveries of one message) as the log holds it: its first delivery's answer. */
export interface ExchangeRow {
  firstLogId: number;
  deliveries: number;
  replyBody: Buffer;
  replyPlain: string | null;
  status: number;
}

/** An exchange that began recently: where to find its answer, not the answer itself. */
export interface RecentExchange {
  accountId: string;
  key: string;
  firstLogId: number;
  deliveries: number;
  createdAt: number;
}

/**
 * The WHERE of callback_log_retries_of (store/migrations/014), repeated exactly so SQLite uses it:
 * an exchange is its first delivery (exchange_id = its own id) and the rows of its retries.
 */
const RETRY_ROWS = `dedupe = 'retry'`;

/**
 * The ids callback_log holds lie in (before, last]. Retention purges the oldest rows, so a
 * long-lived log's ids may start in the millions: walks in id windows start here, not at 0.
 */
export const ID_SPAN_SQL =
  'SELECT ifnull(min(id), 1) - 1 AS before, ifnull(max(id), 0) AS last FROM callback_log';

const SUMMARY_COLS = `id, exchange_id AS exchangeId, delivery, account_id AS accountId, slug, at, method, path, status,
  outcome, reason, msg_type AS msgType, event, openid, dedupe, matched, total_ms AS totalMs, source,
  NULL AS preview`;

const FULL_COLS = `${SUMMARY_COLS}, query, headers, raw_body AS rawBody, decrypted_xml AS decryptedXml, parsed,
  dedupe_key AS dedupeKey, reply_plain AS replyPlain, ${REPLY_BODY('callback_log')} AS replyBody, timings, detail, upstream`;

type FullRaw = CallbackSummaryDto & {
  query: string;
  headers: string;
  rawBody: Buffer;
  decryptedXml: string | null;
  parsed: string | null;
  dedupeKey: string | null;
  replyPlain: string | null;
  replyBody: Buffer;
  timings: string;
  detail: string | null;
  upstream: string | null;
};

/**
 * The callback log and the dedupe exchanges. Statements are prepared once (docs/architecture.md §5);
 * row ids are handed out here so the first delivery can name its own exchange in the same INSERT.
 */
export class CallbackLogRepo {
  private readonly s;
  private nextId: number;
  private readonly writes: WriteTimingsRepo;
  private readonly cached: (sql: string) => Database.Statement;

  constructor(
    private readonly db: Database.Database,
    /** Rebuilds a parsed message from its XML (PARSED_ON_READ); the store does not parse WeChat's XML. */
    private readonly reparse: (xml: string | Uint8Array) => Record<string, unknown> | null = () => null,
  ) {
    this.writes = new WriteTimingsRepo(db);
    this.cached = statementCache(db);
    this.s = {
      // Positional: binding this many named parameters from an object costs more per row.
      insert: db.prepare(
        `INSERT INTO callback_log (${INSERT_COLS.map(([c]) => c).join(', ')}) VALUES (${INSERT_COLS.map(() => '?').join(', ')})`,
      ),
      // Stored conversation messages take positions from this sequence too (conversations-repo.ts).
      maxId: db.prepare(`SELECT max(id) AS n FROM (SELECT max(id) AS id FROM callback_log
        UNION ALL SELECT seq FROM sqlite_sequence WHERE name = 'callback_log'
        UNION ALL SELECT max(pos) FROM conversation_messages)`),
      get: db.prepare(`SELECT ${FULL_COLS} FROM callback_log WHERE id = ?`),
      getRaw: db.prepare(
        `SELECT method, path, query, raw_body AS rawBody, account_id AS accountId FROM callback_log WHERE id = ?`,
      ),
      setLate: db.prepare(
        'UPDATE callback_log SET matched = ?, upstream = coalesce(?, upstream) WHERE id = ?',
      ),
      // The developer's server failed after the deadline: the entry becomes the failure it is.
      setLateFailure: db.prepare(
        `UPDATE callback_log SET outcome = 'error', reason = 'upstream_failed', detail = ? WHERE id = ?`,
      ),
      // Exchanges are read from the log: a first delivery's row holds the answer its retries get,
      // and retries name it in exchange_id (store/migrations/011).
      exchangeOf:
        db.prepare(`SELECT f.id AS firstLogId, ${REPLY_BODY('f')} AS replyBody, f.reply_plain AS replyPlain, f.status,
        1 + (SELECT count(*) FROM callback_log d WHERE d.exchange_id = f.id AND d.${RETRY_ROWS}) AS deliveries
        FROM callback_log r JOIN callback_log f ON f.id = r.exchange_id
        WHERE r.id = ? AND r.account_id = ? AND r.dedupe_key = ?`),
      // Ids grow with time: walk back from the newest row to the first one older than `since`.
      recentExchanges: db.prepare(`SELECT account_id AS accountId, dedupe_key AS key, id AS firstLogId,
        at AS createdAt,
        1 + (SELECT count(*) FROM callback_log d WHERE d.exchange_id = l.id AND d.${RETRY_ROWS}) AS deliveries
        FROM callback_log l
        WHERE id > coalesce((SELECT id FROM callback_log WHERE at < ? ORDER BY id DESC LIMIT 1), 0)
          AND dedupe = 'first' AND dedupe_key IS NOT NULL AND account_id IS NOT NULL ORDER BY id`),
      idSpan: db.prepare(ID_SPAN_SQL),
      messageXml: db.prepare(`SELECT id, coalesce(decrypted_xml, raw_body) AS xml FROM callback_log
        WHERE id IN (SELECT value FROM json_each(?)) AND msg_type IS NOT NULL`),
      // Ids grow with time: delete up to the first row young enough to keep (no index on `at`).
      purgeLog: db.prepare(
        'DELETE FROM callback_log WHERE id < coalesce((SELECT id FROM callback_log WHERE at >= ? ORDER BY id LIMIT 1), (SELECT max(id) + 1 FROM callback_log))',
      ),
      // The oldest `n` rows: up to the n-th id, or all of them when there are fewer.
      pruneOldest: db.prepare(
        'DELETE FROM callback_log WHERE id <= coalesce((SELECT id FROM callback_log ORDER BY id LIMIT 1 OFFSET ?), (SELECT max(id) FROM callback_log))',
      ),
      oldestAt: db.prepare('SELECT at FROM callback_log ORDER BY id LIMIT 1'),
    };
    this.nextId = ((this.s.maxId.get() as { n: number | null }).n ?? 0) + 1;
  }

  allocateId(): number {
    return this.nextId++;
  }

  /** The id the next request will get (nothing at or above it is handed out yet). */
  peekNextId(): number {
    return this.nextId;
  }

  insert(rec: CallbackLogRecord): void {
    // Spread: better-sqlite3 binds arguments straight from the call, an array through one
    // property read per element.
    this.s.insert.run(...insertValues(rec));
  }

  /** The exchange of logged delivery `logId`, if that delivery carried `key` (a replay of it). */
  exchangeOf(logId: number, accountId: string, key: string): ExchangeRow | undefined {
    return this.s.exchangeOf.get(logId, accountId, key) as ExchangeRow | undefined;
  }

  /** Exchanges whose first delivery was logged at or after `since` (epoch ms), oldest first. */
  recentExchanges(since: number): RecentExchange[] {
    return this.s.recentExchanges.all(since) as RecentExchange[];
  }

  /** Record and write times are known only after the response; the recorder adds them in batches. */
  setWriteTimings(batch: readonly WriteTiming[]): void {
    this.writes.add(batch);
  }

  purge(logBefore: number): number {
    return this.db.transaction(() => {
      const n = this.s.purgeLog.run(logBefore).changes;
      this.writes.purge();
      return n;
    })();
  }

  /** Deletes the oldest `n` rows (the size cap, services/log-size-cap.ts); returns how many went. */
  pruneOldest(n: number): number {
    return this.db.transaction(() => {
      const gone = this.s.pruneOldest.run(Math.max(0, n - 1)).changes;
      this.writes.purge();
      return gone;
    })();
  }

  /** When the oldest row the log still holds arrived; null for an empty log. */
  oldestAt(): number | null {
    return (this.s.oldestAt.get() as { at: number } | undefined)?.at ?? null;
  }

  get(id: number): CallbackEntryDto | undefined {
    const r = this.s.get.get(id) as FullRaw | undefined;
    if (!r) return undefined;
    const e = toEntry(r, this.reparse);
    const w = this.writes.get(id);
    if (w) e.timings = { ...e.timings, record: w.record, write: w.write };
    return e;
  }

  /** What a replay needs: the request exactly as it arrived. */
  getRaw(
    id: number,
  ): { method: string; path: string; query: string; rawBody: Buffer; accountId: string | null } | undefined {
    return this.s.getRaw.get(id) as ReturnType<CallbackLogRepo['getRaw']>;
  }

  /**
   * What the handlers decided after the deadline had passed; `failure` says how the developer's
   * server failed (the entry then becomes an upstream_failed error).
   */
  setLate(id: number, matched: string | null, upstream: string | null, failure: string | null = null): void {
    this.db.transaction(() => {
      this.s.setLate.run(matched, upstream, id);
      if (failure) this.s.setLateFailure.run(failure, id);
    })();
  }

  /**
   * Newest first, keyset-paged on id (`cursor` = the last id seen). Each filter is written so one of
   * migration 8's indexes can answer it (partial-index WHERE texts repeated verbatim); the rest scan
   * `callback_log_summary`, never the wide rows.
   */
  list(q: CallbacksListInput): CallbacksPage {
    const { where, args } = listWhere(q);
    const limit = q.limit ?? 100;
    const clause = (w: string[]) => (w.length ? `WHERE ${w.join(' AND ')}` : '');
    const keyset = q.cursor !== undefined ? ['id < ?'] : [];
    const rows = this.cached(
      `SELECT ${SUMMARY_COLS} FROM callback_log ${clause([...keyset, ...where])} ORDER BY id DESC LIMIT ?`,
    ).all(...(q.cursor !== undefined ? [Number(q.cursor)] : []), ...args, limit + 1) as CallbackSummaryDto[];
    const page: CallbacksPage = pageOf(rows, limit, (last) => String(last.id));
    if (q.withTotal && q.cursor === undefined) {
      const n = (
        this.cached(
          `SELECT count(*) AS n FROM (SELECT 1 FROM callback_log ${clause(where)} LIMIT ${CALLBACKS_TOTAL_CAP + 1})`,
        ).get(...args) as { n: number }
      ).n;
      page.total = Math.min(n, CALLBACKS_TOTAL_CAP);
      if (n > CALLBACKS_TOTAL_CAP) page.totalCapped = true;
    }
    return page;
  }

  /**
   * One window of a list that walks the log in slices (callback-search.ts): the matching summaries
   * with ids in (above, below), newest first, at most `limit`.
   */
  listWindow(q: CallbacksListInput, above: number, below: number, limit: number): CallbackSummaryDto[] {
    const { where, args } = listWhere(q);
    return this.cached(
      `SELECT ${SUMMARY_COLS} FROM callback_log WHERE id > ? AND id < ? AND ${[...where, '1'].join(' AND ')} ORDER BY id DESC LIMIT ?`,
    ).all(above, below, ...args, limit) as CallbackSummaryDto[];
  }

  /** How many rows with ids in (above, below) match, counting at most `cap`. */
  countWindow(q: CallbacksListInput, above: number, below: number, cap: number): number {
    const { where, args } = listWhere(q);
    return (
      this.cached(
        `SELECT count(*) AS n FROM (SELECT 1 FROM callback_log WHERE id > ? AND id < ? AND ${[...where, '1'].join(' AND ')} LIMIT ?)`,
      ).get(above, below, ...args, cap) as { n: number }
    ).n;
  }

  /** The message XML (decrypted, else the body) of those of `ids` that carried a message. */
  messageXml(ids: readonly number[]): Map<number, string | Buffer> {
    const out = new Map<number, string | Buffer>();
    if (!ids.length) return out;
    for (const r of this.s.messageXml.all(JSON.stringify(ids)) as { id: number; xml: string | Buffer }[])
      out.set(r.id, r.xml);
    return out;
  }

  /** The ids the log holds lie in (before, last] (ID_SPAN_SQL). */
  idSpan(): { before: number; last: number } {
    return this.s.idSpan.get() as { before: number; last: number };
  }

  /** The plan SQLite picks for a list query (tests assert which index answers it). */
  explainList(q: CallbacksListInput): string[] {
    const { where, args } = listWhere(q);
    const w = [...(q.cursor !== undefined ? ['id < ?'] : []), ...where];
    const sql = `EXPLAIN QUERY PLAN SELECT ${SUMMARY_COLS} FROM callback_log ${w.length ? `WHERE ${w.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
    const rows = this.db
      .prepare(sql)
      .all(...(q.cursor !== undefined ? [Number(q.cursor)] : []), ...args, 100) as { detail: string }[];
    return rows.map((r) => r.detail);
  }
}

/**
 * The list's WHERE terms (without the keyset). Texts for the partial indexes must match migration 8
 * exactly: SQLite only uses a partial index when the query repeats its WHERE term.
 */
function listWhere(q: CallbacksListInput): { where: string[]; args: unknown[] } {
  const where: string[] = [];
  const args: unknown[] = [];
  const add = (sql: string, ...v: unknown[]) => {
    where.push(sql);
    args.push(...v);
  };
  // With a narrower index in play, `+` keeps SQLite off the account index: without statistics it
  // takes an account for selective, and most installs have one account holding every row.
  const narrower = !!(q.event || q.msgType || q.errorsOnly || q.retried || q.verification);
  if (q.accountId) add(narrower ? '+account_id = ?' : 'account_id = ?', q.accountId);
  if (q.outcome) add('outcome = ?', q.outcome);
  if (q.reason) add('reason = ?', q.reason);
  if (q.event) add('event = ? COLLATE NOCASE', q.event);
  // A specific event is the narrower index; msg_type would only repeat what the event implies.
  else if (q.msgType) add('msg_type = ?', q.msgType);
  if (q.event && q.msgType && q.msgType !== 'event') add('0');
  if (q.openid) add('openid = ?', q.openid);
  // The first delivery by its key, its retries through callback_log_retries_of.
  if (q.exchangeId)
    add(`((id = ? AND dedupe = 'first') OR (exchange_id = ? AND ${RETRY_ROWS}))`, q.exchangeId, q.exchangeId);
  if (q.afterId !== undefined) add('id > ?', q.afterId);
  if (q.since !== undefined) add('at >= ?', q.since);
  if (q.until !== undefined) add('at <= ?', q.until);
  if (q.errorsOnly) add(`(outcome IN ('rejected', 'error') OR status >= 400)`);
  if (q.retried) add(`(delivery > 1 OR dedupe = 'retry')`);
  if (q.verification) {
    // callback_log_verification's WHERE, then what tells WeChat's verifications from a browser's GETs.
    add(`method = 'GET'`);
    add('msg_type IS NULL');
    add(`substr(path, 1, 4) = '/wx/'`);
    add(`source <> 'other'`);
  }
  if (q.search) {
    const like = `%${q.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    add(
      `(CAST(raw_body AS TEXT) LIKE ? ESCAPE '\\' OR decrypted_xml LIKE ? ESCAPE '\\' OR reply_plain LIKE ? ESCAPE '\\' OR path LIKE ? ESCAPE '\\')`,
      like,
      like,
      like,
      like,
    );
  }
  return { where, args };
}

function toEntry(r: FullRaw, reparse: CallbackLogRepo['reparse']): CallbackEntryDto {
  const { rawBody, replyBody, query, headers, parsed, timings, upstream, ...rest } = r;
  return {
    ...rest,
    query: readStoredQuery(query),
    headers: JSON.parse(headers) as Record<string, string>,
    rawBody: rawBody.toString('utf8'),
    parsed:
      parsed === PARSED_ON_READ
        ? reparse(r.decryptedXml ?? rawBody)
        : parsed
          ? (JSON.parse(parsed) as Record<string, unknown>)
          : null,
    replyBody: replyBody.toString('utf8'),
    timings: JSON.parse(timings) as CallbackEntryDto['timings'],
    upstream: upstream ? (JSON.parse(upstream) as CallbackEntryDto['upstream']) : null,
    lateReplies: [],
    replyLint: null,
  };
}
