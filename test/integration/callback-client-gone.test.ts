import net from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CallbackEntryDto, CallbackSummaryDto } from '../../src/shared/api/areas/callbacks';
import { startHarness, text, type Harness } from '../helpers/callback-harness';
import { firstOf, itemAt } from '../helpers/indexed';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
  vi.restoreAllMocks();
});

/** Sends the head and part of the body it announces, then drops the connection. */
function abortMidBody(base: string, path: string, declared: number, sent: string): Promise<void> {
  const u = new URL(base);
  return new Promise((resolve) => {
    const s = net.connect(Number(u.port), u.hostname, () => {
      s.write(
        `POST ${path} HTTP/1.1\r\nHost: ${u.host}\r\nContent-Type: text/xml\r\nContent-Length: ${declared}\r\n\r\n${sent}`,
        () => setImmediate(() => s.destroy()),
      );
    });
    s.on('close', () => resolve());
    s.on('error', () => undefined);
  });
}

/** Resolves once the log holds `n` rows matching `pred`. */
async function rows(h: Harness, n: number, pred: (e: CallbackSummaryDto) => boolean) {
  for (;;) {
    const page = await h.call<{ items: CallbackSummaryDto[] }>('callbacks.list', { limit: 200 });
    const hits = page.items.filter(pred);
    if (hits.length >= n) return hits;
    await new Promise<void>((resolve) => {
      const off = h.core.events.subscribe((e) => {
        if (e.name === 'callbacks.logged') {
          off();
          resolve();
        }
      });
    });
  }
}

describe('a client that goes away mid-request (issue 18, item 7)', () => {
  it('is one counted console line and a row that says so, never a stack or a 500 internal_error', async () => {
    h = await startHarness();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const warns = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const good = h.build(text('hello'));
    const paths = [`/wx/acct${good.search}`, '/wx/nobody', '/component/nope/events', '/elsewhere'];
    for (let i = 0; i < 40; i++)
      await abortMidBody(h.base, itemAt(paths, i % paths.length), 5000, '<xml><To');
    const gone = await rows(h, 40, (e) => e.reason === 'client_gone');
    expect(gone).toHaveLength(40);
    for (const e of gone) {
      expect(e.status).toBe(499);
      expect(e.outcome).toBe('rejected');
    }
    const entry = await h.call<CallbackEntryDto>('callbacks.get', { id: firstOf(gone).id });
    expect(entry.detail).toMatch(/went away after 8 of 5000 bytes/);
    const all = await h.call<{ items: CallbackSummaryDto[] }>('callbacks.list', { limit: 200 });
    expect(all.items.filter((e) => e.reason === 'internal_error')).toEqual([]);
    expect(errors).not.toHaveBeenCalled();
    // One line per kind and part at most (listener, pipeline, component route); the rest are counted.
    const lines = warns.mock.calls.map((c) => String(c[0]));
    expect(lines.length).toBeLessThanOrEqual(3);
    for (const l of lines) expect(l).toContain('went away');
    // The listener still serves.
    expect((await h.send(text('after'))).status).toBe(200);
  });
});
