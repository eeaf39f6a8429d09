/**
 * `fetch(url, init).then((r) => r.json())`, run in a worker so a large response's decoding and JSON
 * parsing stay off the UI thread. Falls back to the UI thread where a worker cannot start.
 */
type Reply = { id: number; value: unknown } | { id: number; failure: string };

let worker: Worker | null | undefined;
let nextId = 0;
interface Waiting {
  url: string;
  init: RequestInit;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}
const waiting = new Map<number, Waiting>();

const onUiThread = async (url: string, init: RequestInit): Promise<unknown> =>
  (await fetch(url, init)).json();

function getWorker(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    worker = new Worker(new URL('./json-fetch.worker.ts', import.meta.url), { type: 'module' });
    worker.addEventListener('message', (e: MessageEvent<Reply>) => {
      const w = waiting.get(e.data.id);
      if (!w) return;
      waiting.delete(e.data.id);
      if ('failure' in e.data) w.reject(new Error(e.data.failure));
      else w.resolve(e.data.value);
    });
    // A worker that fails to load (blocked, missing file): its calls and later ones on the UI thread.
    worker.addEventListener('error', () => {
      worker = null;
      for (const w of waiting.values()) onUiThread(w.url, w.init).then(w.resolve, w.reject);
      waiting.clear();
    });
  } catch {
    worker = null;
  }
  return worker;
}

export async function fetchJsonOffThread(url: string, init: RequestInit): Promise<unknown> {
  const w = getWorker();
  if (!w) return onUiThread(url, init);
  const id = ++nextId;
  // Relative URLs would resolve against the worker's script URL; make them the page's.
  const absolute = new URL(url, window.location.href).href;
  return new Promise((resolve, reject) => {
    waiting.set(id, { url: absolute, init, resolve, reject });
    w.postMessage({ id, url: absolute, init });
  });
}
