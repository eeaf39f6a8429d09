export type DeadlineResult<T> = { inTime: true; value: T } | { inTime: false };

/**
 * Waits for `work` at most `ms`. The work is not cancelled when the deadline passes: the pipeline
 * answers `success` in time and delivers the late result another way (docs/wechat-protocol.md §3.1).
 * A rejection of `work` is passed through when it happens in time.
 */
export function withDeadline<T>(work: Promise<T>, ms: number): Promise<DeadlineResult<T>> {
  if (ms <= 0) return Promise.resolve({ inTime: false });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve({ inTime: false }), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve({ inTime: true, value });
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

export interface Deferred<T> {
  promise: Promise<T>;
  resolve(v: T): void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
