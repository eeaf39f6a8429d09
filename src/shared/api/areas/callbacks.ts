import { z } from 'zod';
import { defineMethod } from '../define';
import { idSchema, noInput, pageInput, type Page } from './common';

/** How a callback request ended; `reason` says why in one typed word. */
export const CALLBACK_OUTCOMES = ['ok', 'late', 'duplicate', 'rejected', 'error'] as const;
export type CallbackOutcome = (typeof CALLBACK_OUTCOMES)[number];

export const CALLBACK_REASONS = [
  'verified',
  'replied',
  'acknowledged',
  'upstream_replied',
  'deadline_passed',
  'retry_replayed',
  'verify_file',
  'bad_signature',
  'bad_request',
  'empty_body',
  'decrypt_failed',
  'mode_mismatch',
  'body_too_large',
  'unknown_account',
  'method_not_allowed',
  'not_found',
  'internal_error',
  /** The client closed the connection before its request had arrived (status 499, no answer sent). */
  'client_gone',
  /** Signed, but its timestamp lies outside settings.callbackTimestampWindowS: a replay or a wrong clock. */
  'stale_timestamp',
  /** The first refusal of an address that keeps failing; later ones get a 429 without a row. */
  'rate_limited',
  // Web OAuth and the gateway in front of the developer's app (docs/architecture.md §3).
  'oauth_signed_in',
  'oauth_declined',
  'oauth_rejected',
  'oauth_failed',
  'gateway_proxied',
  'gateway_unreachable',
  'gateway_sign_in',
  'gateway_refused',
  'ticket_redeemed',
  /**
   * The developer's own server (forwarding) failed: an error status, a reply WeChat cannot use
   * (JSON, a failed lint), a timeout, a refused connection. What WeChat got instead, and why, is in
   * the entry's detail.
   */
  'upstream_failed',
] as const;
export type CallbackReason = (typeof CALLBACK_REASONS)[number];

/** Dedupe verdict (docs/wechat-protocol.md §3.1): the first delivery runs handlers, retries replay its reply. */
export type DedupeVerdict = 'first' | 'retry' | 'none';

/** Per-stage milliseconds; a stage that did not run is absent. */
export interface CallbackTimings {
  read?: number;
  verify?: number;
  decrypt?: number;
  parse?: number;
  handle?: number;
  build?: number;
  encrypt?: number;
  record?: number;
  write?: number;
}

/**
 * Who sent a request: WeChat (its signature parameters are there, or it is a path WeChat fetches),
 * MPDesk itself (the simulator, a replay, the setup doctor's probes), `web` (the browser traffic
 * MPDesk serves on the public URL: OAuth callbacks, the gateway and the app behind it), or someone
 * else (`other`: a browser's favicon.ico, a scanner, a request without WeChat's signature where
 * WeChat always signs).
 */
export type CallbackSource = 'wechat' | 'simulator' | 'replay' | 'doctor' | 'web' | 'other';

export interface CallbackSummaryDto {
  /** Row id; also the log's sequence number (strictly increasing). */
  id: number;
  /** Deliveries of one message share an exchange id (the first delivery's id). */
  exchangeId: number | null;
  /** 1 for the first delivery, 2 and 3 for WeChat's retries. */
  delivery: number;
  accountId: string | null;
  slug: string | null;
  at: number;
  method: string;
  path: string;
  status: number;
  outcome: CallbackOutcome;
  reason: CallbackReason;
  msgType: string | null;
  event: string | null;
  openid: string | null;
  dedupe: DedupeVerdict;
  /** `rule:<id>`, `upstream`, `rules+upstream` or null. */
  matched: string | null;
  totalMs: number;
  source: CallbackSource;
  /**
   * What the message says, in a line beside its type: a text's Content, an event's EventKey, a
   * location's Label, a link's Title, a voice's Recognition; cut at PREVIEW_CHARS with "…". Null
   * when the message has none of these, or did not parse.
   */
  preview: string | null;
}

