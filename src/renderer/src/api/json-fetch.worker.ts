/**
 * Fetches and parses one JSON response off the UI thread (see off-thread-json.ts): receiving,
 * decoding and parsing a large callback entry held the page's main thread for long tasks
 * (bench/ui-callbacks.bench.ts).
 * The result travels back by structured clone, which copies strings without parsing them.
 */
interface Job {
  id: number;
  url: string;
  init: RequestInit;
}

self.addEventListener('message', (e: MessageEvent<Job>) => {
  const { id, url, init } = e.data;
  fetch(url, init)
    .then((res) => res.json() as Promise<unknown>)
    .then(
      (value) => self.postMessage({ id, value }),
      (err: unknown) => self.postMessage({ id, failure: err instanceof Error ? err.message : String(err) }),
    );
});
