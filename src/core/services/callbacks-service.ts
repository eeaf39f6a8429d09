import type {
  CallbackEntryDto,
  CallbacksListInput,
  CallbacksPage,
  CallbackStorageDto,
  ReplayResult,
} from '../../shared/api/areas/callbacks';
import { AppError } from '../../shared/errors';
import type { Runtime } from '../runtime';
import { randomDigits } from '../server/wechat-request';
import { readStoredQuery, type CallbackLogRepo } from '../store/repos/callback-log-repo';
import { listInSlices } from '../store/repos/callback-search';
import { messagePreview, parseXmlDocument, type AccountCredentials } from '../wechat';
import type { AreaHandlers } from './handler-types';
import { lintLoggedReply } from './logged-reply-lint';
import type { LateReplyQueue } from '../server/late-reply-queue';
import type { LogSizeCap } from './log-size-cap';
import { resignedQuery } from './replay-signature';
import type { SimulatorService } from './simulator-service';

export interface CallbacksServiceDeps {
  repo: CallbackLogRepo;
  late: LateReplyQueue;
  simulator: SimulatorService;
  /** An account's keys, to open its encrypted replies; undefined once it is deleted. */
  credentials: (accountId: string) => AccountCredentials | undefined;
  rt: Runtime;
  sizeCap: LogSizeCap;
  /** The Token a logged request was signed with: its account's, or its third-party platform's. */
  signingToken: (path: string, accountId: string | null) => string | undefined;
}

/** Read side of the callback log, and replays through the simulator's HTTP client. */
export class CallbacksService {
  private readonly repo: CallbackLogRepo;
  private readonly late: LateReplyQueue;
  private readonly simulator: SimulatorService;

  constructor(private readonly d: CallbacksServiceDeps) {
    this.repo = d.repo;
    this.late = d.late;
    this.simulator = d.simulator;
  }

  /**
   * Filters answer from indexes in a few ms; a free-text search reads every row's body, so it walks
   * the log in slices with the listener running between them (store/repos/callback-search.ts).
   */
  list(q: CallbacksListInput): CallbacksPage | Promise<CallbacksPage> {
    if (!q.search) return this.withPreviews(this.repo.list(q));
    return listInSlices(this.repo, q).then((page) => this.withPreviews(page));
  }

  /**
   * Each entry's preview, made from its row's XML as the listener made it for the live event: the
   * log stores no copy (a column would cost every request's insert; a page is at most a few
   * hundred short parses).
   */
  private withPreviews(page: CallbacksPage): CallbacksPage {
    const xml = this.repo.messageXml(page.items.filter((e) => e.msgType !== null).map((e) => e.id));
    for (const e of page.items) {
      const x = xml.get(e.id);
      e.preview = x === undefined ? null : previewOfXml(x);
    }
    return page;
  }

  /** The log's size against its cap (the dashboard's figure). */
  storage(): CallbackStorageDto {
    return this.d.sizeCap.status();
  }

  get(id: number): CallbackEntryDto {
    const e = this.repo.get(id);
    if (!e) throw new AppError('not_found', `No callback log entry #${id}`);
    return {
      ...e,
      preview: e.msgType === null ? null : previewOfXml(e.decryptedXml ?? e.rawBody),
      lateReplies: this.late.byLog(id),
      replyLint: lintLoggedReply(e, e.accountId ? this.d.credentials(e.accountId) : undefined),
    };
  }

  /**
   * The same method, path, query and body bytes, sent again. A signed request is signed again with a
   * fresh timestamp and nonce (the listener refuses old timestamps); its message is unchanged. By
   * default it is a new delivery, so the rules and forwarding run again (as ngrok's replay re-runs
   * your app); `asRetry` sends it as WeChat's retry of the entry, which dedupe answers with the
   * first reply, however old the entry (an idempotency test).
   */
  async replay(id: number, asRetry = false): Promise<ReplayResult> {
    const e = this.repo.getRaw(id);
    if (!e) throw new AppError('not_found', `No callback log entry #${id}`);
    const url = this.simulator.target(undefined, e.path) + this.replaySearch(e);
    const r = await this.simulator.post(url, e.method, e.rawBody, 'replay', { logId: id, asRetry });
    return { status: r.status, body: r.body, logId: r.logId };
  }

  /** An edited message, re-signed and re-encrypted as WeChat would for the entry's account. */
  async replayEdited(id: number, xml: string): Promise<ReplayResult> {
    const e = this.repo.getRaw(id);
    if (!e) throw new AppError('not_found', `No callback log entry #${id}`);
    if (!e.accountId)
      throw new AppError(
        'invalid_input',
        'This request did not reach an account; there is nothing to re-sign it for',
      );
    const wasAes = readStoredQuery(e.query).encrypt_type === 'aes';
    const mode = this.simulator.accountMode(e.accountId);
    const built = this.simulator.build(
      e.accountId,
      xml,
      wasAes ? (mode === 'plain' ? 'safe' : mode) : 'plain',
    );
    const url = this.simulator.target(undefined, e.path) + built.search;
    const r = await this.simulator.post(url, 'POST', Buffer.from(built.body), 'replay', {
      logId: id,
      asRetry: false,
    });
    return { status: r.status, body: r.body, logId: r.logId };
  }

  private replaySearch(e: { path: string; query: string; rawBody: Buffer; accountId: string | null }) {
    const q = readStoredQuery(e.query);
    if ('_raw' in q) return searchOf(q);
    const fresh = {
      timestamp: String(Math.floor(this.d.rt.clock.now() / 1000)),
      nonce: randomDigits(this.d.rt, 9),
    };
    return searchOf(resignedQuery(q, e.rawBody, this.d.signingToken(e.path, e.accountId), fresh) ?? q);
  }
}

function previewOfXml(xml: string | Buffer): string | null {
  try {
    return messagePreview(parseXmlDocument(xml));
  } catch {
    return null;
  }
}

function searchOf(q: Record<string, string>): string {
  if ('_raw' in q) return q._raw;
  const s = new URLSearchParams(q).toString();
  return s ? `?${s}` : '';
}

export function callbacksHandlers(s: CallbacksService): AreaHandlers<'callbacks.'> {
  return {
    'callbacks.list': (q) => s.list(q),
    'callbacks.get': ({ id }) => s.get(id),
    'callbacks.storage': () => s.storage(),
    'callbacks.replay': ({ id, asRetry }) => s.replay(id, asRetry),
    'callbacks.replayEdited': ({ id, xml }) => s.replayEdited(id, xml),
  };
}
