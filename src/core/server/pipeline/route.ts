import type { Facts, Handled } from './answer';
import type { InboundRequest, RequestHead } from './inbound';

/** A route's admission of a request: how much of its body the log may keep, and what it found. */
export interface Admitted<S> {
  /**
   * Bytes of the body held in memory and logged (the rest is read and counted against the
   * limit): the whole body for a request that may be proven WeChat's, UNVERIFIED_BODY_KEEP for
   * one that cannot (an unknown account or path).
   */
  keep: number;
  /** Handed to `handle` (e.g. the account the path names). */
  state: S;
  /** What the row keeps if the body cannot be read (too large, the client gone). */
  facts?: Facts;
}

/**
 * A route of the callback listener that the pipeline logs (pipeline.ts, docs/architecture.md §4).
 * It decides; the pipeline does the rest: it reads the body, times the stages, writes the log row,
 * commits it before the answer is written, rate-limits failures that are not WeChat's, settles or
 * releases the dedupe claim, and answers 500 (logged) when the route throws. A route therefore
 * cannot forget the log, and needs no I/O of its own on the way in or out.
 *
 * - `admit(head)` runs before the body is read: refuse at once (a `Handled`), or say how much of
 *   the body to keep and pass what it found to `handle`. Synchronous.
 * - `handle(request, state)` returns the `Handled` verdict: one `Answer` plus the `Facts` its row
 *   keeps (account, message, dedupe, reply), conversation messages, and work to run after the
 *   commit. Return it synchronously when nothing waits (rules alone do); a promise otherwise.
 *
 * The body of an answer is buffered (a string or Buffer of at most a few MB): a route that streams
 * (a reverse proxy of large responses) writes its row first, then its answer, the same way.
 */
export interface LoggedRoute<S = void> {
  /** Whether a pathname is this route's (routes are tried in order). */
  match(pathname: string): boolean;
  admit(head: RequestHead): Admitted<S> | Handled;
  handle(request: InboundRequest, state: S): Handled | Promise<Handled>;
}

/** `admit` for routes that take any body but keep it only as a bounded prefix, with no state. */
export const admitPrefix = (keep: number) => (): Admitted<void> => ({ keep, state: undefined });

export const isHandled = <S>(a: Admitted<S> | Handled): a is Handled => 'answer' in a;
