import type { EventName, Events, MethodInput, MethodName, MethodOutput } from '../../../shared/api/contract';
import { useApiEvent } from './api-context';
import { useCall, type CallState } from './use-call';

/** Methods that take no input (list/get-all style). */
type NoInputMethod = { [M in MethodName]: undefined extends MethodInput<M> ? M : never }[MethodName];

export type LiveState<T> = Omit<CallState<T>, 'received'>;

/**
 * State that core pushes: fetched with `method`, replaced by each `event`'s payload (mapped by
 * `fromEvent`), refetched whenever the event stream reconnects so nothing missed stays stale.
 */
export function useLive<M extends NoInputMethod, E extends EventName>(
  method: M,
  event: E,
  fromEvent: (payload: Events[E]) => MethodOutput<M>,
): LiveState<MethodOutput<M>> {
  const { data, error, reload, set, received } = useCall(method, undefined as MethodInput<M>);
  useApiEvent(event, (payload) => received(fromEvent(payload)));
  return { data, error, reload, set };
}
