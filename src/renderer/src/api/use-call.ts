import { useCallback, useEffect, useState } from 'react';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/api/contract';
import type { ErrorBody } from '../../../shared/errors';
import { useApi, useResyncKey } from './api-context';

export interface CallState<T> {
  data: T | undefined;
  error: ErrorBody | undefined;
  reload: () => void;
  /** Replace the data with a fresher value the caller already has (e.g. an update's result). */
  set: (value: T) => void;
  /** A fresh value from elsewhere (an event): replaces the data and clears a failure. */
  received: (value: T) => void;
}

/** One call, re-run when its input changes, the event stream reconnects, or `reload` is called. */
export function useCall<M extends MethodName>(method: M, input: MethodInput<M>): CallState<MethodOutput<M>> {
  const api = useApi();
  const resync = useResyncKey();
  // The input by value, so that a literal written in the render does not re-run the call.
  const key = input === undefined ? undefined : JSON.stringify(input);
  const [data, setData] = useState<MethodOutput<M>>();
  const [error, setError] = useState<ErrorBody>();
  const [nonce, setNonce] = useState(0);
  useEffect(() => {
    let live = true;
    const sent = (key === undefined ? undefined : JSON.parse(key)) as MethodInput<M>;
    void api.call(method, sent).then((r) => {
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
  const received = useCallback((value: MethodOutput<M>) => {
    setData(value);
    setError(undefined);
  }, []);
  return { data, error, reload, set: setData, received };
}
