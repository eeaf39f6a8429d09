import type { ErrorBody } from '../errors';

/** The envelope every call returns on both transports (docs/architecture.md §2). */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorBody };
