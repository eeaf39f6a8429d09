import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import type { CallbackSummaryDto } from '../../../../shared/api/areas/callbacks';
import type { ErrorBody } from '../../../../shared/errors';
import { useApi, useApiEvent, useResyncKey } from '../../api/api-context';
import { hasClientOnlyFilter, matches, needsServerCheck, toListInput, type CallbackFilters } from './filters';

/** The first page only has to fill the screen; later pages are bigger, for fewer round trips. */
const FIRST_PAGE = 100;
const PAGE = 300;
/** With client-side filters, one "load more" reads at most this many pages before pausing. */
const MAX_ROUNDS = 10;
const WANT_PER_ROUND = 60;

export interface CallbackLog {
  /** Newest first. */
  items: readonly CallbackSummaryDto[];
  /** Entries that arrived while the user was away from the top, not shown yet. */
  freshCount: number;
  hasMore: boolean;
  loading: boolean;
  /** First page not there yet. */
  initializing: boolean;
  /** A scan with client-side filters found nothing in MAX_ROUNDS pages: more only on request. */
  stalled: boolean;
  scanned: number;
  error: ErrorBody | undefined;
  loadMore(): void;
  /** Shows the buffered new entries at the top. */
  showFresh(): void;
  /** The list reports whether the user is at the top (then new entries go straight in). */
  setFollowing(atTop: boolean): void;
  reload(): void;
}

interface Store {
  gen: number;
  items: CallbackSummaryDto[];
  /** Oldest first. */
  fresh: CallbackSummaryDto[];
  cursor: string | undefined;
  end: boolean;
  loading: boolean;
  initialized: boolean;
  stalled: boolean;
  scanned: number;
  maxId: number;
  error: ErrorBody | undefined;
  /** Live entries that arrived before the first page did. */
  early: CallbackSummaryDto[];
  /** The event stream (re)connected while the first page was on its way: check the head after it. */
  headAfterInit: boolean;
  following: boolean;
}

const emptyStore = (gen: number): Store => ({
  gen,
  items: [],
  fresh: [],
  cursor: undefined,
  end: false,
  loading: false,
  initialized: false,
  stalled: false,
  scanned: 0,
  maxId: 0,
  error: undefined,
  early: [],
  headAfterInit: false,
  following: true,
});

/**
 * The callback log as a live, paged list: `callbacks.list` pages (by cursor) as the user scrolls,
 * `callbacks.logged` batches prepended, but only while the user is at the top; otherwise they wait in
 * a buffer ("N new") so the rows being read never move.
 */
