/**
 * Error codes that cross the API boundary (docs/architecture.md §6). Every failure a user can see carries one
 * of these; anything else is turned into `internal` at the boundary and logged with its stack.
 */
export const ERROR_CODES = [
  'invalid_input',
  'not_found',
  'conflict',
  'unauthorized',
  'forbidden',
  'unavailable',
  'timeout',
  'wechat_error',
  'storage',
  'secret_store',
  'tunnel',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** One field-level problem, so forms can show the message next to the field. */
export interface FieldIssue {
  /** Dotted path of the field, e.g. `token` or `buttons.0.name`. */
  path: string;
  /** A stable i18n key (`validation.token`), translated by the renderer. */
  key: string;
  /** The English message, for logs, curl users and tests. */
  message: string;
}

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  issues?: FieldIssue[];
  /** Extra machine-readable facts (e.g. a WeChat errcode). Never secrets. */
  details?: Record<string, unknown>;
}

/** How a request to another server failed, for wording it in the user's language. */
export const NET_FAILURES = ['refused', 'dns', 'timeout', 'reset', 'tls', 'http_error', 'other'] as const;
export type NetFailure = (typeof NET_FAILURES)[number];

/**
 * `details` of an `unavailable` or `timeout` error when the WeChat API (or the host standing in for
 * it) could not be reached: the UI says "cannot reach WeChat's server", not "cannot reach MPDesk".
 */
export type WechatUnreachableDetails = {
  unreachable: 'wechat';
  /** host[:port] of each host tried, in order. */
  hosts: string[];
  net: NetFailure;
};

/** `details` of an `unavailable` error for another address that did not answer (the simulator's target). */
export type UrlUnreachableDetails = {
  unreachable: 'url';
  /** The origin that did not answer. */
  url: string;
  net: NetFailure;
};

/** `details` the console's own transport puts on a call that never reached MPDesk. */
export type MpdeskUnreachableDetails = { unreachable: 'mpdesk' };

export type UnreachableDetails = WechatUnreachableDetails | UrlUnreachableDetails | MpdeskUnreachableDetails;

export function unreachableOf(details: unknown): UnreachableDetails | null {
  const u = (details as { unreachable?: unknown } | null | undefined)?.unreachable;
  return u === 'wechat' || u === 'url' || u === 'mpdesk' ? (details as UnreachableDetails) : null;
}

/** How a request failed at the network level, from the error Node (undici) threw. */
export function netFailureOf(e: unknown): Exclude<NetFailure, 'http_error'> {
  const err = e as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = err?.cause?.code ?? err?.code ?? '';
  const message = err?.cause?.message ?? err?.message ?? '';
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'dns';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') return 'reset';
  if (/TIMEOUT|ABORT/i.test(code) || err instanceof DOMException) return 'timeout';
  if (/CERT|TLS|SSL/i.test(code) || /certificate|tls|ssl/i.test(message)) return 'tls';
  return 'other';
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues?: FieldIssue[];
  readonly details?: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    message: string,
    options: { cause?: unknown; issues?: FieldIssue[]; details?: Record<string, unknown> } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.issues = options.issues;
    this.details = options.details;
  }

  toBody(): ErrorBody {
    const body: ErrorBody = { code: this.code, message: this.message };
    if (this.issues) body.issues = this.issues;
    if (this.details) body.details = this.details;
    return body;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
