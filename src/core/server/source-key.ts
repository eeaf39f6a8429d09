import crypto from 'node:crypto';
import type http from 'node:http';
import type { CallbackSource } from '../../shared/api/areas/callbacks';
import { randomAlnum, type Random } from '../runtime';

export const SOURCE_HEADER = 'x-mpdesk-source';
export const SOURCE_KEY_HEADER = 'x-mpdesk-source-key';

/**
 * Which requests are MPDesk's own (the simulator, replays, a sandbox ticket push). They carry
 * `x-mpdesk-source` and this process's random key; a request without the key is WeChat's (or a
 * stranger's) whatever its source header says, so nobody on the network can dress traffic up as
 * a simulation or tie it to an old exchange. The key is made per start, sent only to our own
 * listener (directly or through our tunnel), and masked in the log (request-facts.ts).
 */
export class SourceKey {
  private readonly key: Buffer;

  constructor(random: Random) {
    this.key = Buffer.from(randomAlnum(random, 32));
  }

  /** The headers that mark a request MPDesk sends as `source`. */
  headers(source: 'simulator' | 'replay'): Record<string, string> {
    return { [SOURCE_HEADER]: source, [SOURCE_KEY_HEADER]: this.key.toString() };
  }

  /** The source a request may claim: its header's, when it carries the key; otherwise 'wechat'. */
  sourceOf(headers: http.IncomingHttpHeaders): Exclude<CallbackSource, 'other'> {
    const given = headers[SOURCE_KEY_HEADER];
    if (typeof given !== 'string' || given.length !== this.key.length) return 'wechat';
    if (!crypto.timingSafeEqual(Buffer.from(given), this.key)) return 'wechat';
    const s = headers[SOURCE_HEADER];
    return s === 'simulator' || s === 'replay' ? s : 'wechat';
  }
}
