import { useCallback, useEffect, useRef, useState } from 'react';
import type { FanDto, FanTagDto } from '../../../../shared/api/areas/fans';
import type { ErrorBody } from '../../../../shared/errors';
import { useApi } from '../../api/api-context';

const PAGE = 100;

/** The followers loaded so far (pages of 100, the batchget maximum of §9), and the next cursor. */
export function useFans(accountId: string) {
  const api = useApi();
  const [items, setItems] = useState<FanDto[]>([]);
  const [total, setTotal] = useState<number | undefined>();
  const [error, setError] = useState<ErrorBody>();
  const [loading, setLoading] = useState(false);
  const [tags, setTags] = useState<FanTagDto[]>([]);
  const cursor = useRef<string | undefined>(undefined);
  const done = useRef(false);
  const gen = useRef(0);
  const busy = useRef(false);

  const loadMore = useCallback(async () => {
    if (busy.current || done.current) return;
    busy.current = true;
    setLoading(true);
    const mine = gen.current;
    const r = await api.call('fans.list', { accountId, limit: PAGE, cursor: cursor.current });
    busy.current = false;
    if (mine !== gen.current) return;
    setLoading(false);
    if (!r.ok) {
      setError(r.error);
      done.current = true;
      return;
    }
    setError(undefined);
    setItems((prev) => [...prev, ...r.value.items]);
    setTotal(r.value.total);
    cursor.current = r.value.nextCursor;
    done.current = !r.value.nextCursor;
  }, [api, accountId]);

  const reload = useCallback(() => {
    gen.current++;
    busy.current = false;
    cursor.current = undefined;
    done.current = false;
    setItems([]);
    setTotal(undefined);
    void loadMore();
    void api.call('fans.tags', { accountId }).then((r) => r.ok && setTags(r.value));
  }, [api, accountId, loadMore]);

  useEffect(() => {
    reload();
  }, [reload]);

  const replace = useCallback(
    (f: FanDto) => setItems((prev) => prev.map((x) => (x.openid === f.openid ? f : x))),
    [],
  );

  return { items, total, error, loading, hasMore: !done.current, tags, loadMore, reload, replace };
}
export type FansState = ReturnType<typeof useFans>;