/** The longest `preview` (UTF-16 units; a pair is never split). */
export const PREVIEW_CHARS = 120;

export interface UpstreamLegDto {
  url: string;
  status: number | null;
  ms: number;
  body: string | null;
  /** Why the upstream's answer was not relayed (timeout, HTTP error, failed lint); null when relayed. */
  error: string | null;
  relayed: boolean;
  /** What MPDesk did to the answer before relaying it (e.g. encrypted a plain reply). */
  note: string | null;
}

export interface LateReplyDto {
  id: number;
  state: 'waiting' | 'sent' | 'failed' | 'dropped';
  detail: string;
  body: string;
  updatedAt: number;
}

/**
 * What core's reply lint (core/wechat/reply-lint.ts, docs/wechat-protocol.md §3.1-§3.2, §4.1) can
 * find in a passive reply. Each code is a message in the UI's dictionaries, filled in with the
 * finding's params.
 */
export const REPLY_LINT_CODES = [
  'not_xml',
  'json',
  'malformed',
  'ack_whitespace',
  'not_encrypted',
  'unexpected_encryption',
  'envelope_field',
  'envelope_open',
  'not_checked',
  'encrypted_ack',
  'missing',
  'media_outside',
  'not_swapped',
  'to_mismatch',
  'from_mismatch',
  'create_time',
  'create_time_ms',
  'create_time_skew',
  'msg_type',
  'content',
  'empty_content',
  'thumb_media_id',
  'article_count',
  'too_many_articles',
  'one_article',
  'article_title',
  'article_url',
  'unknown_field',
] as const;
export type ReplyLintCode = (typeof REPLY_LINT_CODES)[number];

export interface ReplyFindingDto {
  /** `error`: WeChat refuses or drops the reply; `warning`: legal, probably not what was meant. */
  severity: 'error' | 'warning';
  code: ReplyLintCode;
  /** The element concerned, e.g. `Image.MediaId`. */
  field?: string;
  /** Values the message names (the expected openid, the element, ...). */
  params: Record<string, string>;
}

/** A logged reply as WeChat would take it. */
export interface ReplyLintDto {
  /** `rejected`: an error status, which WeChat treats as a failure and retries (§3.1). */
  kind: 'ack' | 'reply' | 'invalid' | 'rejected';
  /** The reply was the encrypted envelope; its findings are about what it carries. */
  encrypted: boolean;
  msgType: string | null;
  findings: ReplyFindingDto[];
}

export interface CallbackEntryDto extends CallbackSummaryDto {
  /** Query with secret-bearing values masked. */
  query: Record<string, string>;
  headers: Record<string, string>;
  rawBody: string;
  decryptedXml: string | null;
  parsed: Record<string, unknown> | null;
  dedupeKey: string | null;
  /** The reply before encryption (XML, `success` or empty). */
  replyPlain: string | null;
  /** The bytes sent back. */
  replyBody: string;
  timings: CallbackTimings;
  /** A human-readable detail for the reason (e.g. which check failed). */
  detail: string | null;
  upstream: UpstreamLegDto | null;
  lateReplies: LateReplyDto[];
  /** The reply checked as WeChat would take it; null where there is none to judge (URL verification, non-messages). */
  replyLint: ReplyLintDto | null;
}

