import crypto from 'node:crypto';
import type http from 'node:http';
import type { CallbackSource } from '../../shared/api/areas/callbacks';
import { randomAlnum, type Random } from '../runtime';

export const SOURCE_HEADER = 'x-mpdesk-source';
export const SOURCE_KEY_HEADER = 'x-mpdesk-source-key';
/** The setup doctor's probes carry a single-use ticket instead of the key (see `probeHeaders`). */
export const PROBE_HEADER = 'x-mpdesk-probe';
/** How long a probe's ticket waits for its request; the doctor's deadline is WeChat's 5 s. */
const PROBE_TICKET_MS = 30_000;

/**
 * Which requests are MPDesk's own (the simulator, replays, a sandbox ticket push). They carry
 * `x-mpdesk-source` and this process's random key; a request without the key is WeChat's (or a
 * stranger's) whatever its source header says, so nobody on the network can dress traffic up as
 * a simulation or tie it to an old exchange. The key is made per start, sent only to our own
 * listener (directly or through our tunnel), and masked in the log (request-facts.ts).
 */
export class SourceKey {
  private readonly key: Buffer;
  /** Probe tickets not used yet, with when each expires. */
  private readonly probes = new Map<string, number>();

  constructor(
    private readonly random: Random,
    private readonly now: () => number = Date.now,
  ) {
    this.key = Buffer.from(randomAlnum(random, 32));
  }

  /**
   * Headers for one probe of the setup doctor. The doctor probes public URLs that may not be ours
   * (a wrong external URL), so it never sends the key: each probe gets a ticket good for one request,
   * which is worthless to whoever sees it afterwards.
   */
  probeHeaders(): Record<string, string> {
    const at = this.now();
    for (const [t, until] of this.probes) if (until < at) this.probes.delete(t);
    const ticket = randomAlnum(this.random, 24);
    this.probes.set(ticket, at + PROBE_TICKET_MS);
    return { [PROBE_HEADER]: ticket };
  }

  /** The headers that mark a request MPDesk sends as `source`. */
  headers(source: 'simulator' | 'replay'): Record<string, string> {
    return { [SOURCE_HEADER]: source, [SOURCE_KEY_HEADER]: this.key.toString() };
  }

  /** The source a request may claim: its header's, when it carries the key; otherwise 'wechat'. */
  sourceOf(headers: http.IncomingHttpHeaders): Exclude<CallbackSource, 'other' | 'web'> {
    const probe = headers[PROBE_HEADER];
    if (typeof probe === 'string' && this.probes.has(probe)) {
      const until = this.probes.get(probe)!;
      this.probes.delete(probe);
      return until >= this.now() ? 'doctor' : 'wechat';
    }
    const given = headers[SOURCE_KEY_HEADER];
    if (typeof given !== 'string' || given.length !== this.key.length) return 'wechat';
    if (!crypto.timingSafeEqual(Buffer.from(given), this.key)) return 'wechat';
    const s = headers[SOURCE_HEADER];
    return s === 'simulator' || s === 'replay' ? s : 'wechat';
  }
}
