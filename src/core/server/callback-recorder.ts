import type Database from 'better-sqlite3';
import type { CallbackSummaryDto } from '../../shared/api/areas/callbacks';
import type { ConversationMessageDto } from '../../shared/api/areas/conversations';
import type { EventBus } from '../event-bus';
import type { CallbackLogRecord, CallbackLogRepo } from '../store/repos/callback-log-repo';
import type { WriteTiming } from '../store/repos/write-timings-repo';
import type { ConversationsRepo, NewConversationMessage } from '../store/repos/conversations-repo';
import type { CallbackMessage } from '../store/repos/conversation-messages';
import type { LogHealth } from './log-health';

/** Told of each row once it is committed (the fans store follows follows and messages through it). */
export interface CommittedRowObserver {
  committed(rec: CallbackLogRecord): void;
}

export interface CallbackRecorderOptions {
  db: Database.Database;
  log: CallbackLogRepo;
  conversations: ConversationsRepo;
  events: EventBus;
  /** Told of every committed row, after the responses of its batch were written. */
  observer?: CommittedRowObserver;
  /** After a quiet spell the UI hears of a request at once, then in one batch per `eventMs` (100). */
  eventMs?: number;
  /** Record and write stage times are written every `writeMs` (20). */
  writeMs?: number;
  /** Told after each commit whether the log took it (app.status shows a failing log). */
  health?: LogHealth;
  /** Told roughly how many bytes each commit added (the size cap, services/log-size-cap.ts). */
  grew?: (bytes: number) => void;
}

/**
 * Writes each request's log row before its response leaves (docs/architecture.md §4). A process killed
 * after the response therefore never loses the request. Requests arriving together share one
 * commit. The row is the whole record, and nothing more is written per request: the dedupe exchange
 * (dedupe-store.ts) and the fan's conversation (conversations-repo.ts) are read from it. Only
 * messages without a log row of their own (replies sent later through customer service) are
 * stored, by `appendConversation`.
 *
 * The UI hears of a request at once after a quiet spell, then in one batch per `eventMs`. The
 * record and write stage times (known only after the response) are written every `writeMs`.
 */
export class CallbackRecorder {
  private readonly tx: (rec: CallbackLogRecord) => void;
  private readonly batchTx: (items: Queued[]) => void;
  private queue: Queued[] = [];
  private flushScheduled = false;
  /** Summaries of committed requests for the next UI event. Only these small objects wait for the
   * flush: holding the queued items would keep each request's whole HTTP exchange (the `done`
   * closure) alive for 100 ms, and copying those through young-generation GCs cost more than the
   * requests themselves (bench/callback.bench.ts, GC time halved). */
  private pending: CallbackSummaryDto[] = [];
  private writes: WriteTiming[] = [];
  /** Conversation messages committed since the last UI event. */
  private appended: ConversationMessageDto[] = [];
  /** -Infinity: the very first request is announced at once, however young the process. */
  private lastEmit = Number.NEGATIVE_INFINITY;
  private timer?: NodeJS.Timeout;
  private closed = false;

  private readonly db: Database.Database;
  private readonly log: CallbackLogRepo;
  private readonly conversations: ConversationsRepo;
  private readonly events: EventBus;
  private readonly eventMs: number;
  private readonly writeMs: number;
  private readonly health?: LogHealth;
  private readonly grew?: (bytes: number) => void;
  private readonly observer?: CommittedRowObserver;