export const callbacksListSchema = z.strictObject({
  ...pageInput,
  accountId: idSchema.optional(),
  outcome: z.enum(CALLBACK_OUTCOMES, { error: 'validation.enum' }).optional(),
  reason: z.enum(CALLBACK_REASONS, { error: 'validation.enum' }).optional(),
  msgType: z.string().max(32).optional(),
  openid: z.string().max(128).optional(),
  exchangeId: z.number().int().positive().optional(),
  /**
   * Only entries with a greater id: what arrived since a list was read. A free-text search (which a
   * summary cannot answer) then reads just those rows, not the whole log.
   */
  afterId: z.number().int().nonnegative().optional(),
  /** Free text searched in the raw body, the decrypted XML, the reply and the path. */
  search: z.string().max(200).optional(),
  since: z.number().int().nonnegative().optional(),
  until: z.number().int().nonnegative().optional(),
  /** One event (`CLICK`, `subscribe`...), case-insensitive; implies `msgType: 'event'`. */
  event: z.string().max(64).optional(),
  /** Only failures: outcome `rejected`/`error` or an HTTP status >= 400 (the UI's red rows). */
  errorsOnly: z.boolean().optional(),
  /** Only WeChat's retries: a delivery after the first, or answered by dedupe. */
  retried: z.boolean().optional(),
  /** Only server (URL) verification requests: GETs to a `/wx/` path from WeChat (or MPDesk), carrying no message. */
  verification: z.boolean().optional(),
  /**
   * Count the matching entries (first page only, ignored with a cursor) into `total`, up to
   * `CALLBACKS_TOTAL_CAP`; beyond it `total` is the cap and `totalCapped` is true.
   */
  withTotal: z.boolean().optional(),
});
export type CallbacksListInput = z.output<typeof callbacksListSchema>;

/** `callbacks.list` counts at most this many entries for `total`. */
export const CALLBACKS_TOTAL_CAP = 100_000;

/** A page of summaries; `total`/`totalCapped` only when `withTotal` was asked on the first page. */
export type CallbacksPage = Page<CallbackSummaryDto> & { totalCapped?: boolean };

const byLogId = z.strictObject({ id: z.number({ error: 'validation.number' }).int().positive() });

export interface ReplayResult {
  status: number;
  body: string;
  /** The log entry the replay produced, when it reached our own listener. */
  logId: number | null;
}

/** How much room the callback log takes, against its cap (settings.callbackLogMaxMb). */
export interface CallbackStorageDto {
  /** Bytes the database uses now (its pages in use; the callback log is nearly all of it). */
  usedBytes: number;
  limitBytes: number;
  /** Rows deleted by the cap since MPDesk started, and when it last deleted any. */
  prunedRows: number;
  lastPrunedAt: number | null;
  /** When the oldest record still kept arrived; null for an empty log. */
  oldestAt: number | null;
}

export const callbacksMethods = {
  'callbacks.storage': defineMethod<CallbackStorageDto>()(noInput),
  'callbacks.list': defineMethod<CallbacksPage>()(callbacksListSchema),
  'callbacks.get': defineMethod<CallbackEntryDto>()(byLogId),
  /**
   * Resends the same bytes and query (signed afresh) as a new delivery: the rules and forwarding run
   * again, as ngrok's replay re-runs your app. With `asRetry`, it is sent as WeChat's retry of that
   * delivery instead: dedupe answers it with the first reply and nothing runs (an idempotency test).
   */
  'callbacks.replay': defineMethod<ReplayResult>()(
    byLogId.extend({ asRetry: z.boolean({ error: 'validation.invalid' }).optional() }),
  ),
  /** Re-signs and re-encrypts an edited message XML for the entry's account and sends it. */
  'callbacks.replayEdited': defineMethod<ReplayResult>()(
    z.strictObject({
      id: byLogId.shape.id,
      xml: z
        .string()
        .min(1, { error: 'validation.required' })
        .max(1 << 20),
    }),
  ),
};

export interface CallbacksEvents {
  /** Batched (about every 100 ms); `entries` in sequence order. */
  'callbacks.logged': { entries: CallbackSummaryDto[]; firstSeq: number; lastSeq: number };
  /** The size cap deleted old records (or the cap changed). */
  'callbacks.storage': CallbackStorageDto;
  /** Something happened after the response (a late reply sent or failed). */
  'callbacks.updated': { id: number; lateReplies: LateReplyDto[] };
}
