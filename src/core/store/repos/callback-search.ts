import { performance } from 'node:perf_hooks';
import {
  CALLBACKS_TOTAL_CAP,
  type CallbacksListInput,
  type CallbacksPage,
  type CallbackSummaryDto,
} from '../../../shared/api/areas/callbacks';
import type { CallbackLogRepo } from './callback-log-repo';
import { pageOf } from './page-of';

/** What the sliced walk needs from the log (callback-log-repo.ts). */
type WindowReader = Pick<CallbackLogRepo, 'listWindow' | 'countWindow' | 'idSpan'>;

/**
 * Aim for each slice to hold the event loop about this long. The loop is the callback listener's
 * too (docs/architecture.md §3): a free-text search is a LIKE over every row's body, long on a large
 * log in one piece (and longer with `total`), and every WeChat request arriving meanwhile would wait
 * it out (bench/callback.bench.ts measures it).
 */
export const SLICE_BUDGET_MS = 8;
/** Window sizes in ids: a slice's work stays bounded whatever the machine's speed. */
const FIRST_WINDOW = 2_000;
export const MAX_WINDOW = 20_000;
const MIN_WINDOW = 250;

/**
 * `callbacks.list` for a free-text search, walked newest first over windows of ids with the event
 * loop running between them. The page is the one `CallbackLogRepo.list` returns in one piece
 * (the repo's test compares them): the same items, cursor and total. Rows committed after the walk
 * starts are not in it, as they would not be in the one-piece read.
 */
export async function listInSlices(log: WindowReader, q: CallbacksListInput): Promise<CallbacksPage> {
  const limit = q.limit ?? 100;
  const span = log.idSpan();
  const before = Math.max(span.before, q.afterId ?? 0);
  const last = span.last;
  const top = q.cursor !== undefined ? Math.min(Number(q.cursor), last + 1) : last + 1;
  const counting = !!q.withTotal && q.cursor === undefined;
  const rows: CallbackSummaryDto[] = [];
  let counted = 0;
  let window = FIRST_WINDOW;
  for (let below = top; below > before + 1;) {
    if (below !== top) await new Promise((r) => setImmediate(r));
    const above = Math.max(before, below - window);
    const t0 = performance.now();
    if (rows.length <= limit) rows.push(...log.listWindow(q, above, below, limit + 1 - rows.length));
    if (counting) counted += log.countWindow(q, above, below, CALLBACKS_TOTAL_CAP + 1 - counted);
    // Done once the page is full and the count (if asked) has reached its cap.
    if (rows.length > limit && (!counting || counted > CALLBACKS_TOTAL_CAP)) break;
    below = above + 1;
    window = nextWindow(window, performance.now() - t0);
  }
  const page: CallbacksPage = pageOf(rows, limit, (last) => String(last.id));
  if (counting) {
    page.total = Math.min(counted, CALLBACKS_TOTAL_CAP);
    if (counted > CALLBACKS_TOTAL_CAP) page.totalCapped = true;
  }
  return page;
}

/** Scales the window toward SLICE_BUDGET_MS from how long the last one took. */
function nextWindow(window: number, tookMs: number): number {
  const scaled = Math.round((window * SLICE_BUDGET_MS) / Math.max(tookMs, 0.1));
  return Math.min(MAX_WINDOW, Math.max(MIN_WINDOW, scaled, Math.floor(window / 2)));
}
