import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALLBACKS_TOTAL_CAP, type CallbacksListInput } from '../../src/shared/api/areas/callbacks';
import { MIGRATIONS } from '../../src/core/store/migrations';
import { openDatabase } from '../../src/core/store/open-database';
import { CallbackLogRepo } from '../../src/core/store/repos/callback-log-repo';
import { listInSlices, MAX_WINDOW } from '../../src/core/store/repos/callback-search';
import { record } from '../helpers/callback-records';
import { seedCallbacks } from '../helpers/seed-callbacks';
import { adjacentPairs, firstOf, lastOf } from '../helpers/indexed';

const ENTRIES = 30_000;
const ACCOUNT = { id: 'acc_bench', callbackSlug: 'bench' };

let dir: string;
let db: Database.Database;
let repo: CallbackLogRepo;
let last: number;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpdesk-cbsearch-'));
  ({ last } = seedCallbacks(dir, { count: ENTRIES, account: ACCOUNT, newestAt: 1_800_000_000_000 }));
  db = openDatabase(path.join(dir, 'mpdesk.sqlite'), MIGRATIONS);
  repo = new CallbackLogRepo(db);
}, 120_000);

afterAll(() => {
  db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Every page of `q` through `list`, following the cursors. */
async function pages(list: (q: CallbacksListInput) => unknown, q: CallbacksListInput) {
  const out = [];
  let cursor: string | undefined;
  do {
    const page = (await list({ ...q, cursor })) as { nextCursor?: string };
    out.push(page);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

describe('callbacks.list with free text: walked in slices, the same pages as one piece', () => {
  const searches: [string, CallbacksListInput][] = [
    ['every row (a total of the whole log)', { search: '<xml>' }],
    ['a common word', { search: 'CLICK' }],
    ['one fan (about 1 row in 500)', { search: 'oBench0007xYz' }],
    ['nothing matches', { search: 'no-such-text-anywhere' }],
    ['LIKE wildcards taken literally', { search: '%_' }],
    ['with an index-served filter', { search: 'oBench00', errorsOnly: true }],
    ['with an event', { search: 'xYz', event: 'SCAN' }],
    ['with a time range', { search: 'xYz', since: 1_800_000_000_000 - 200_000 }],
  ];

  it.each(searches)('%s: items, cursors and total match the one-piece read', async (_name, q) => {
    const first = { ...q, limit: 50, withTotal: true };
    expect(await listInSlices(repo, first)).toEqual(repo.list(first));
    const sliced = await pages((p) => listInSlices(repo, p), { ...q, limit: 700 });
    const whole = await pages((p) => repo.list(p), { ...q, limit: 700 });
    expect(sliced).toEqual(whole);
  });

  it('afterId: only newer rows, and the walk reads no window below it', async () => {
    const afterId = last - 3_000;
    const windows: number[] = [];
    const reader = {
      idSpan: () => repo.idSpan(),
      countWindow: repo.countWindow.bind(repo),
      listWindow: (q: CallbacksListInput, above: number, below: number, limit: number) => {
        windows.push(above);
        return repo.listWindow(q, above, below, limit);
      },
    };
    for (const search of ['xYz', 'no-such-text-anywhere']) {
      windows.length = 0;
      const q = { search, afterId, limit: 5_000, withTotal: true };
      const page = await listInSlices(reader, q);
      expect(page).toEqual(repo.list(q));
      expect(page.items.every((e) => e.id > afterId)).toBe(true);
      expect(Math.min(...windows)).toBe(afterId);
    }
    // Without free text it is one indexed read, the same rule.
    const plain = repo.list({ afterId, limit: 5_000, withTotal: true });
    expect(plain.total).toBe(3_000);
    expect(plain.items.map((e) => e.id)).toEqual(Array.from({ length: 3_000 }, (_, i) => last - i));
  });

  it('a cursor above the newest row, or past the oldest, reads like the one-piece query', async () => {
    for (const cursor of [String(last + 1_000), '1', '0']) {
      const q = { search: 'xYz', limit: 20, cursor };
      expect(await listInSlices(repo, q)).toEqual(repo.list(q));
    }
  });

  it('lets the event loop run between windows of at most MAX_WINDOW ids', async () => {
    let turns = 0;
    let running = true;
    const tick = () => {
      turns++;
      if (running) setImmediate(tick);
    };
    setImmediate(tick);
    const windows: { above: number; below: number; turns: number }[] = [];
    const reader = {
      idSpan: () => repo.idSpan(),
      countWindow: repo.countWindow.bind(repo),
      listWindow: (q: CallbacksListInput, above: number, below: number, limit: number) => {
        windows.push({ above, below, turns });
        return repo.listWindow(q, above, below, limit);
      },
    };
    const page = await listInSlices(reader, { search: 'no-such-text-anywhere', withTotal: true });
    running = false;
    expect(page).toEqual({ items: [], nextCursor: undefined, total: 0 });
    expect(windows.length).toBeGreaterThanOrEqual(Math.ceil(ENTRIES / MAX_WINDOW));
    for (const w of windows) expect(w.below - w.above - 1).toBeLessThanOrEqual(MAX_WINDOW);
    // Contiguous, newest first, and the loop turned in between.
    for (const [before, w] of adjacentPairs(windows)) {
      expect(w.below).toBe(before.above + 1);
      expect(w.turns).toBeGreaterThan(before.turns);
    }
    expect(firstOf(windows).below).toBe(last + 1);
    expect(lastOf(windows).above).toBe(0);
  });
});

describe('callbacks.list with free text: edges', () => {
  it('an empty log answers an empty page, counted', async () => {
    const d = openDatabase(
      path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mpdesk-cbsearch-')), 'db.sqlite'),
      MIGRATIONS,
    );
    const empty = new CallbackLogRepo(d);
    const q = { search: 'x', withTotal: true };
    expect(await listInSlices(empty, q)).toEqual({ items: [], nextCursor: undefined, total: 0 });
    expect(empty.list(q)).toEqual({ items: [], nextCursor: undefined, total: 0 });
    d.close();
  });

  it('counts up to the cap like the one-piece read, on a log purged below its first ids', async () => {
    const d = openDatabase(
      path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mpdesk-cbsearch-')), 'db.sqlite'),
      MIGRATIONS,
    );
    const big = new CallbackLogRepo(d);
    d.transaction(() => {
      for (let i = 0; i < CALLBACKS_TOTAL_CAP + 60; i++) big.insert(record(big.allocateId()));
    })();
    // Retention: the oldest rows are gone, so the ids no longer start at 1.
    d.prepare('DELETE FROM callback_log WHERE id <= 40').run();
    for (const search of ['hello', 'hi back']) {
      const q = { search, limit: 10, withTotal: true };
      const sliced = await listInSlices(big, q);
      expect(sliced).toEqual(big.list(q));
      expect(sliced).toMatchObject({ total: CALLBACKS_TOTAL_CAP, totalCapped: true });
    }
    const few = { search: 'hello', limit: 10, withTotal: true, until: 1000 + 80 };
    expect(await listInSlices(big, few)).toEqual(big.list(few));
    expect((await listInSlices(big, few)).total).toBe(40);
    d.close();
  }, 60_000);
});
