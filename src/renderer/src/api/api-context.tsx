import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { EventName, Events } from '../../../shared/api/contract';
import type { ApiClient } from './api-client';

interface ApiContextValue {
  client: ApiClient;
  connected: boolean;
  /** Bumps whenever live state may have been missed (stream (re)connected, server reported a gap). */
  resyncKey: number;
}

const ApiContext = createContext<ApiContextValue | null>(null);

/** Makes the one ApiClient available to screens, with the event-stream state the status bar shows. */
export function ApiProvider({ client, children }: { client: ApiClient; children: ReactNode }) {
  const [connected, setConnected] = useState(false);
  const [resyncKey, setResyncKey] = useState(0);

  useEffect(() => {
    // Subscribing starts the event stream (http-client starts it on the first listener).
    const offEvents = client.onEvent(() => {});
    const offConn = client.onConnection((c) => {
      setConnected(c);
      if (c) setResyncKey((k) => k + 1);
    });
    const onGap = () => setResyncKey((k) => k + 1);
    window.addEventListener('mpdesk:gap', onGap);
    return () => {
      offEvents();
      offConn();
      window.removeEventListener('mpdesk:gap', onGap);
    };
  }, [client]);

  return <ApiContext.Provider value={{ client, connected, resyncKey }}>{children}</ApiContext.Provider>;
}

function useApiContext(): ApiContextValue {
  const ctx = useContext(ApiContext);
  if (!ctx) throw new Error('useApi outside <ApiProvider>');
  return ctx;
}

export function useApi(): ApiClient {
  return useApiContext().client;
}

export function useConnected(): boolean {
  return useApiContext().connected;
}

export function useResyncKey(): number {
  return useApiContext().resyncKey;
}

/** Calls `handler` for every `name` event; the latest handler is used without resubscribing. */
export function useApiEvent<E extends EventName>(name: E, handler: (payload: Events[E]) => void): void {
  const client = useApi();
  const ref = useRef(handler);
  useEffect(() => {
    ref.current = handler;
  });
  useEffect(
    () =>
      client.onEvent((e) => {
        if (e.name === name) ref.current(e.payload as Events[E]);
      }),
    [client, name],
  );
}
