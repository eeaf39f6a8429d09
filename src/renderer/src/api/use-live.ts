import { useCallback, useEffect, useState } from 'react';
import type { EventName, Events, MethodInput, MethodName, MethodOutput } from '../../../shared/api/contract';
import type { ErrorBody } from '../../../shared/errors';
import { useApi, useApiEvent, useResyncKey } from './api-context';

/** Methods that take no input (list/get-all style). */
type NoInputMethod = { [M in MethodName]: undefined extends MethodInput<M> ? M : never }[MethodName];

export interface LiveState<T> {
  data: T | undefined;
  error: ErrorBody | undefined;
  reload: () => void;
  /** Replace the data with a fresher value the caller already has (e.g. an update's result). */
  set: (value: T) => void;
}

/**
 * State that core pushes: fetched with `method`, replaced by each `event`'s payload (mapped by
 * `fromEvent`), refetched whenever the event stream reconnects so nothing missed stays stale.
 */
export function useLive<M extends NoInputMethod, E extends EventName>(
  method: M,
  event: E,
  fromEvent: (payload: Events[E]) => MethodOutput<M>,
): LiveState<MethodOutput<M>> {
  const api = useApi();
  const resyncKey = useResyncKey();
  const [data, setData] = useState<MethodOutput<M>>();
  const [error, setError] = useState<ErrorBody>();
  const [nonce, setNonce] = useState(0);

  useEffect(() => {
    let live = true;
    void api.call(method, undefined as never).then((r) => {
      if (!live) return;
      if (r.ok) {
        setData(r.value);
        setError(undefined);
      } else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [api, method, resyncKey, nonce]);

  useApiEvent(event, (payload) => {
    setData(fromEvent(payload));
    setError(undefined);
  });

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { data, error, reload, set: setData };
}
