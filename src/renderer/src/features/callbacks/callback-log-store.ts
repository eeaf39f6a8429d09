import type { CallbackSummaryDto } from '../../../../shared/api/areas/callbacks';
import type { ErrorBody } from '../../../../shared/errors';

/** The first page only has to fill the screen; later pages are bigger, for fewer round trips. */
export const FIRST_PAGE = 100;
export const PAGE = 300;
/**
 * The in-memory window while the user follows the head: older entries beyond it are dropped and
 * paged in again (keyset cursor on id) if the user scrolls there. Also caps the "N new" buffer.
 */
export const MAX_ITEMS = 5000;

/**
 * What use-callback-log keeps between renders. Mutated in place by the functions below and by the
 * hook (which then re-renders): a live batch at 500 requests/s must not copy 5,000 rows per frame.
 */
export interface LogStore {
  /** Bumped when the filters change or the list starts over: answers for an older one are dropped. */
  gen: number;
  items: CallbackSummaryDto[];
  /** Oldest first. */
  fresh: CallbackSummaryDto[];
  cursor: string | undefined;
  end: boolean;
  loading: boolean;
  initialized: boolean;
  total: number | undefined;
  /** The newest id the server's count included. */
  totalHead: number;
  totalCapped: boolean;
  /** Entries that arrived past MAX_ITEMS in the buffer: showing them means starting over. */
  freshDropped: number;
  maxId: number;
  error: ErrorBody | undefined;
  /** Live entries that arrived before the first page did. */
  early: CallbackSummaryDto[];
  /** The event stream (re)connected while the first page was on its way: check the head after it. */
  headAfterInit: boolean;
  following: boolean;
}

export const emptyStore = (gen: number, following = true): LogStore => ({
  gen,
  items: [],
  fresh: [],
  cursor: undefined,
  end: false,
  loading: false,
  initialized: false,
  total: undefined,
  totalHead: 0,
  totalCapped: false,
  freshDropped: 0,
  maxId: 0,
  error: undefined,
  early: [],
  headAfterInit: false,
  following,
});

/**
 * Cap the window; the dropped tail is one keyset page away (not while a page is on its way, which
 * would land after the old cursor).
 */
function capWindow(s: LogStore): void {
  const lastKept = s.items[MAX_ITEMS - 1];
  if (s.items.length > MAX_ITEMS && lastKept && !s.loading) {
    s.items = s.items.slice(0, MAX_ITEMS);
    s.cursor = String(lastKept.id);
    s.end = false;
  }
}

/**
 * Live entries in sequence order (oldest first), already known to match the filters: at the top
 * while the user follows the head, else into the "N new" buffer. False when nothing changed.
 */
export function addLive(s: LogStore, entries: CallbackSummaryDto[]): boolean {
  if (!s.initialized) {
    s.early.push(...entries);
    return false;
  }
  const news = entries.filter((e) => e.id > s.maxId);
  const newest = news.at(-1);
  if (!newest) return false;
  s.maxId = newest.id;
  if (s.total !== undefined) {
    for (const e of news) if (e.id > s.totalHead) s.total++;
  }
  if (s.following && s.fresh.length === 0 && !s.freshDropped) {
    s.items = news.reverse().concat(s.items);
    capWindow(s);
  } else {
    s.fresh = s.fresh.concat(news);
    if (s.fresh.length > MAX_ITEMS) {
      s.freshDropped += s.fresh.length - MAX_ITEMS;
      s.fresh = s.fresh.slice(s.fresh.length - MAX_ITEMS);
    }
  }
  return true;
}

/**
 * The buffered entries go to the top. 'reload' when more arrived than the buffer keeps: start over
 * from the head rather than leave a gap.
 */
export function showFresh(s: LogStore): boolean | 'reload' {
  if (!s.fresh.length) return false;
  if (s.freshDropped) return 'reload';
  s.items = s.fresh.reverse().concat(s.items);
  s.fresh = [];
  capWindow(s);
  return true;
}

/** A `callbacks.list` page (or its failure) into the store. */
export function applyPage(
  s: LogStore,
  r:
    | { ok: true; value: { items: CallbackSummaryDto[]; nextCursor?: string } }
    | { ok: false; error: ErrorBody },
): void {
  if (!r.ok) {
    s.error = r.error;
    return;
  }
  s.error = undefined;
  const page = r.value.items;
  if (!s.initialized) {
    s.initialized = true;
    s.maxId = Math.max(s.maxId, page[0]?.id ?? 0);
  }
  if (page.length) s.items = s.items.length ? s.items.concat(page) : page;
  s.cursor = r.value.nextCursor;
  s.end = r.value.nextCursor === undefined;
}

/** Items are newest first with strictly decreasing ids: binary search. */
export function indexOfId(items: readonly CallbackSummaryDto[], id: number): number {
  let lo = 0;
  let hi = items.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const entry = items[mid];
    if (!entry) break; // never: lo <= mid <= hi < items.length
    const v = entry.id;
    if (v === id) return mid;
    if (v > id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
