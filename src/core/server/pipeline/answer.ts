import type {
  CallbackOutcome,
  CallbackReason,
  DedupeVerdict,
  UpstreamLegDto,
} from '../../../shared/api/areas/callbacks';
import type { CallbackMessage } from '../../store/repos/conversation-messages';
import type { XmlFields } from '../../wechat';

/**
 * An answer's body; a string goes out as its UTF-8 bytes. Replies are built as text, and handing
 * Node the string lets it send head and body in one write (a Buffer body takes a writev of two
 * chunks and a copy first); the log then stores the reply once without comparing bytes
 * (store/repos/callback-log-row.ts, SAME_AS_PLAIN).
 */
export type AnswerBody = string | Buffer;

export const bodyLength = (b: AnswerBody): number =>
  typeof b === 'string' ? Buffer.byteLength(b) : b.length;

export const SUCCESS = 'success';
export const XML_TYPE = 'text/xml; charset=utf-8';
export const TEXT_TYPE = 'text/plain; charset=utf-8';
export const HTML_TYPE = 'text/html; charset=utf-8';

/** What the listener sends back for one request, and why in the log's words. */
export interface Answer {
  status: number;
  body: AnswerBody;
  /** Its Content-Type. */
  type: string;
  /**
   * Further headers. Every name and value is ours, never copied from a request or another server:
   * they are written without Node's per-header validation (logged-head.ts).
   */
  headers?: Readonly<Record<string, string>>;
  outcome: CallbackOutcome;
  reason: CallbackReason;
  /** What the log row says about it: which check failed, what ran, what WeChat was answered. */
  detail: string | null;
}

/** What a route learned about a request, for its log row. A refusal knows little; all is optional. */
export interface Facts {
  /** The MPDesk account the request is for. */
  accountId?: string | null;
  /** Where it went, as the log names it: an account's callback slug, `component:<platform>`. */
  slug?: string | null;
  /** Its signature (and timestamp) held: the body is kept whole and a failure is never rate-limited. */
  verified?: boolean;
  /**
   * It did not come from WeChat: no signature where WeChat always signs, or a path WeChat never
   * calls (a browser's favicon.ico, a landing page). Logged with source `other`.
   */
  notWechat?: boolean;
  decryptedXml?: string | null;
  /** The message, once it parsed: the row's type, event, openid and preview come from it. */
  fields?: XmlFields | null;
  /** PARSED_ON_READ (rebuilt from the XML), or the message as JSON when the row must differ. */
  parsed?: string | null;
  dedupeKey?: string | null;
  dedupe?: DedupeVerdict;
  exchangeId?: number | null;
  delivery?: number;
  /** `rule:<id>[,…]`, `upstream`, or null. */
  matched?: string | null;
  /** The reply before encryption (XML, `success`, an echo). */
  replyPlain?: string | null;
  upstream?: UpstreamLegDto | null;
}

/** A route's verdict on one request: the answer, what its log row keeps, what follows the commit. */
export interface Handled {
  answer: Answer;
  facts?: Facts;
  /** Conversation messages the row carries (the fan's message and our passive reply). */
  conv?: CallbackMessage[];
  /** Runs once the row is committed and the answer written (late work, follow-ups, code exchanges). */
  after?: () => void;
}

/** A refusal in plain text, with its typed reason and what was wrong. */
export const reject = (status: number, reason: CallbackReason, text: string, detail: string): Answer => ({
  status,
  body: `${text}\n`,
  type: TEXT_TYPE,
  outcome: 'rejected',
  reason,
  detail,
});

/** A 200 in plain text: `success` (§3.1), a verification's echo (§1), a verification file. */
export const textAnswer = (
  body: AnswerBody,
  outcome: CallbackOutcome,
  reason: CallbackReason,
  detail: string | null = null,
): Answer => ({ status: 200, body, type: TEXT_TYPE, outcome, reason, detail });

/** A route's refusal as its verdict, with what it knew. */
export const refused = (answer: Answer, facts?: Facts): Handled => ({ answer, facts });
