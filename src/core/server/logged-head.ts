import type { ServerResponse } from 'node:http';

/**
 * Writes the status and headers of an answer the log holds, with its length and log id. The
 * headers go to Node as a flat [name, value, ...] array: Node then skips the per-header validation
 * and the object walk it does for a headers object, ~3 % of a plain-mode request's throughput
 * (bench/callback.bench.ts generator, alternating A/B slices of the built core). That is safe only
 * because every name and value here is ours (content types, `allow`, numbers), never a request's.
 */
export function writeLoggedHead(
  res: ServerResponse,
  status: number,
  headers: Readonly<Record<string, string>>,
  length: number,
  logId: number,
): void {
  const flat = ['content-length', String(length), 'x-mpdesk-log-id', String(logId)];
  for (const name in headers) flat.push(name, headers[name]);
  res.writeHead(status, flat);
}
