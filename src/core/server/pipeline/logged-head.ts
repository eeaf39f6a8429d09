import type { ServerResponse } from 'node:http';
import type { Answer } from './answer';

/**
 * Writes the status and headers of an answer the log holds, with its length and log id. The
 * headers go to Node as a flat [name, value, ...] array: Node then skips the per-header validation
 * and the object walk it does for a headers object (bench/ab-cores.ts measured the gain). That is
 * safe only because every name and value here is ours (content types, `allow`, numbers), never a
 * request's.
 */
export function writeLoggedHead(
  res: ServerResponse,
  a: Pick<Answer, 'status' | 'type' | 'headers'>,
  length: number,
  logId: number,
): void {
  const flat = ['content-length', String(length), 'x-mpdesk-log-id', String(logId), 'content-type', a.type];
  const more = a.headers;
  if (more) {
    for (const name in more) {
      const value = more[name];
      if (value !== undefined) flat.push(name, value);
    }
  }
  res.writeHead(a.status, flat);
}
