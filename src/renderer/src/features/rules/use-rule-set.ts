import { useCallback, useEffect, useState } from 'react';
import type { RuleSetDto } from '../../../../shared/api/areas/rules';
import { useApi, useApiEvent, useResyncKey } from '../../api/api-context';

/** The account's rules and match mode, fetched again on `rules.changed` and after a reconnect. */
export function useRuleSet(accountId: string) {
  const api = useApi();
  const resync = useResyncKey();
  const [set, setSet] = useState<RuleSetDto>();
  const [error, setError] = useState<{ code: string; message: string }>();
  const [nonce, setNonce] = useState(0);
  useEffect(() => {
    let live = true;
    void api.call('rules.list', { accountId }).then((r) => {
      if (!live) return;
      if (r.ok) {
        setSet(r.value);
        setError(undefined);
      } else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [api, accountId, resync, nonce]);
  useApiEvent('rules.changed', (p) => p.accountId === accountId && setNonce((n) => n + 1));
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { set, setSet, error, reload };
}

export type RuleSetState = ReturnType<typeof useRuleSet>;
