import type {
  CallbackOutcome,
  CallbackReason,
  CallbackSource,
  DedupeVerdict,
} from '../../../shared/api/areas/callbacks';
import { parseRawQuery } from '../../wechat';

/*
 * How a request becomes a callback_log row: the record the pipeline fills, the columns it lands in,
 * and the stored-once reply body. The repository (callback-log-repo.ts) reads and writes these rows.
 */

/** One callback_log row as the pipeline writes it (JSON columns already serialised). */
export interface CallbackLogRecord {
  id: number;
  exchangeId: number | null;
  delivery: number;
  accountId: string | null;
  slug: string | null;
  at: number;
  source: CallbackSource;
  method: string;
  path: string;
  query: string;
  headers: string;
  rawBody: Buffer;
  decryptedXml: string | null;
  /** PARSED_ON_READ for a request whose message parsed; null when it did not get that far. */
  parsed: string | null;
  msgType: string | null;
  event: string | null;
  openid: string | null;
  dedupeKey: string | null;
  dedupe: DedupeVerdict;
  matched: string | null;
  replyPlain: string | null;
  /** The bytes sent; a string stands for its UTF-8 bytes (server/pipeline/answer.ts, AnswerBody). */
  replyBody: Buffer | string;
  status: number;
  outcome: CallbackOutcome;
  reason: CallbackReason;
  detail: string | null;
  upstream: string | null;
  timings: string;
  totalMs: number;
  /**
   * Not stored: the live summary's preview (summaryOf, server/callback-recorder.ts). A list read
   * makes it again from the row's XML (services/callbacks-service.ts).
   */
  preview?: string | null;
}

/**
 * The `parsed` column of a request whose message parsed: the message is rebuilt from the row's XML
 * when the entry is read (logged-message.ts). Rows written before 2026-12 hold it as JSON.
 */
export const PARSED_ON_READ = '';

/**
 * What `reply_body` holds when the body sent is exactly `reply_plain`'s UTF-8 bytes (plain mode, and
 * any text answer): the number 0, never a blob, so it cannot be mistaken for a body. Storing the
 * reply once keeps the reply's bytes out of each plain-mode row: a cheaper insert and commit (a
 * micro-bench of group commits), and fewer WAL pages to copy. store/migrations/015 marks the change.
 * Reads turn it back into the bytes (REPLY_BODY).
 */
const SAME_AS_PLAIN = 0;
export const REPLY_BODY = (t: string) =>
  `CASE WHEN typeof(${t}.reply_body) <> 'blob' THEN CAST(${t}.reply_plain AS BLOB) ELSE ${t}.reply_body END`;

/** The value stored in `reply_body`: SAME_AS_PLAIN when the body is the plain reply's bytes. */
function storedReplyBody(r: CallbackLogRecord): Buffer | number {
  const plain = r.replyPlain;
  const body = r.replyBody;
  if (typeof body === 'string') return body === plain ? SAME_AS_PLAIN : Buffer.from(body);
  // Equal byte lengths and equal decoded text mean equal bytes: an invalid UTF-8 byte decodes to
  // U+FFFD, whose encoding is longer than the byte, so a body that is not valid UTF-8 never passes.
  return plain !== null && body.length === Buffer.byteLength(plain) && body.toString('utf8') === plain
    ? SAME_AS_PLAIN
    : body;
}

/** callback_log's columns in insert order, with the record field each takes. */
export const INSERT_COLS: readonly (readonly [string, keyof CallbackLogRecord])[] = [
  ['id', 'id'],
  ['exchange_id', 'exchangeId'],
  ['delivery', 'delivery'],
  ['account_id', 'accountId'],
  ['slug', 'slug'],
  ['at', 'at'],
  ['source', 'source'],
  ['method', 'method'],
  ['path', 'path'],
  ['query', 'query'],
  ['headers', 'headers'],
  ['raw_body', 'rawBody'],
  ['decrypted_xml', 'decryptedXml'],
  ['parsed', 'parsed'],
  ['msg_type', 'msgType'],
  ['event', 'event'],
  ['openid', 'openid'],
  ['dedupe_key', 'dedupeKey'],
  ['dedupe', 'dedupe'],
  ['matched', 'matched'],
  ['reply_plain', 'replyPlain'],
  ['reply_body', 'replyBody'],
  ['status', 'status'],
  ['outcome', 'outcome'],
  ['reason', 'reason'],
  ['detail', 'detail'],
  ['upstream', 'upstream'],
  ['timings', 'timings'],
  ['total_ms', 'totalMs'],
];

/**
 * A record's values in INSERT_COLS order, written out: mapping INSERT_COLS to `rec[key]` is a
 * megamorphic keyed load per column, on the listener's hot path. The repo's test checks
 * each column lands where INSERT_COLS says.
 */
export const insertValues = (r: CallbackLogRecord): unknown[] => [
  r.id,
  r.exchangeId,
  r.delivery,
  r.accountId,
  r.slug,
  r.at,
  r.source,
  r.method,
  r.path,
  r.query,
  r.headers,
  r.rawBody,
  r.decryptedXml,
  r.parsed,
  r.msgType,
  r.event,
  r.openid,
  r.dedupeKey,
  r.dedupe,
  r.matched,
  r.replyPlain,
  storedReplyBody(r),
  r.status,
  r.outcome,
  r.reason,
  r.detail,
  r.upstream,
  r.timings,
  r.totalMs,
];

/**
 * A row's `query` as the entry shows it: JSON (credentials masked, and rows written before the
 * stored form changed), or the query as it arrived when nothing in it needed masking
 * (server/request-facts.ts, storedQuery).
 */
export function readStoredQuery(stored: string): Record<string, string> {
  if (stored.startsWith('{')) return JSON.parse(stored) as Record<string, string>;
  return Object.fromEntries(parseRawQuery(stored) ?? new Map([['_raw', stored]]));
}
