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
