import type http from 'node:http';
import type { CallbackSource } from '../../../shared/api/areas/callbacks';
import type { DedupeClaim, DedupeStore, DedupeTicket } from '../dedupe-store';
import { parseRawQuery } from '../../wechat';
import type { RequestTarget } from '../request-target';
import { StageTimer } from './stage-timer';

/** Sent by `callbacks.replay`: the log id of the delivery being repeated. */
export const REPLAY_OF_HEADER = 'x-mpdesk-replay-of';
/** Sent by `callbacks.replay` with `asRetry`: the replay joins the first delivery's exchange. */
export const REPLAY_AS_HEADER = 'x-mpdesk-replay-as';

const EMPTY = Buffer.alloc(0);

/** A replay of a logged delivery (only MPDesk's own requests can say so, server/source-key.ts). */
export interface ReplayOf {
  /** The log id of the delivery it repeats. */
  logId: number;
  /** Sent as WeChat's retry of that delivery (dedupe answers it), not as a new delivery. */
  asRetry: boolean;
}

/** What a route sees of a request before its body is read. */
export interface RequestHead {
  /** The log row's id, handed out on arrival (ids follow arrival order). */
  readonly id: number;
  /** Arrival, epoch ms. */
  readonly at: number;
  /** Who it says it is: `wechat` unless it carries MPDesk's own key. */
  readonly source: CallbackSource;
  readonly method: string;
  readonly pathname: string;
  /** '' or '?…', as it arrived. */
  readonly search: string;
  /** The query as sent (`+` stays `+`); undefined when its escapes are malformed. */
  readonly q: Map<string, string> | undefined;
  readonly replay: ReplayOf | undefined;
  readonly raw: http.IncomingMessage;
  readonly t: StageTimer;
}

/** A request with its body, as a route's `handle` sees it. */
export interface InboundRequest extends RequestHead {
  /** The body (only a prefix of it when the route's admission kept less). */
  readonly body: Buffer;
  /**
   * Claims the message `key` of `accountId` for this delivery (dedupe-store.ts), or finds the
   * exchange it repeats. The pipeline settles a first delivery's claim once its row is committed and
   * releases it if the row cannot be written, so WeChat's next delivery runs the handlers again.
   */
  claim(accountId: string, key: string): DedupeClaim;
}

/** The pipeline's own record of a request (routes see it through the interfaces above). */
export class Inbound implements InboundRequest {
  readonly t = new StageTimer();
  readonly method: string;
  readonly pathname: string;
  readonly search: string;
  readonly q: Map<string, string> | undefined;
  readonly replay: ReplayOf | undefined;
  body: Buffer = EMPTY;
  /** The exchange this first delivery holds, released or settled by the pipeline. */
  exchange: { accountId: string; key: string; ticket: DedupeTicket } | undefined = undefined;

  constructor(
    readonly raw: http.IncomingMessage,
    url: RequestTarget,
    readonly id: number,
    readonly at: number,
    readonly source: CallbackSource,
    private readonly dedupe: DedupeStore,
  ) {
    this.method = raw.method ?? 'GET';
    this.pathname = url.pathname;
    this.search = url.search;
    this.q = parseRawQuery(url.search);
    this.replay = source === 'replay' ? replayOf(raw.headers) : undefined;
  }

  claim(accountId: string, key: string): DedupeClaim {
    // Only a replay sent as a retry joins an old exchange; WeChat's own retries come within seconds.
    const r = this.replay?.asRetry ? this.replay.logId : undefined;
    const c = this.dedupe.claim(accountId, key, this.id, r);
    if (c.kind === 'first') this.exchange = { accountId, key, ticket: c.ticket };
    return c;
  }

  /** A first delivery whose row was not written: its retry must run the handlers again. */
  release(): void {
    if (!this.exchange) return;
    this.dedupe.forget(this.exchange.accountId, this.exchange.key);
    this.exchange = undefined;
  }
}

function replayOf(h: http.IncomingHttpHeaders): ReplayOf | undefined {
  const id = Number(h[REPLAY_OF_HEADER]);
  if (!Number.isSafeInteger(id) || id <= 0) return undefined;
  return { logId: id, asRetry: h[REPLAY_AS_HEADER] === 'retry' };
}
