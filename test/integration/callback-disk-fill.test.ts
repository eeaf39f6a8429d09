import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { systemRuntime } from '../../src/core/runtime';
import type { CallbackStorageDto, CallbackSummaryDto } from '../../src/shared/api/areas/callbacks';
import { startHarness, text, type Harness } from '../helpers/callback-harness';
import { tempDir } from '../helpers/temp-dir';
import { firstOf, itemAt } from '../helpers/indexed';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
  vi.restoreAllMocks();
});

const MiB = 1024 * 1024;

function dirBytes(dir: string): number {
  return fs.readdirSync(dir).reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0);
}

const rows = (h: Harness) =>
  h.core.db
    .prepare('SELECT id, reason, status, length(raw_body) AS body, detail FROM callback_log ORDER BY id')
    .all() as {
    id: number;
    reason: string;
    status: number;
    body: number;
    detail: string | null;
  }[];

/** Posts from one client address (a tunnel's X-Forwarded-For hop). */
const from = (addr: string) => ({ 'x-forwarded-for': addr, 'content-type': 'text/xml' });

describe('unauthenticated disk fill (issue 18, item 2)', () => {
  it('keeps only a 4 KiB prefix of bodies that are not WeChat’s', async () => {
    const dataDir = tempDir();
    h = await startHarness({ dataDir });
    const before = dirBytes(dataDir);
    const big = Buffer.alloc(MiB - 10, 'A');
    const good = h.build(text('x'));
    const bad = good.search.replace(/signature=[0-9a-f]{40}/, `signature=${'0'.repeat(40)}`);
    const targets = [`/wx/nobody${good.search}`, `/wx/acct${bad}`, '/elsewhere', '/component/nope/events'];
    // 80 distinct addresses, so none of them is rate-limited: this is the prefix alone.
    for (let i = 0; i < 80; i++) {
      const r = await h.raw('POST', itemAt(targets, i % targets.length), big, from(`198.51.100.${i}`));
      expect(r.status).toBeGreaterThanOrEqual(400);
    }
    const logged = rows(h);
    expect(logged).toHaveLength(80);
    for (const r of logged) {
      expect(r.body).toBeLessThanOrEqual(4096);
      expect(r.detail).toMatch(/kept the first 4096 of 1048566 bytes/);
    }
    // 80 MiB arrived; the folder grew by a small fraction of it.
    expect(dirBytes(dataDir) - before).toBeLessThan(8 * MiB);
    // A signed message is kept whole.
    const whole = await h.send(text('y'.repeat(100_000)));
    expect(whole.status).toBe(200);
    expect(rows(h).at(-1)!.body).toBeGreaterThan(100_000);
  });

  it('refuses an address that keeps failing with a cheap 429, never a signed message from it', async () => {
    let offset = 0;
    const runtime = { ...systemRuntime, clock: { now: () => Date.now() + offset } };
    h = await startHarness({ runtime, mode: 'safe' });
    const warns = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const m = h.build(text('x'));
    const forged = m.search.replace(/msg_signature=[0-9a-f]{40}/, `msg_signature=${'0'.repeat(40)}`);
    const statuses: number[] = [];
    for (let i = 0; i < 160; i++) {
      statuses.push((await h.raw('POST', `/wx/acct${forged}`, m.body, from('203.0.113.7'))).status);
      // WeChat's messages from the same address (a shared tunnel hop) keep getting through.
      if (i % 40 === 39) {
        const ok = h.build(text(`signed ${i}`));
        expect((await h.raw('POST', `/wx/acct${ok.search}`, ok.body, from('203.0.113.7'))).status).toBe(200);
      }
    }
    expect(statuses.slice(0, 100).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(100).every((s) => s === 429)).toBe(true);
    const logged = rows(h).filter((r) => r.status !== 200);
    expect(logged.filter((r) => r.reason === 'bad_signature')).toHaveLength(100);
    const limited = logged.filter((r) => r.reason === 'rate_limited');
    expect(limited).toHaveLength(1);
    expect(firstOf(limited).detail).toMatch(/203\.0\.113\.7 keeps sending requests that fail/);
    // Refusals are counted, not written one by one.
    expect(warns.mock.calls.filter((c) => String(c[0]).includes('rate-limited'))).toHaveLength(1);
    // Another address is not affected; the first one earns failures back with time.
    expect((await h.raw('POST', `/wx/acct${forged}`, m.body, from('203.0.113.8'))).status).toBe(401);
    offset += 30_000;
    expect((await h.raw('POST', `/wx/acct${forged}`, m.body, from('203.0.113.7'))).status).toBe(401);
    // A signed safe-mode message through the same limited address is still handled.
    for (let i = 0; i < 40; i++) await h.raw('POST', `/wx/nobody`, 'x', from('203.0.113.7'));
    const signed = h.build(text('still here'));
    expect((await h.raw('POST', `/wx/acct${signed.search}`, signed.body, from('203.0.113.7'))).status).toBe(
      200,
    );
  });

  it('caps the database: past callbackLogMaxMb the oldest records go first', async () => {
    h = await startHarness();
    const insert = h.core.db.prepare(
      `INSERT INTO callback_log (id, delivery, at, source, method, path, query, headers, raw_body, dedupe, reply_body, status, outcome, reason, timings, total_ms)
       VALUES (?, 1, ?, 'wechat', 'POST', '/wx/acct', '{}', '{}', ?, 'none', 0, 401, 'rejected', 'bad_signature', '{}', 0)`,
    );
    const blob = Buffer.alloc(64 * 1024, 'B');
    const first = 1_000_000;
    h.core.db.transaction(() => {
      for (let i = 0; i < 400; i++) insert.run(first + i, Date.now() - (400 - i) * 1000, blob);
    })();
    const stored = await h.call<CallbackStorageDto>('callbacks.storage');
    expect(stored.usedBytes).toBeGreaterThan(25 * MiB);
    expect(stored.limitBytes).toBe(1024 * MiB);
    const pruned = new Promise<CallbackStorageDto>((resolve) => {
      const off = h!.core.events.subscribe((e) => {
        if (e.name === 'callbacks.storage' && e.payload.prunedRows > 0) {
          off();
          resolve(e.payload);
        }
      });
    });
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await h.call('settings.update', { callbackLogMaxMb: 16 });
    const after = await pruned;
    expect(after.usedBytes).toBeLessThanOrEqual(16 * MiB);
    expect(after.limitBytes).toBe(16 * MiB);
    const left = h.core.db.prepare('SELECT min(id) AS lo, max(id) AS hi FROM callback_log').get() as {
      lo: number;
      hi: number;
    };
    expect(left.hi).toBe(first + 399); // the newest stay
    expect(left.lo).toBeGreaterThan(first + 100); // the oldest went
    expect(after.prunedRows).toBe(left.lo - first);
    // New requests keep being logged under the cap, which the recorder's bytes trigger as it grows.
    for (let i = 0; i < 12; i++) expect((await h.send(text('z'.repeat(900_000)))).status).toBe(200);
    const now = await h.call<CallbackStorageDto>('callbacks.storage');
    // Between two looks at the size the database grows by at most ~1 MiB and a row.
    expect(now.usedBytes).toBeLessThanOrEqual(18 * MiB);
    const list = await h.call<{ items: CallbackSummaryDto[] }>('callbacks.list', { limit: 1 });
    expect(firstOf(list.items).reason).toBe('acknowledged');
  });
});
