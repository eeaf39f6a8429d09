import { useCallback, useEffect, useState } from 'react';
import type { ErrcodeExplanationDto } from '../../../../shared/api/areas/api';
import type { ApiLogEntryDto } from '../../../../shared/api/areas/apilog';
import { useApi, useApiEvent, useResyncKey } from '../../api/api-context';

const PAGE = 100;

/** `apilog.list` newest first, paged backwards, with `apilog.appended` prepended live. */
export function useApiLog(accountId: string | undefined) {
  const api = useApi();
  const resync = useResyncKey();
  const [items, setItems] = useState<ApiLogEntryDto[]>([]);
  const [total, setTotal] = useState(0);
  const [cursor, setCursor] = useState<string>();
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<{ code: string; message: string }>();

  useEffect(() => {
    let live = true;
    setLoaded(false);
    void api.call('apilog.list', { accountId, limit: PAGE }).then((r) => {
      if (!live) return;
      setLoaded(true);
      if (!r.ok) return setError(r.error);
      setError(undefined);
      setItems(r.value.items);
      setTotal(r.value.total ?? r.value.items.length);
      setCursor(r.value.nextCursor);
    });
    return () => {
      live = false;
    };
  }, [api, accountId, resync]);

  useApiEvent('apilog.appended', (e) => {
    if (accountId && e.accountId !== accountId) return;
    setItems((prev) => (prev.some((x) => x.id === e.id) ? prev : [e, ...prev]));
    setTotal((n) => n + 1);
  });

  const loadMore = useCallback(async () => {
    if (!cursor) return;
    const r = await api.call('apilog.list', { accountId, limit: PAGE, cursor });
    if (!r.ok) return setError(r.error);
    setItems((prev) => {
      const seen = new Set(prev.map((x) => x.id));
      return [...prev, ...r.value.items.filter((x) => !seen.has(x.id))];
    });
    setCursor(r.value.nextCursor);
  }, [api, accountId, cursor]);

  return { items, total, loaded, error, loadMore: cursor ? loadMore : undefined };
}

/**
 * errcode explanations the renderer has seen (from `api.request` answers, or on an entry once the
 * log carries them), so every row with that errcode can show its meaning.
 */
const explained = new Map<number, ErrcodeExplanationDto>();
export function rememberExplanation(e: ErrcodeExplanationDto | null | undefined): void {
  if (e) explained.set(e.errcode, e);
}
export function explanationOf(entry: ApiLogEntryDto): ErrcodeExplanationDto | undefined {
  const own = (entry as ApiLogEntryDto & { explanation?: ErrcodeExplanationDto | null }).explanation;
  if (own) return own;
  return entry.errcode !== null ? explained.get(entry.errcode) : undefined;
}

export function isFailure(e: ApiLogEntryDto): boolean {
  return (
    e.error !== null || (e.errcode !== null && e.errcode !== 0) || (e.status !== null && e.status >= 400)
  );
}
