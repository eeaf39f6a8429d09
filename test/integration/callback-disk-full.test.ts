import { afterEach, describe, expect, it } from 'vitest';
import type { AppStatus } from '../../src/shared/api/areas/app';
import type { CallbackEntryDto } from '../../src/shared/api/areas/callbacks';
import { startHarness, text, type Harness } from '../helpers/callback-harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

/** The database cannot grow past its current size: SQLite answers SQLITE_FULL, as on a full disk. */
function fillDisk(h: Harness): void {
  // No free pages left for the inserts to reuse (migrations drop indexes).
  h.core.db.exec('VACUUM');
  h.core.db.pragma(`max_page_count = ${h.core.db.pragma('page_count', { simple: true }) as number}`);
}
function freeDisk(h: Harness): void {
  h.core.db.pragma('max_page_count = 1073741823');
}
const rows = (h: Harness) =>
  (h.core.db.prepare('SELECT count(*) AS n FROM callback_log').get() as { n: number }).n;
const failures = (h: Harness) =>
  h.events.filter((e) => e.name === 'app.changed').map((e) => (e.payload as AppStatus).callbackLogFailure);

describe('a full disk under the callback listener', () => {
  it('answers 500 (never a 200 it did not log), says so in app.status, and the retry after space is freed runs the rules', async () => {
    h = await startHarness({ mode: 'plain' });
    await h.call('rules.save', {
      accountId: h.account.id,
      name: 'greeting',
      trigger: { kind: 'keyword', match: 'contains', pattern: '营业' },
      replies: [{ type: 'text', content: '每天 9:00-18:00' }],
    });
    // A long message needs new pages whatever room the last one has.
    const m = h.build(text(`请问营业时间？${'详细说明'.repeat(3000)}`));
    const before = rows(h);
    fillDisk(h);

    const first = await h.raw('POST', `/wx/acct${m.search}`, m.body);
    expect(first.status).toBe(500);
    expect(first.body).toBe('could not record the request\n');
    expect(rows(h)).toBe(before);
    const status = await h.call<AppStatus>('app.status');
    expect(status.callbackLogFailure).toMatchObject({ cause: 'disk_full', refused: 1 });
    expect(status.callbackLogFailure!.detail).toMatch(/^SQLITE_FULL: /);
    expect(failures(h).at(-1)).toMatchObject({ cause: 'disk_full', refused: 1 });

    // WeChat's second delivery fails the same way; the count grows.
    const second = await h.raw('POST', `/wx/acct${m.search}`, m.body);
    expect(second.status).toBe(500);
    expect((await h.call<AppStatus>('app.status')).callbackLogFailure).toMatchObject({ refused: 2 });

    // Space is freed before the third delivery: it is the message's first logged delivery, and
    // the rules run for it (the refused ones left no claim behind).
    freeDisk(h);
    const third = await h.raw('POST', `/wx/acct${m.search}`, m.body);
    expect(third.status).toBe(200);
    expect(h.read(third.body)).toMatchObject({ fields: { Content: '每天 9:00-18:00' } });
    expect(await h.call<CallbackEntryDto>('callbacks.get', { id: third.logId })).toMatchObject({
      dedupe: 'first',
      delivery: 1,
      reason: 'replied',
    });
    expect(rows(h)).toBe(before + 1);
    expect((await h.call<AppStatus>('app.status')).callbackLogFailure).toBeNull();
    expect(failures(h).at(-1)).toBeNull();
  });

  it('a refused flood is told at most once a second, and its last count still arrives', async () => {
    h = await startHarness({ mode: 'plain' });
    fillDisk(h);
    const big = (i: number) => h!.build(text(`${i}${'x'.repeat(40000)}`));
    const sent = await Promise.all(
      Array.from({ length: 30 }, (_, i) => big(i)).map((m) => h!.raw('POST', `/wx/acct${m.search}`, m.body)),
    );
    expect(sent.every((r) => r.status === 500)).toBe(true);
    const told = failures(h);
    // The first failure at once; the rest of the burst within the same second waits.
    expect(told.length).toBeLessThanOrEqual(2);
    await new Promise((r) => setTimeout(r, 1100));
    expect(failures(h).at(-1)).toMatchObject({ cause: 'disk_full', refused: 30 });
  });
});
