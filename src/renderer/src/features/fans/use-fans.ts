import { useCallback, useEffect, useRef, useState } from 'react';
import type { FanDto, FanListInput } from '../../../../shared/api/areas/fans';
import type { ErrorBody } from '../../../../shared/errors';
import { useApi, useApiEvent, useResyncKey } from '../../api/api-context';
import { useThrottledKey } from '../../api/use-throttled-key';

const PAGE = 200;
/** A change to this many fans or fewer refreshes just their rows; more reloads the list. */
const FEW = 20;

/**
 * The fans of a filter from MPDesk's store, a page at a time as the list scrolls (keyset cursor),
 * with the filter's total; rows follow `fans.changed`.
 */
export function useFans(input: Omit<FanListInput, 'limit' | 'cursor'>) {
  const api = useApi();
  const resync = useResyncKey();
  const [key, bump] = useThrottledKey(500);
  const [items, setItems] = useState<FanDto[]>([]);
  const [total, setTotal] = useState<number>();
  const [error, setError] = useState<ErrorBody>();
  const [loading, setLoading] = useState(false);
  const cursor = useRef<string | undefined>(undefined);
  const gen = useRef(0);
  const json = JSON.stringify(input);

  const fetchPage = useCallback(
    async (first: boolean) => {
      const mine = gen.current;
      setLoading(true);
      const r = await api.call('fans.list', {
        ...(JSON.parse(json) as FanListInput),
        limit: PAGE,
        cursor: first ? undefined : cursor.current,
      });
      if (mine !== gen.current) return;
      setLoading(false);
      if (!r.ok) return setError(r.error);
      setError(undefined);
      cursor.current = r.value.nextCursor;
      setTotal(r.value.total);
      setItems((prev) => (first ? r.value.items : [...prev, ...r.value.items]));
    },
    [api, json],
  );

  useEffect(() => {
    gen.current++;
    cursor.current = undefined;
    void fetchPage(true);
  }, [fetchPage, resync, key]);

  const loadMore = useCallback(() => {
    if (!loading && cursor.current) void fetchPage(false);
  }, [fetchPage, loading]);

  const replace = useCallback(
    (f: FanDto) => setItems((prev) => prev.map((x) => (x.openid === f.openid ? f : x))),
    [],
  );

  const accountId = input.accountId;
  useApiEvent('fans.changed', (p) => {
    if (p.accountId !== accountId) return;
    if (!p.openids || p.openids.length > FEW) return bump();
    for (const openid of p.openids) {
      void api.call('fans.get', { accountId, openid }).then((r) => r.ok && replace(r.value));
    }
  });

  return {
    items,
    total,
    error,
    loading,
    hasMore: cursor.current !== undefined,
    loadMore,
    replace,
    reload: bump,
  };
}
export type FansState = ReturnType<typeof useFans>;
