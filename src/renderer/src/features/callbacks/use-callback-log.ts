import { startTransition, useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import type { CallbackSummaryDto } from '../../../../shared/api/areas/callbacks';
import type { ErrorBody } from '../../../../shared/errors';
import { useApi, useApiEvent, useResyncKey } from '../../api/api-context';
import { matches, needsServerCheck, toListInput, type CallbackFilters } from './filters';

/** The first page only has to fill the screen; later pages are bigger, for fewer round trips. */
const FIRST_PAGE = 100;
const PAGE = 300;
/**
 * The in-memory window while the user follows the head: older entries beyond it are dropped and
 * paged in again (keyset cursor on id) if the user scrolls there. Also caps the "N new" buffer.
 */
export const MAX_ITEMS = 5000;
/**
 * Head checks (free text) wait at least this many times the last one's answer time. A check after
 * live entries reads only the rows from the oldest of them on (`afterId`); one after a reconnect
 * reads from the top, and a search with few matches then scans the whole log (~300 ms at 120,000
 * entries, in slices: store/repos/callback-search.ts) on the thread that also answers WeChat.
 * Spaced, the checks take at most about a fifth of it instead of running back to back.
 */
const HEAD_CHECK_SPACING = 4;

/** Where a head check must read from to cover both requests. */
const lowerFrom = (a: number | 'all', b: number | 'all'): number | 'all' =>
  a === 'all' || b === 'all' ? 'all' : Math.min(a, b);

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

interface Store {
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

const emptyStore = (gen: number): Store => ({
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
    if (s.total !== undefined) {
      for (const e of news) if (e.id > s.totalHead) s.total++;
    }
    if (s.following && s.fresh.length === 0 && !s.freshDropped) {
      s.items = news.reverse().concat(s.items);
      // Cap the window; the dropped tail is one keyset page away (not while a page is on its way,
      // which would land after the old cursor).
      if (s.items.length > MAX_ITEMS && !s.loading) {
        s.items = s.items.slice(0, MAX_ITEMS);
        s.cursor = String(s.items[s.items.length - 1].id);
        s.end = false;
      }
    } else {
      s.fresh = s.fresh.concat(news);
      if (s.fresh.length > MAX_ITEMS) {
        s.freshDropped += s.fresh.length - MAX_ITEMS;
        s.fresh = s.fresh.slice(s.fresh.length - MAX_ITEMS);
      }
    }
    bump();
  }, []);

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
    if (!r.ok) {
      s.error = r.error;
    } else {
      s.error = undefined;
      const page = r.value.items;
      if (first) {
        s.initialized = true;
        s.maxId = Math.max(s.maxId, page[0]?.id ?? 0);
      }
      if (page.length) s.items = s.items.length ? s.items.concat(page) : page;
      s.cursor = r.value.nextCursor;
      s.end = r.value.nextCursor === undefined;
    }
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
      const c = await api.call('callbacks.list', {
        ...toListInput(f),
        limit: 1,
        withTotal: true,
      });
      if (store.current.gen !== gen || !c.ok || c.value.total === undefined) return;
      s.total = c.value.total;
      // Live entries up to the newest one the count saw are in it already.
      s.totalHead = Math.max(head, c.value.items[0]?.id ?? 0);
      s.totalCapped = !!c.value.totalCapped;
      bump();
    }
  }, [api, addLive]);

  /**
   * Asks the server for the newest matching entries and merges those not seen yet: for free text
   * (which a summary cannot answer) and after the event stream (re)connects, when events may have
   * been missed. If everything it returns is new, there may be a gap: start over.
   */
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
  const [nonce, reload] = useReducer((n: number) => n + 1, 0);
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
        if (items.length === PAGE && items[items.length - 1].id > store.current.maxId && r.value.nextCursor)
          reload();
        else addLive(items.slice().reverse());
        if (h.again) {
          h.again = false;
          checkHeadRef.current(undefined, h.from);
        }
      }, wait);
    },
    [api, addLive],
  );
  const checkHeadRef = useRef(checkHead);
  useEffect(() => {
    checkHeadRef.current = checkHead;
  });

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
    if (s.freshDropped) {
      // More arrived than the buffer keeps: start over from the head rather than leave a gap.
      reload();
      return;
    }
    s.items = s.fresh.reverse().concat(s.items);
    s.fresh = [];
    if (s.items.length > MAX_ITEMS && !s.loading) {
      s.items = s.items.slice(0, MAX_ITEMS);
      s.cursor = String(s.items[s.items.length - 1].id);
      s.end = false;
    }
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
