import { useEffect, useState } from 'react';
import type { CallbackEntryDto, CallbackSummaryDto } from '../../../../shared/api/areas/callbacks';
import type { ErrorBody } from '../../../../shared/errors';
import { useApi, useApiEvent } from '../../api/api-context';

/**
 * One log entry in full, kept current (`callbacks.updated`: a late reply went out), with the other
 * deliveries of the same message (WeChat's retries), which arrive live too.
 */
export function useCallbackEntry(id: number) {
  const api = useApi();
  const [entry, setEntry] = useState<CallbackEntryDto>();
  const [error, setError] = useState<ErrorBody>();
  const [deliveries, setDeliveries] = useState<CallbackSummaryDto[]>([]);
  const [nonce, setNonce] = useState(0);

  // A short delay: holding j/k should not fire a request per row.
  useEffect(() => {
    let live = true;
    const timer = setTimeout(async () => {
      const r = await api.call('callbacks.get', { id });
      if (!live) return;
      if (r.ok) {
        setEntry(r.value);
        setError(undefined);
      } else setError(r.error);
    }, 60);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, id, nonce]);

  const exchangeId = entry?.id === id ? entry.exchangeId : null;
  const [deliveriesNonce, setDeliveriesNonce] = useState(0);
  useEffect(() => {
    if (!exchangeId) {
      setDeliveries([]);
      return;
    }
    let live = true;
    void api.call('callbacks.list', { exchangeId, limit: 10 }).then((r) => {
      if (live && r.ok)
        setDeliveries([...r.value.items].sort((a, b) => a.delivery - b.delivery || a.id - b.id));
    });
    return () => {
      live = false;
    };
  }, [api, exchangeId, deliveriesNonce]);

  useApiEvent('callbacks.logged', ({ entries }) => {
    if (exchangeId && entries.some((e) => e.exchangeId === exchangeId)) setDeliveriesNonce((n) => n + 1);
  });
  useApiEvent('callbacks.updated', (p) => {
    if (p.id === id) setNonce((n) => n + 1);
  });

  /** The entry for `id` (not the previous one while the next loads). */
  const shown = entry?.id === id ? entry : undefined;
  return { shown, error, deliveries };
}
