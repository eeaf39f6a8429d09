import type { EventEnvelope, MethodName } from '../../../shared/api/contract';
import type { Result } from '../../../shared/api/result';
import type { ApiClient } from './api-client';
import { fetchJsonOffThread } from './off-thread-json';

/**
 * Methods whose result can carry a payload of up to 1 MiB several times over (raw body, decrypted
 * XML, parsed fields; a CSV of every fan): their response is received and parsed in a worker, not on
 * the UI thread.
 */
const LARGE_RESULTS: ReadonlySet<MethodName> = new Set<MethodName>(['callbacks.get', 'fans.export']);

/**
 * Browser (headless mode): `POST /api/call/<method>` and a fetch-based SSE reader. fetch rather than
 * EventSource so the token travels in the Authorization header, never in a URL; it resumes with
 * Last-Event-ID after a drop.
 */
export function httpClient(token: string, base = ''): ApiClient {
  const listeners = new Set<(e: EventEnvelope) => void>();
  const connListeners = new Set<(c: boolean) => void>();
  let lastSeq: number | undefined;
  let running = false;
  let connected = false;

  const setConnected = (c: boolean) => {
    if (c === connected) return;
    connected = c;
    for (const l of connListeners) l(c);
  };

  async function streamOnce(): Promise<void> {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (lastSeq !== undefined) headers['last-event-id'] = String(lastSeq);
    const res = await fetch(`${base}/api/events`, { headers, cache: 'no-store' });
    if (!res.ok || !res.body) throw new Error(`events: HTTP ${res.status}`);
    setConnected(true);
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buf = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buf += value;
      let idx: number;
      while ((idx = buf.indexOf('\n\n')) >= 0) {
        const frame = buf.slice(0, idx);
        buf = buf.slice(idx + 2);
        handleFrame(frame);
      }
    }
  }

  function handleFrame(frame: string) {
    let event = 'message';
    let data = '';
    for (const line of frame.split('\n')) {
      if (line.startsWith('event: ')) event = line.slice(7);
      else if (line.startsWith('data: ')) data += line.slice(6);
    }
    if (!data) return;
    if (event === 'hello') {
      lastSeq = (JSON.parse(data) as { seq: number }).seq;
      return;
    }
    if (event === 'gap') {
      // We missed events the server no longer has: the simplest correct recovery is a reload.
      window.dispatchEvent(new CustomEvent('mpdesk:gap'));
      return;
    }
    const e = JSON.parse(data) as EventEnvelope;
    lastSeq = e.seq;
    for (const l of listeners) l(e);
  }

  async function run() {
    let delay = 500;
    while (running) {
      try {
        await streamOnce();
        delay = 500;
      } catch {
        // fall through to the backoff
      }
      setConnected(false);
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 5000);
    }
  }

  return {
    async call(method, input) {
      try {
        const url = `${base}/api/call/${method}`;
        const init: RequestInit = {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: input === undefined ? '' : JSON.stringify(input),
        };
        if (LARGE_RESULTS.has(method)) return (await fetchJsonOffThread(url, init)) as Result<never>;
        return (await (await fetch(url, init)).json()) as Result<never>;
      } catch (e) {
        return {
          ok: false,
          error: {
            code: 'unavailable',
            message: `MPDesk is not reachable: ${(e as Error).message}`,
            details: { unreachable: 'mpdesk' },
          },
        };
      }
    },
    onEvent(listener) {
      listeners.add(listener);
      if (!running) {
        running = true;
        void run();
      }
      return () => listeners.delete(listener);
    },
    onConnection(listener) {
      connListeners.add(listener);
      listener(connected);
      return () => connListeners.delete(listener);
    },
  };
}
