import { performance } from 'node:perf_hooks';
import type Database from 'better-sqlite3';
import type { CallbackSummaryDto } from '../../shared/api/areas/callbacks';
import type { ConversationMessageDto } from '../../shared/api/areas/conversations';
import type { EventBus } from '../event-bus';
import type { CallbackLogRecord, CallbackLogRepo } from '../store/repos/callback-log-repo';
import type { ConversationsRepo, NewConversationMessage } from '../store/repos/conversations-repo';
import { recoverConversations } from './conversation-recovery';
import type { StoredReply } from './dedupe-store';

export type ExchangeOp =
  | { kind: 'first'; accountId: string; key: string; reply: StoredReply; at: number }
  | { kind: 'retry'; accountId: string; key: string };

/**
 * Writes each request in ONE SQLite transaction before its response leaves (ARCHITECTURE.md §4):
 * the log row and the exchange (dedupe). A process killed after the response therefore never loses
 * the request. Requests arriving together share one commit.
 *
 * The conversation messages are a projection of the log: they are written every `writeMs` in one
 * transaction, not per request. Their index is keyed by fan, so per request they dirtied a page per
 * message and cost a quarter of the listener's throughput (bench/callback.bench.ts). Reads
 * (`conversations.*`) flush first, so nobody sees them missing, and a restart rebuilds what a crash
 * left unprojected (conversation-recovery.ts).
 *
 * The UI hears of a request at once after a quiet spell, then in one batch per `eventMs`. Writing is
 * more frequent than that on purpose: at full load a 100 ms batch was a thousand inserts holding the
 * event loop for several ms (the listener's p99), and the messages it kept alive were copied by every
 * young-generation GC in between; at 20 ms the bench's p99 fell by a fifth and GC time by a quarter.
 */