export function useCallbackLog(filters: CallbackFilters): CallbackLog {
  const api = useApi();
  const resyncKey = useResyncKey();
  const [, bump] = useReducer((n: number) => n + 1, 0);
  const store = useRef<Store>(emptyStore(0));
  const filtersRef = useRef(filters);
  const key = JSON.stringify(filters);

  /** Entries in sequence order (oldest first), already known to match the filters. */
  const addLive = useCallback((entries: CallbackSummaryDto[]) => {
    const s = store.current;
    if (!s.initialized) {
      s.early.push(...entries);
      return;
    }
    const news = entries.filter((e) => e.id > s.maxId);
    if (!news.length) return;
    s.maxId = news[news.length - 1].id;
    if (s.following && s.fresh.length === 0) {
      s.items = news.reverse().concat(s.items);
    } else {
      s.fresh = s.fresh.concat(news);
    }
    bump();
  }, []);

  const fetchPages = useCallback(async () => {
    const s = store.current;
    if (s.loading || s.end) return;
    const gen = s.gen;
    const f = filtersRef.current;
    const clientOnly = hasClientOnlyFilter(f);
    s.loading = true;
    s.stalled = false;
    bump();
    let added = 0;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const limit = s.initialized ? PAGE : FIRST_PAGE;
      const r = await api.call('callbacks.list', { ...toListInput(f), limit, cursor: s.cursor });
      if (store.current.gen !== gen) return;
      if (!r.ok) {
        s.error = r.error;
        break;
      }
      s.error = undefined;
      s.scanned += r.value.items.length;
      const page = clientOnly ? r.value.items.filter((e) => matches(f, e)) : r.value.items;
      if (!s.initialized) {
        s.initialized = true;
        s.maxId = Math.max(s.maxId, r.value.items[0]?.id ?? 0);
      }
      if (page.length) s.items = s.items.length ? s.items.concat(page) : page;
      added += page.length;
      s.cursor = r.value.nextCursor;
      s.end = r.value.nextCursor === undefined;
      if (s.end || !clientOnly || added >= WANT_PER_ROUND) break;
    }
    s.stalled = clientOnly && added === 0 && !s.end;
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
  }, [api, addLive]);

  /**
   * Asks the server for the newest matching entries and merges those not seen yet: for free text
   * (which a summary cannot answer) and after the event stream (re)connects, when events may have
   * been missed. If everything it returns is new, there may be a gap: start over.
   */
  const headCheck = useRef<{ timer?: ReturnType<typeof setTimeout>; busy: boolean; again: boolean }>({
    busy: false,
    again: false,
  });
  const [nonce, reload] = useReducer((n: number) => n + 1, 0);
  const checkHead = useCallback(
    (delay = 250) => {
      const h = headCheck.current;
      if (!store.current.initialized) {
        store.current.headAfterInit = true;
        return;
      }
      if (h.busy) {
        h.again = true;
        return;
      }
      if (h.timer) return;
      h.timer = setTimeout(async () => {
        h.timer = undefined;
        h.busy = true;
        const gen = store.current.gen;
        const f = filtersRef.current;
        const r = await api.call('callbacks.list', { ...toListInput(f), limit: PAGE });
        h.busy = false;
        if (store.current.gen !== gen || !r.ok) return;
        const { items } = r.value;
        if (items.length === PAGE && items[items.length - 1].id > store.current.maxId && r.value.nextCursor)
          reload();
        else addLive(items.filter((e) => matches(f, e)).reverse());
        if (h.again) {
          h.again = false;
          checkHeadRef.current();
        }
      }, delay);
    },
    [api, addLive],
  );
  const checkHeadRef = useRef(checkHead);
  useEffect(() => {
    checkHeadRef.current = checkHead;
  });

  useApiEvent('callbacks.logged', ({ entries }) => {
    const f = filtersRef.current;
    const hits = entries.filter((e) => matches(f, e));
    if (!hits.length) return;
    if (needsServerCheck(f)) checkHead();
    else addLive(hits);
  });

  // New filters or an explicit reload: start over.
  useEffect(() => {
    filtersRef.current = JSON.parse(key) as CallbackFilters;
    const gen = store.current.gen + 1;
    const following = store.current.following;
    store.current = { ...emptyStore(gen), following };
    bump();
    void fetchPages();
  }, [key, nonce, fetchPages]);

  // A reconnect (the first connection included): merge what may have been missed at the head,
  // rather than blanking a list the user may be reading.
  const firstResync = useRef(resyncKey);
  useEffect(() => {
    if (resyncKey !== firstResync.current) checkHeadRef.current(0);
  }, [resyncKey]);

  useEffect(() => () => clearTimeout(headCheck.current.timer), []);

  const showFresh = useCallback(() => {
    const s = store.current;
    if (!s.fresh.length) return;
    s.items = s.fresh.reverse().concat(s.items);
    s.fresh = [];
    bump();
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
      freshCount: s.fresh.length,
      hasMore: !s.end,
      loading: s.loading,
      initializing: !s.initialized,
      stalled: s.stalled,
      scanned: s.scanned,
      error: s.error,
      loadMore,
      showFresh,
      setFollowing,
      reload,
    }),
    [
      s.items,
      s.fresh.length,
      s.end,
      s.loading,
      s.initialized,
      s.stalled,
      s.scanned,
      s.error,
      loadMore,
      showFresh,
      setFollowing,
    ],
  );
}
