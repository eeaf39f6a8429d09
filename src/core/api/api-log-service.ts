import type Database from 'better-sqlite3';
import type { ApiLogEntryDto } from '../../shared/api/areas/apilog';
import type { Page } from '../../shared/api/areas/common';
import { ApiLogRepo } from './api-log-repo';
import type { ApiLogSink } from './transport';
import type { EventBus } from '../event-bus';

const KEEP_ROWS = 50_000;
const PRUNE_EVERY = 500;

/** The API log: every call the client makes, stored (masked) and streamed live as `apilog.appended`. */
export class ApiLogService implements ApiLogSink {
  private readonly repo: ApiLogRepo;
  private sincePrune = 0;

  constructor(
    db: Database.Database,
    private readonly events: EventBus,
  ) {
    this.repo = new ApiLogRepo(db);
  }

  append(entry: Omit<ApiLogEntryDto, 'id'>): string | null {
    let saved: ApiLogEntryDto;
    try {
      saved = this.repo.insert(entry);
    } catch (e) {
      // The log must never fail the call it describes (e.g. a full disk); say so once in the console.
      console.error('[apilog] could not record an API call', e);
      return null;
    }
    if (++this.sincePrune >= PRUNE_EVERY) {
      this.sincePrune = 0;
      this.repo.pruneBelow(Number(saved.id), KEEP_ROWS);
    }
    this.events.emit('apilog.appended', saved);
    return saved.id;
  }

  list(input: { accountId?: string; limit?: number; cursor?: string }): Page<ApiLogEntryDto> {
    const limit = input.limit ?? 100;
    const before = input.cursor ? Number(input.cursor) : Number.MAX_SAFE_INTEGER;
    const items = this.repo.page(
      input.accountId,
      Number.isFinite(before) ? before : Number.MAX_SAFE_INTEGER,
      limit,
    );
    const page: Page<ApiLogEntryDto> = { items, total: this.repo.count(input.accountId) };
    const last = items.at(-1);
    if (items.length === limit && last) page.nextCursor = last.id;
    return page;
  }
}