  constructor(o: CallbackRecorderOptions) {
    this.db = o.db;
    this.log = o.log;
    this.conversations = o.conversations;
    this.events = o.events;
    this.eventMs = o.eventMs ?? 100;
    this.writeMs = o.writeMs ?? 20;
    this.health = o.health;
    this.grew = o.grew;
    this.observer = o.observer;
    const db = o.db;
    this.tx = db.transaction((rec: CallbackLogRecord) => this.log.insert(rec));
    // Group commit: the requests that arrived in one event-loop turn share one COMMIT. If a row
    // fails, the batch is rolled back and redone one request per SAVEPOINT, so one bad request
    // cannot take its neighbours down with it.
    const fast = db.transaction((items: Queued[]) => {
      for (const it of items) this.log.insert(it.rec);
    });
    const careful = db.transaction((items: Queued[]) => {
      for (const it of items) {
        try {
          this.tx(it.rec);
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
  }

  nextId(): number {
    return this.log.allocateId();
  }

  /**
   * Queues the request for the next group commit; `done` runs once it is on disk (or failed). Call
   * it before writing the response, and write the response in `done`.
   */
  record(rec: CallbackLogRecord, conv: CallbackMessage[], done: (err?: unknown) => void): void {
    if (this.closed) {
      done(new Error('the callback log is closed'));
      return;
    }
    this.queue.push({ rec, conv, done });
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
    // Responses first: the UI's events go out later, in flush().
    let failed = 0;
    let firstError: unknown;
    let bytes = 0;
    for (const it of items) {
      if (it.err && failed++ === 0) firstError = it.err;
      if (!it.err) {
        bytes +=
          ROW_OVERHEAD + it.rec.rawBody.length + it.rec.headers.length + (it.rec.decryptedXml?.length ?? 0);
        this.conversations.logged(it.rec);
        this.observer?.committed(it.rec);
        this.pending.push(summaryOf(it.rec));
        for (const m of it.conv) this.appended.push(m);
      }
      try {
        it.done(it.err);
      } catch (e) {
        console.error('[callback] response after commit failed', e);
      }
    }
    if (failed) this.health?.failed(firstError, failed);
    else this.health?.recorded();
    if (bytes) this.grew?.(bytes);
    this.schedule();
  }

  /** The response has been written; record and write times join the row with the next batch. */
  written(id: number, recordMs: number, writeMs: number): void {
    this.writes.push({ id, record: recordMs, write: writeMs });
    this.schedule();
  }

  /**
   * Stores a message from outside a request (a late or follow-up reply, the operator's own) at the
   * next position of the log's id sequence, so it sorts after everything that came before it.
   * Returns its message id, or null when it could not be stored.
   */
  appendConversation(m: NewConversationMessage): number | null {
    let id: number;
    try {
      id = this.conversations.insert(m, this.log.allocateId());
      this.appended.push({ ...stripPayload(m), id });
    } catch (e) {
      console.error('[callback] could not store a conversation message', e);
      return null;
    }
    this.schedule();
    return id;
  }

  /** Writes the stage times still held, then sends the UI's events. */
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

  /** The record and write stage times of answered requests, in one transaction. */
  private write(): void {
    // The database went away under us (a test simulating a crash): nothing to write to.
    if (!this.db.open || !this.writes.length) return;
    const writes = this.writes;
    this.writes = [];
    try {
      this.log.setWriteTimings(writes);
    } catch (e) {
      // The requests are committed; only these two stage times are lost.
      console.error('[callback] could not write stage timings', e);
    }
  }

  private emit(): void {
    this.lastEmit = performance.now();
    const committed = this.pending;
    const messages = this.appended;
    this.pending = [];
    this.appended = [];
    const [first] = committed;
    const last = committed.at(-1);
    if (first && last) {
      this.events.emit('callbacks.logged', { entries: committed, firstSeq: first.id, lastSeq: last.id });
    }
    if (messages.length) this.events.emit('conversations.appended', { messages });
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

/** A row's bytes besides its body, headers and XML (query, reply, timings, index entries), roughly. */
const ROW_OVERHEAD = 512;

interface Queued {
  rec: CallbackLogRecord;
  conv: CallbackMessage[];
  done: (err?: unknown) => void;
  err?: unknown;
}

function stripPayload({ payload: _p, ...m }: NewConversationMessage) {
  return m;
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
    preview: r.preview ?? null,
  };
}
