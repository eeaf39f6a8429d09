import type { EventEnvelope, MethodInput, MethodName, MethodOutput } from '../../../shared/api/contract';
import type { Result } from '../../../shared/api/result';

/**
 * How the UI reaches core: over IPC in Electron, over HTTP + SSE in a browser. Screens use only this
 * interface (docs/architecture.md §1), never a transport.
 */
export interface ApiClient {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>>;
  onEvent(listener: (e: EventEnvelope) => void): () => void;
  /** Connection state of the event stream, for the status bar. */
  onConnection(listener: (connected: boolean) => void): () => void;
}

/** Throws the error body of a failed call, for code that prefers exceptions (React Query-style). */
export class ApiCallError extends Error {
  constructor(readonly error: Extract<Result<unknown>, { ok: false }>['error']) {
    super(error.message);
  }
}

export async function unwrap<T>(p: Promise<Result<T>>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new ApiCallError(r.error);
  return r.value;
}
