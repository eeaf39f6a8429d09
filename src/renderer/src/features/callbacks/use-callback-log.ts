import { startTransition, useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import type { CallbackSummaryDto } from '../../../../shared/api/areas/callbacks';
import type { ErrorBody } from '../../../../shared/errors';
import { useApi, useApiEvent, useResyncKey } from '../../api/api-context';
import {
  addLive as addToStore,
  applyPage,
  emptyStore,
  FIRST_PAGE,
  PAGE,
  showFresh as showFreshIn,
  type LogStore,
} from './callback-log-store';
import { matches, needsServerCheck, toListInput, type CallbackFilters } from './filters';
import { useHeadCheck } from './use-head-check';

export interface CallbackLog {
  /** Newest first. */
  items: readonly CallbackSummaryDto[];
  /** Entries that arrived while the user was away from the top, not shown yet. */
  freshCount: number;
  hasMore: boolean;
  loading: boolean;
  /** First page not there yet. */
  initializing: boolean;
  /** How many entries match the filters (server count plus live arrivals); undefined until known. */
  total: number | undefined;
  /** `total` is a lower bound (the server stops counting at CALLBACKS_TOTAL_CAP). */
  totalCapped: boolean;
  error: ErrorBody | undefined;
  loadMore(): void;
  /** Shows the buffered new entries at the top. */
  showFresh(): void;
  /** The list reports whether the user is at the top (then new entries go straight in). */
  setFollowing(atTop: boolean): void;
  reload(): void;
}

/**
 * The callback log as a live, paged list: `callbacks.list` pages (by cursor) as the user scrolls,
 * `callbacks.logged` batches prepended, but only while the user is at the top; otherwise they wait in
 * a buffer ("N new") so the rows being read never move. The list itself lives in
 * callback-log-store.ts, the head checks (free text, reconnects) in use-head-check.ts.
 */
export function useCallbackLog(filters: CallbackFilters): CallbackLog {
  const api = useApi();
  const resyncKey = useResyncKey();
  const [, bump] = useReducer((n: number) => n + 1, 0);
  const store = useRef<LogStore>(emptyStore(0));
  const filtersRef = useRef(filters);
  const key = JSON.stringify(filters);
  const [nonce, reload] = useReducer((n: number) => n + 1, 0);

  /** Entries in sequence order (oldest first), already known to match the filters. */
  const addLive = useCallback((entries: CallbackSummaryDto[]) => {
    if (addToStore(store.current, entries)) bump();
  }, []);

  const { checkHead, checkHeadRef } = useHeadCheck({ api, store, filtersRef, merge: addLive, reload });

  const fetchPages = useCallback(async () => {
    const s = store.current;
    if (s.loading || s.end) return;
    const gen = s.gen;
    const f = filtersRef.current;
    const first = !s.initialized;
    s.loading = true;
    bump();
    const r = await api.call('callbacks.list', {
      ...toListInput(f),
      limit: first ? FIRST_PAGE : PAGE,
      cursor: s.cursor,
    });
    if (store.current.gen !== gen) return;
    applyPage(s, r);
    s.loading = false;
    if (s.early.length) {
      const early = s.early;
      s.early = [];
      addLive(early);
    }
    if (s.headAfterInit) {
      s.headAfterInit = false;
      checkHeadRef.current(0);
    }
    bump();
    // The count after the rows: it must not hold up the first paint. Counted up to the head we
    // have; live entries past it are added as they arrive.
    if (first && r.ok) {
      // After the rows are painted: the count's request and response then compete with nothing.
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      if (store.current.gen !== gen) return;
      const head = s.maxId;
      const c = await api.call('callbacks.list', { ...toListInput(f), limit: 1, withTotal: true });
      if (store.current.gen !== gen || !c.ok || c.value.total === undefined) return;
      s.total = c.value.total;
      // Live entries up to the newest one the count saw are in it already.
      s.totalHead = Math.max(head, c.value.items[0]?.id ?? 0);
      s.totalCapped = !!c.value.totalCapped;
      bump();
    }
  }, [api, addLive, checkHeadRef]);

  // Live batches are applied once per frame, as a transition: at 500 requests/s a keypress or a
  // scroll is never queued behind a list update.
  const pendingLive = useRef<{ entries: CallbackSummaryDto[]; frame: number }>({ entries: [], frame: 0 });
  useApiEvent('callbacks.logged', ({ entries }) => {
    const f = filtersRef.current;
    const hits = entries.filter((e) => matches(f, e));
    if (!hits.length) return;
    if (needsServerCheck(f)) {
      checkHead(undefined, Math.min(...hits.map((e) => e.id)));
      return;
    }
    const p = pendingLive.current;
    p.entries.push(...hits);
    if (p.frame) return;
    p.frame = requestAnimationFrame(() => {
      p.frame = 0;
      const batch = p.entries;
      p.entries = [];
      startTransition(() => addLive(batch));
    });
  });
  useEffect(() => () => cancelAnimationFrame(pendingLive.current.frame), []);

  // New filters or an explicit reload: start over.
  useEffect(() => {
    filtersRef.current = JSON.parse(key) as CallbackFilters;
    store.current = emptyStore(store.current.gen + 1, store.current.following);
    bump();
    void fetchPages();
  }, [key, nonce, fetchPages]);

  // A reconnect (the first connection included): merge what may have been missed at the head,
  // rather than blanking a list the user may be reading.
  const firstResync = useRef(resyncKey);
  useEffect(() => {
    if (resyncKey !== firstResync.current) checkHeadRef.current(0);
  }, [resyncKey, checkHeadRef]);

  const showFresh = useCallback(() => {
    const done = showFreshIn(store.current);
    if (done === 'reload') reload();
    else if (done) bump();
  }, []);

  const setFollowing = useCallback(
    (atTop: boolean) => {
      const s = store.current;
      if (s.following === atTop) return;
      s.following = atTop;
      if (atTop) showFresh();
    },
    [showFresh],
  );

  const s = store.current;
  const loadMore = useCallback(() => void fetchPages(), [fetchPages]);
  return useMemo(
    () => ({
      items: s.items,
      freshCount: s.fresh.length + s.freshDropped,
      hasMore: !s.end,
      loading: s.loading,
      initializing: !s.initialized,
      total: s.total,
      totalCapped: s.totalCapped,
      error: s.error,
      loadMore,
      showFresh,
      setFollowing,
      reload,
    }),
    [
      s.items,
      s.fresh.length,
      s.freshDropped,
      s.end,
      s.loading,
      s.initialized,
      s.total,
      s.totalCapped,
      s.error,
      loadMore,
      showFresh,
      setFollowing,
    ],
  );
}
