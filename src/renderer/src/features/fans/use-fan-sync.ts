import { useCallback, useEffect, useState } from 'react';
import type { FanSyncStatusDto, FanTagDto } from '../../../../shared/api/areas/fans';
import type { Result } from '../../../../shared/api/result';
import type { ErrorBody } from '../../../../shared/errors';
import { useApi, useApiEvent, useResyncKey } from '../../api/api-context';

/** The account's sync, followed live (a progress bar), with start and cancel. */
export function useFanSync(accountId: string) {
  const api = useApi();
  const resync = useResyncKey();
  const [status, setStatus] = useState<FanSyncStatusDto>();
  const [error, setError] = useState<ErrorBody>();
  useEffect(() => {
    void api.call('fans.syncStatus', { accountId }).then((r) => r.ok && setStatus(r.value));
  }, [api, accountId, resync]);
  useApiEvent('fans.syncChanged', (s) => s.accountId === accountId && setStatus(s));
  const run = useCallback(async (call: Promise<Result<FanSyncStatusDto>>) => {
    const r = await call;
    if (r.ok) {
      setStatus(r.value);
      setError(undefined);
    } else setError(r.error);
  }, []);
  const start = (full = false) => run(api.call('fans.sync', { accountId, full }));
  const cancel = () => run(api.call('fans.cancelSync', { accountId }));
  return { status, error, start, cancel };
}

/** The account's tags (from the store; WeChat's tags/get the first time), kept after changes. */
export function useFanTags(accountId: string) {
  const api = useApi();
  const [items, setItems] = useState<FanTagDto[]>([]);
  const reload = useCallback(
    () => void api.call('fans.tags', { accountId }).then((r) => r.ok && setItems(r.value)),
    [api, accountId],
  );
  useEffect(reload, [reload]);
  useApiEvent('fans.syncChanged', (s) => s.accountId === accountId && s.state === 'done' && reload());
  return { items, set: setItems, reload };
}
