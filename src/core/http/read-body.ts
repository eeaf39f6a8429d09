import type http from 'node:http';

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body exceeds ${limit} bytes`);
  }
}

/**
 * The client closed the connection (or Node timed it out) before its body had arrived. Not a fault
 * of ours: callers log it as one counted line and a row that says so, never as an internal error.
 */
export class ClientGoneError extends Error {
  constructor(
    readonly received: number,
    readonly declared: number | undefined,
  ) {
    super(
      `the client went away after ${received}${declared === undefined ? '' : ` of ${declared}`} bytes of the body`,
    );
  }
}

/**
 * Reads a request body up to `limit` bytes. Past the limit it stops buffering, drains the rest (so
 * the caller can still answer 413 on the same connection) and rejects with BodyTooLargeError. A
 * connection that closes first rejects with ClientGoneError (the promise never hangs on it). With
 * `keep`, only the first `keep` bytes are held and returned (what is not WeChat's is logged as a
 * bounded prefix); the rest is read and dropped, still counted against `limit`.
 */
export function readBody(req: http.IncomingMessage, limit: number, keep = limit): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      req.resume();
      reject(new BodyTooLargeError(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let held = 0;
    let over = false;
    let ended = false;
    const gone = () => {
      if (!ended && !over)
        reject(new ClientGoneError(size, Number.isFinite(declared) ? declared : undefined));
      ended = true;
    };
    req.on('data', (c: Buffer) => {
      if (over) return;
      size += c.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        reject(new BodyTooLargeError(limit));
        return;
      }
      if (held >= keep) return;
      const part = held + c.length > keep ? c.subarray(0, keep - held) : c;
      chunks.push(part);
      held += part.length;
    });
    req.on('end', () => {
      if (!over && !ended) resolve(Buffer.concat(chunks, held));
      ended = true;
    });
    req.on('error', gone);
    req.on('close', gone);
  });
}
