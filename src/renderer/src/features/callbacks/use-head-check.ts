import { useCallback, useEffect, useRef, type RefObject } from 'react';
import type { CallbackSummaryDto } from '../../../../shared/api/areas/callbacks';
import type { ApiClient } from '../../api/api-client';
import { PAGE, type LogStore } from './callback-log-store';
import { toListInput, type CallbackFilters } from './filters';

/**
 * Head checks (free text) wait at least this many times the last one's answer time. A check after
 * live entries reads only the rows from the oldest of them on (`afterId`); one after a reconnect
 * reads from the top, and a search with few matches then scans the whole log (in slices:
 * store/repos/callback-search.ts) on the thread that also answers WeChat.
 * Spaced, the checks take at most about a fifth of it instead of running back to back.
 */
const HEAD_CHECK_SPACING = 4;

/** Where a head check must read from to cover both requests. */
const lowerFrom = (a: number | 'all', b: number | 'all'): number | 'all' =>
  a === 'all' || b === 'all' ? 'all' : Math.min(a, b);

/**
 * Asks the server for the newest matching entries and merges those not seen yet: for free text
 * (which a summary cannot answer) and after the event stream (re)connects, when events may have
 * been missed. If everything it returns is new, there may be a gap: start over (`reload`).
 * Returns `checkHead(delay?, from?)`, whose identity stays while api does.
 */
export function useHeadCheck({
  api,
  store,
  filtersRef,
  merge,
  reload,
}: {
  api: ApiClient;
  store: RefObject<LogStore>;
  filtersRef: RefObject<CallbackFilters>;
  /** Merges entries (oldest first) into the list. */
  merge: (entries: CallbackSummaryDto[]) => void;
  reload: () => void;
}) {
  const headCheck = useRef<{
    timer?: ReturnType<typeof setTimeout>;
    busy: boolean;
    again: boolean;
    /** How long the last check took to answer. */
    lastMs: number;
    /** The lowest id of the live entries the next check is for; `all`: read from the top. */
    from: number | 'all';
  }>({
    busy: false,
    again: false,
    lastMs: 0,
    from: Number.POSITIVE_INFINITY,
  });

  const checkHead = useCallback(
    /** `from`: the lowest id among the live entries that asked for it; 'all' after a reconnect. */
    (delay = 250, from: number | 'all' = 'all') => {
      const h = headCheck.current;
      h.from = lowerFrom(h.from, from);
      if (!store.current.initialized) {
        store.current.headAfterInit = true;
        return;
      }
      if (h.busy) {
        h.again = true;
        return;
      }
      if (h.timer) return;
      // 0 (a reconnect, the first page just in): now; a live batch: spaced by the last answer time.
      const wait = delay === 0 ? 0 : Math.max(delay, HEAD_CHECK_SPACING * h.lastMs);
      h.timer = setTimeout(async () => {
        h.timer = undefined;
        h.busy = true;
        const gen = store.current.gen;
        const f = filtersRef.current;
        const started = performance.now();
        const from = h.from;
        h.from = Number.POSITIVE_INFINITY;
        if (from !== 'all' && !Number.isFinite(from)) {
          h.busy = false;
          return;
        }
        const r = await api.call('callbacks.list', {
          ...toListInput(f),
          limit: PAGE,
          ...(from === 'all' ? {} : { afterId: from - 1 }),
        });
        h.lastMs = performance.now() - started;
        h.busy = false;
        if (store.current.gen !== gen) return;
        // The entries it was for are still unmerged: the next check reads them too.
        if (!r.ok) {
          h.from = lowerFrom(h.from, from);
          return;
        }
        const { items } = r.value;
        const oldest = items.at(-1);
        if (items.length === PAGE && oldest && oldest.id > store.current.maxId && r.value.nextCursor)
          reload();
        else merge(items.slice().reverse());
        if (h.again) {
          h.again = false;
          checkHeadRef.current(undefined, h.from);
        }
      }, wait);
    },
    [api, store, filtersRef, merge, reload],
  );
  const checkHeadRef = useRef(checkHead);
  useEffect(() => {
    checkHeadRef.current = checkHead;
  });
  useEffect(() => () => clearTimeout(headCheck.current.timer), []);

  return { checkHead, checkHeadRef };
}