export class CallbackRecorder {
  private readonly tx: (rec: CallbackLogRecord, ex: ExchangeOp | undefined) => void;
  private readonly batchTx: (items: Queued[]) => void;
  private readonly projectTx: (
    msgs: NewConversationMessage[],
    watermark: number,
    writes: WriteTiming[],
  ) => number[];
  private queue: Queued[] = [];
  private flushScheduled = false;
  /** Ids handed out whose request is not committed yet: the projection watermark stays below them. */
  private readonly open = new Set<number>();
  /** Summaries of committed requests for the next UI event. Only these small objects wait for the
   * flush: holding the queued items would keep each request's whole HTTP exchange (the `done`
   * closure) alive for 100 ms, and copying those through young-generation GCs cost more than the
   * requests themselves (bench/callback.bench.ts, GC time halved). */
  private pending: CallbackSummaryDto[] = [];
  /** Conversation messages to write at the next flush, in the order they happened. */
  private projection: NewConversationMessage[] = [];
  private writes: WriteTiming[] = [];
  /** Conversation messages written since the last UI event. */
  private appended: ConversationMessageDto[] = [];
  private lastEmit = 0;
  private timer?: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly db: Database.Database,
    private readonly log: CallbackLogRepo,
    private readonly conversations: ConversationsRepo,
    private readonly events: EventBus,
    private readonly eventMs = 100,
    private readonly writeMs = 20,
  ) {
    this.tx = db.transaction((rec: CallbackLogRecord, ex: ExchangeOp | undefined) => this.rows(rec, ex));
    // Group commit: the requests that arrived in one event-loop turn share one COMMIT. Each still
    // writes all its rows together; if any statement fails, the batch is rolled back and redone one
    // request per SAVEPOINT, so one bad request cannot take its neighbours down with it.
    const fast = db.transaction((items: Queued[]) => {
      for (const it of items) this.rows(it.rec, it.ex);
    });
    const careful = db.transaction((items: Queued[]) => {
      for (const it of items) {
        try {
          this.tx(it.rec, it.ex);
        } catch (e) {
          it.err = e ?? new Error('record failed');
        }
      }
    });
    this.batchTx = (items) => {
      try {
        fast(items);
      } catch {
        careful(items);
      }
    };
    const watermark = db.prepare('UPDATE conversation_projection SET log_id = max(log_id, ?) WHERE id = 1');
    // One commit per flush: the conversation messages, the watermark and the stage times.
    this.projectTx = db.transaction((msgs: NewConversationMessage[], mark: number, writes: WriteTiming[]) => {
      const ids = msgs.map((m) => this.conversations.insert(m));
      watermark.run(mark);
      if (writes.length) this.log.setWriteTimings(writes);
      return ids;
    });
  }

  private rows(rec: CallbackLogRecord, ex: ExchangeOp | undefined): void {
    this.log.insert(rec);
    if (ex?.kind === 'first') {
      const headers = JSON.stringify(ex.reply.headers);
      this.log.insertExchange(ex.accountId, ex.key, rec.id, { ...ex.reply, headers }, ex.at);
    } else if (ex?.kind === 'retry') {
      this.log.bumpExchange(ex.accountId, ex.key);
    }
  }

  nextId(): number {
    const id = this.log.allocateId();
    this.open.add(id);
    return id;
  }

  /** Rebuilds the conversation messages a crash left unwritten; call before the listener starts. */
  recover(): void {
    const n = recoverConversations(this.db, (m) => this.conversations.insert(m));
    if (n) console.warn(`[callback] rebuilt ${n} conversation messages the last run had not written`);
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
      this.open.delete(rec.id);
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
    // Responses first: the UI's event payloads and the conversations are written later, in flush().
    for (const it of items) {
      this.open.delete(it.rec.id);
      if (!it.err) {
        this.pending.push(summaryOf(it.rec));
        for (const m of it.conv) this.projection.push(m);
      }
      try {
        it.done(it.err);
      } catch (e) {
        console.error('[callback] response after commit failed', e);
      }
    }
    this.schedule();
  }

  /** The response has been written; record and write times join the row with the next batch. */
  written(id: number, recordMs: number, writeMs: number): void {
    this.writes.push({ id, record: recordMs, write: writeMs });
    this.schedule();
  }

  /** A conversation message from outside a request (a late or follow-up reply): written in order. */
  appendConversation(m: NewConversationMessage): void {
    this.projection.push(m);
    this.schedule();
  }

  /** Writes the queued conversation messages and timings, then sends the UI's events. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.write();
    this.emit();
  }

  private tick(): void {
    this.timer = undefined;
    this.write();
    if (performance.now() - this.lastEmit >= this.eventMs) this.emit();
    else if (this.pending.length || this.appended.length) this.schedule();
  }

  /** One transaction: the queued conversation messages, the projection watermark, the stage times. */
  private write(): void {
    // The database went away under us (a test simulating a crash): nothing to write to.
    if (!this.db.open) return;
    const writes = this.writes;
    const msgs = this.projection;
    this.writes = [];
    this.projection = [];
    if (!msgs.length && !writes.length && !this.pending.length) return;
    let ids: number[];
    try {
      ids = this.projectTx(msgs, this.watermark(), writes);
    } catch (e) {
      // The requests are committed; their messages come back from the log at the next start
      // (only the record/write stage times are lost).
      console.error('[callback] could not write conversation messages and timings', e);
      return;
    }
    for (let i = 0; i < msgs.length; i++) {
      const { payload: _p, ...m } = msgs[i];
      this.appended.push({ ...m, id: ids[i] });
    }
  }

  private emit(): void {
    this.lastEmit = performance.now();
    const committed = this.pending;
    const messages = this.appended;
    this.pending = [];
    this.appended = [];
    if (committed.length) {
      this.events.emit('callbacks.logged', {
        entries: committed,
        firstSeq: committed[0].id,
        lastSeq: committed[committed.length - 1].id,
      });
    }
    if (messages.length) this.events.emit('conversations.appended', { messages });
  }

  /** Every log id up to this one is committed (or never will be): projected once this flush lands. */
  private watermark(): number {
    let mark = this.log.peekNextId() - 1;
    for (const id of this.open) if (id <= mark) mark = id - 1;
    return mark;
  }

  close(): void {
    this.commit();
    this.flush();
    this.closed = true;
  }

  private schedule(): void {
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => this.tick(), this.writeMs);
    this.timer.unref();
  }
}

interface WriteTiming {
  id: number;
  record: number;
  write: number;
}

interface Queued {
  rec: CallbackLogRecord;
  ex: ExchangeOp | undefined;
  conv: NewConversationMessage[];
  done: (err?: unknown) => void;
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
