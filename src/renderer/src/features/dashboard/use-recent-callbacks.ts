import { useEffect, useState } from 'react';
import type { CallbackSummaryDto } from '../../../../shared/api/areas/callbacks';
import { useApi, useApiEvent, useResyncKey } from '../../api/api-context';

export const HOUR = 3_600_000;
export const HOURS = 24;

/** The account's callbacks of the last 24 hours, kept current by callbacks.logged. */
export function useRecentCallbacks(accountId: string) {
  const api = useApi();
  const resync = useResyncKey();
  const [items, setItems] = useState<CallbackSummaryDto[]>([]);
  useEffect(() => {
    let live = true;
    const since = Date.now() - HOURS * HOUR;
    setItems([]);
    void api.call('callbacks.list', { accountId, since, limit: 1000 }).then((r) => {
      if (!live || !r.ok) return;
      // Entries announced while the list was on its way may be newer than its snapshot: keep them.
      const listed = r.value.items.filter(isTraffic);
      setItems((prev) => {
        const seen = new Set(listed.map((c) => c.id));
        return [...prev.filter((c) => !seen.has(c.id)), ...listed].sort((x, y) => y.id - x.id);
      });
    });
    return () => {
      live = false;
    };
  }, [api, accountId, resync]);
  useApiEvent('callbacks.logged', (p) => {
    const mine = p.entries.filter((e) => e.accountId === accountId && isTraffic(e));
    if (mine.length)
      setItems((prev) => [...mine.reverse(), ...prev.filter((x) => !mine.some((m) => m.id === x.id))]);
  });
  return items;
}

/** The setup doctor's probes (its deliberately wrong signature among them) are not the account's traffic. */
const isTraffic = (c: CallbackSummaryDto) => c.source !== 'doctor';

/** Refused, failed or answered too late: the red part of a bar and a recent error. */
export const failed = (c: CallbackSummaryDto) =>
  c.outcome === 'rejected' || c.outcome === 'error' || c.outcome === 'late';
