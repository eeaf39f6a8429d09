import type {
  CallbackOutcome,
  CallbackReason,
  CallbackSource,
  DedupeVerdict,
  UpstreamLegDto,
} from '../../shared/api/areas/callbacks';
import type { AccountCredentials, XmlFields } from '../wechat';
import type { StageTimer } from './stage-timer';

/**
 * An answer's body; a string goes out as its UTF-8 bytes. Replies are built as text, and handing
 * Node the string lets it send head and body in one write (a Buffer body takes a writev of two
 * chunks and a copy first); the log then stores the reply once without comparing bytes
 * (callback-log-repo.ts, SAME_AS_PLAIN). +4-6 % plain-mode throughput, alternating A/B slices of
 * the built core under bench/callback.bench.ts's generator.
 */
export type AnswerBody = string | Buffer;

export const bodyLength = (b: AnswerBody): number =>
  typeof b === 'string' ? Buffer.byteLength(b) : b.length;

export const SUCCESS = 'success';
/** Sent by `callbacks.replay`: the log id of the delivery being repeated. */
export const REPLAY_OF_HEADER = 'x-mpdesk-replay-of';

export const XML_TYPE = 'text/xml; charset=utf-8';
export const TEXT_TYPE = 'text/plain; charset=utf-8';

/** Everything known about one request so far; becomes one callback_log row. */
export interface Draft {
  id: number;
  t: StageTimer;
  at: number;
  source: CallbackSource;
  /** Its signature (and timestamp) held: it is WeChat's, stored whole and never rate-limited. */
  verified: boolean;
  /** The request's Content-Length, for the note when only a prefix of its body is kept. */
  declaredLength: string | undefined;
  /** A replay's original delivery (REPLAY_OF_HEADER), whose exchange it belongs to however old. */
  replayOf?: number;
  slug: string | null;
  account: AccountCredentials | null;
  method: string;
  path: string;
  /** The parsed query; undefined when its escapes are malformed. */
  q: Map<string, string> | undefined;
  query: string;
  headers: string;
  rawBody: Buffer;
  decryptedXml: string | null;
  fields: XmlFields | null;
  parsed: string | null;
  dedupeKey: string | null;
  dedupe: DedupeVerdict;
  exchangeId: number | null;
  delivery: number;
  matched: string | null;
  replyPlain: string | null;
  upstream: UpstreamLegDto | null;
  detail: string | null;
}

export interface Answer {
  status: number;
  body: AnswerBody;
  headers: Record<string, string>;
  outcome: CallbackOutcome;
  reason: CallbackReason;
}

/** A refusal: plain text with a typed reason for the log. */
export const reject = (status: number, reason: CallbackReason, text: string): Answer => ({
  status,
  body: `${text}\n`,
  headers: { 'content-type': TEXT_TYPE },
  outcome: 'rejected',
  reason,
});

/** A 200 in plain text: `success` (§3.1) or a verification's echo (§1). */
export const textAnswer = (body: AnswerBody, outcome: CallbackOutcome, reason: CallbackReason): Answer => ({
  status: 200,
  body,
  headers: { 'content-type': TEXT_TYPE },
  outcome,
  reason,
});
