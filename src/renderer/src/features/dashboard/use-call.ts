import { useCallback, useEffect, useState } from 'react';
import type { MethodInput, MethodName, MethodOutput } from '../../../../shared/api/contract';
import type { ErrorBody } from '../../../../shared/errors';
import { useApi, useResyncKey } from '../../api/api-context';

/** One call, re-run when its input changes, the event stream reconnects, or `reload` is called. */
export function useCall<M extends MethodName>(method: M, input: MethodInput<M>) {
  const api = useApi();
  const resync = useResyncKey();
  const key = JSON.stringify(input);
  const [data, setData] = useState<MethodOutput<M>>();
  const [error, setError] = useState<ErrorBody>();
  const [nonce, setNonce] = useState(0);
  useEffect(() => {
    let live = true;
    void api.call(method, JSON.parse(key) as MethodInput<M>).then((r) => {
      if (!live) return;
      if (r.ok) {
        setData(r.value);
        setError(undefined);
      } else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [api, method, key, resync, nonce]);
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { data, error, reload, set: setData };
}
