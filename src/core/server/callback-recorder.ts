import type Database from 'better-sqlite3';
import type { CallbackSummaryDto } from '../../shared/api/areas/callbacks';
import type { ConversationMessageDto } from '../../shared/api/areas/conversations';
import type { EventBus } from '../event-bus';
import type { CallbackLogRecord, CallbackLogRepo } from '../store/repos/callback-log-repo';
import type { ConversationsRepo, NewConversationMessage } from '../store/repos/conversations-repo';
import type { StoredReply } from './dedupe-store';

export type ExchangeOp =
  | { kind: 'first'; accountId: string; key: string; reply: StoredReply; at: number }
  | { kind: 'retry'; accountId: string; key: string };

/**
 * Writes each request in ONE SQLite transaction before its response leaves (ARCHITECTURE.md §4):
 * the log row, the exchange (dedupe) and the conversation messages. A process killed after the
 * response therefore never loses the request. Requests arriving together share one commit. UI events go out in batches (every `flushMs`), with
 * the log ids as sequence numbers, so a burst of callbacks is one event, not thousands.
 */
export class CallbackRecorder {
  private readonly tx: (
    rec: CallbackLogRecord,
    ex: ExchangeOp | undefined,
    conv: NewConversationMessage[],
  ) => number[];
  private readonly batchTx: (items: Queued[]) => void;
  private queue: Queued[] = [];
  private flushScheduled = false;
  /** Committed requests whose UI event is not built yet (built in flush, off the response path). */
  private pending: Queued[] = [];
  private pendingConv: ConversationMessageDto[] = [];
  private writes: { id: number; record: number; write: number }[] = [];
  private timer?: NodeJS.Timeout;
  private closed = false;

  constructor(
    db: Database.Database,
    private readonly log: CallbackLogRepo,
    private readonly conversations: ConversationsRepo,
    private readonly events: EventBus,
    private readonly flushMs = 100,
  ) {
    this.tx = db.transaction(
      (rec: CallbackLogRecord, ex: ExchangeOp | undefined, conv: NewConversationMessage[]) =>
        this.rows(rec, ex, conv),
    );
    // Group commit: the requests that arrived in one event-loop turn share one COMMIT. Each still
    // writes all its rows together; if any statement fails, the batch is rolled back and redone one
    // request per SAVEPOINT, so one bad request cannot take its neighbours down with it.
    const fast = db.transaction((items: Queued[]) => {
      for (const it of items) it.ids = this.rows(it.rec, it.ex, it.conv);
    });
    const careful = db.transaction((items: Queued[]) => {
      for (const it of items) {
        try {
          it.ids = this.tx(it.rec, it.ex, it.conv);
        } catch (e) {
          it.err = e ?? new Error('record failed');
        }
      }
    });
    this.batchTx = (items) => {
      try {
        fast(items);
      } catch {
        for (const it of items) it.ids = undefined;
        careful(items);
      }
    };
  }

  private rows(rec: CallbackLogRecord, ex: ExchangeOp | undefined, conv: NewConversationMessage[]): number[] {
    this.log.insert(rec);
    if (ex?.kind === 'first') {
      const headers = JSON.stringify(ex.reply.headers);
      this.log.insertExchange(ex.accountId, ex.key, rec.id, { ...ex.reply, headers }, ex.at);
    } else if (ex?.kind === 'retry') {
      this.log.bumpExchange(ex.accountId, ex.key);
    }
    return conv.map((m) => this.conversations.insert(m));
  }

  nextId(): number {
    return this.log.allocateId();
  }

  /**
   * Queues the request for the next group commit; `done` runs once it is on disk (or failed). Call
   * it before writing the response, and write the response in `done`.
   */
  record(
    rec: CallbackLogRecord,
    ex: ExchangeOp | undefined,
    conv: NewConversationMessage[],
    done: (err?: unknown) => void,
  ): void {
    if (this.closed) {
      done(new Error('the callback log is closed'));
      return;
    }
    this.queue.push({ rec, ex, conv, done });
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.commit());
    }
  }

  private commit(): void {
    this.flushScheduled = false;
    const items = this.queue;
    this.queue = [];
    if (!items.length) return;
    try {
      this.batchTx(items);
    } catch (e) {
      for (const it of items) it.err ??= e;
    }
    // Responses first: the UI's event payloads are built later, in flush().
    for (const it of items) {
      try {
        it.done(it.err);
      } catch (e) {
        console.error('[callback] response after commit failed', e);
      }
    }
    for (const it of items) if (!it.err) this.pending.push(it);
    this.schedule();
  }

  /** The response has been written; record and write times join the row with the next batch. */
  written(id: number, recordMs: number, writeMs: number): void {
    this.writes.push({ id, record: recordMs, write: writeMs });
    this.schedule();
  }

  /** Conversation messages written outside a request (late replies). */
  appendConversation(m: ConversationMessageDto): void {
    this.pendingConv.push(m);
    this.schedule();
  }

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const committed = this.pending;
    const writes = this.writes;
    this.pending = [];
    this.writes = [];
    const entries: CallbackSummaryDto[] = [];
    const conv: ConversationMessageDto[] = [];
    for (const it of committed) {
      entries.push(summaryOf(it.rec));
      it.conv.forEach((m, i) => {
        const { payload: _p, ...dto } = m;
        conv.push({ ...dto, id: it.ids![i] });
      });
    }
    if (this.pendingConv.length) {
      // Messages written outside a request (late replies) join in insertion (= id) order.
      conv.push(...this.pendingConv);
      conv.sort((a, b) => a.id - b.id);
      this.pendingConv = [];
    }
    if (writes.length && !this.closed) {
      try {
        this.log.setWriteTimings(writes);
      } catch (e) {
        console.error('[callback] could not store write timings', e);
      }
    }
    if (entries.length) {
      this.events.emit('callbacks.logged', {
        entries,
        firstSeq: entries[0].id,
        lastSeq: entries[entries.length - 1].id,
      });
    }
    if (conv.length) this.events.emit('conversations.appended', { messages: conv });
  }

  close(): void {
    this.commit();
    this.flush();
    this.closed = true;
  }

  private schedule(): void {
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => this.flush(), this.flushMs);
    this.timer.unref();
  }
}

interface Queued {
  rec: CallbackLogRecord;
  ex: ExchangeOp | undefined;
  conv: NewConversationMessage[];
  done: (err?: unknown) => void;
  ids?: number[];
  err?: unknown;
}

export function summaryOf(r: CallbackLogRecord): CallbackSummaryDto {
  return {
    id: r.id,
    exchangeId: r.exchangeId,
    delivery: r.delivery,
    accountId: r.accountId,
    slug: r.slug,
    at: r.at,
    method: r.method,
    path: r.path,
    status: r.status,
    outcome: r.outcome,
    reason: r.reason,
    msgType: r.msgType,
    event: r.event,
    openid: r.openid,
    dedupe: r.dedupe,
    matched: r.matched,
    totalMs: r.totalMs,
    source: r.source,
  };
}
