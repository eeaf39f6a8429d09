import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callbacksListSchema,
  type CallbacksListInput,
  type CallbackSummaryDto,
} from '../../src/shared/api/areas/callbacks';
import { MIGRATIONS } from '../../src/core/store/migrations';
import { openDatabase } from '../../src/core/store/open-database';
import { CallbackLogRepo, type CallbackLogRecord } from '../../src/core/store/repos/callback-log-repo';
import { NOT_A_MESSAGE, seedCallbacks } from '../helpers/seed-callbacks';
import { adjacentPairs, firstOf } from '../helpers/indexed';

const ENTRIES = 30_000;
const ACCOUNT = { id: 'acc_bench', callbackSlug: 'bench' };

let dir: string;
let db: Database.Database;
let repo: CallbackLogRepo;
/** Every row, newest first, read once through keyset pages: the reference the filters are checked against. */
let all: CallbackSummaryDto[];

/** A server (URL) verification GET, which the seed does not make. */
function verificationGet(repo: CallbackLogRepo, at: number, accountId: string | null): void {
  const id = repo.allocateId();
  const rec: CallbackLogRecord = {
    id,
    exchangeId: null,
    delivery: 1,
    accountId,
    slug: accountId ? 'bench' : null,
    at,
    source: 'wechat',
    method: 'GET',
    path: '/wx/bench',
    query: JSON.stringify({ signature: 'x', timestamp: '1', nonce: '2', echostr: 'e' }),
    headers: '{}',
    rawBody: Buffer.alloc(0),
    decryptedXml: null,
    ...NOT_A_MESSAGE,
    replyBody: Buffer.from('e'),
    status: 200,
    outcome: 'ok',
    reason: 'verified',
    detail: null,
    upstream: null,
    timings: '{}',
    totalMs: 0.1,
  };
  repo.insert(rec);
}

function pageAll(q: Omit<CallbacksListInput, 'cursor'>, limit = 700): CallbackSummaryDto[] {
  const out: CallbackSummaryDto[] = [];
  let cursor: string | undefined;
  do {
    const page = repo.list({ ...q, limit, cursor });
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

const isError = (e: CallbackSummaryDto) =>
  e.outcome === 'rejected' || e.outcome === 'error' || e.status >= 400;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpdesk-cblist-'));
  const { last } = seedCallbacks(dir, { count: ENTRIES, account: ACCOUNT, newestAt: 1_800_000_000_000 });
  db = openDatabase(path.join(dir, 'mpdesk.sqlite'), MIGRATIONS);
  repo = new CallbackLogRepo(db);
  // A few verifications among the seeded traffic, one for an unknown account.
  db.transaction(() => {
    for (let i = 0; i < 25; i++) verificationGet(repo, 1_800_000_000_000 + i, i === 0 ? null : ACCOUNT.id);
  })();
  all = pageAll({}, 1000);
  expect(firstOf(all).id).toBe(last + 25);
}, 120_000);

afterAll(() => {
  db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('callbacks.list: server-side filters, keyset pages and totals over real SQLite', () => {
  it('pages the whole log newest first by id, without gaps or repeats, and counts it', () => {
    expect(all).toHaveLength(ENTRIES + 25);
    for (const [newer, older] of adjacentPairs(all)) expect(older.id).toBe(newer.id - 1);
    const first = repo.list({ limit: 50, withTotal: true });
    expect(first.total).toBe(ENTRIES + 25);
    expect(first.totalCapped).toBeUndefined();
    // `total` belongs to the first page; later pages do not pay for it.
    expect(repo.list({ limit: 50, cursor: first.nextCursor, withTotal: true }).total).toBeUndefined();
    // Rows stay slim: summary columns only, the bodies come from callbacks.get.
    expect(Object.keys(firstOf(first.items)).sort()).toEqual(
      [
        'accountId',
        'at',
        'dedupe',
        'delivery',
        'event',
        'exchangeId',
        'id',
        'matched',
        'method',
        'msgType',
        'openid',
        'outcome',
        'path',
        'preview',
        'reason',
        'slug',
        'source',
        'status',
        'totalMs',
      ].sort(),
    );
  });

  const cases: {
    name: string;
    q: Omit<CallbacksListInput, 'cursor'>;
    keep: (e: CallbackSummaryDto) => boolean;
    index: string;
  }[] = [
    {
      name: 'one event, case-insensitive',
      q: { event: 'click' },
      keep: (e) => e.msgType === 'event' && e.event === 'CLICK',
      index: 'callback_log_event',
    },
    {
      name: 'a message type',
      q: { msgType: 'image' },
      keep: (e) => e.msgType === 'image',
      index: 'COVERING INDEX callback_log_summary',
    },
    {
      name: 'one account (the summary index, walked newest first)',
      q: { accountId: ACCOUNT.id },
      keep: (e) => e.accountId === ACCOUNT.id,
      index: 'COVERING INDEX callback_log_summary',
    },
    {
      name: 'a message type of one account',
      q: { msgType: 'text', accountId: ACCOUNT.id },
      keep: (e) => e.msgType === 'text' && e.accountId === ACCOUNT.id,
      index: 'COVERING INDEX callback_log_summary',
    },
    { name: 'errors only', q: { errorsOnly: true }, keep: isError, index: 'callback_log_errors' },
    {
      name: 'retried',
      q: { retried: true },
      keep: (e) => e.delivery > 1 || e.dedupe === 'retry',
      index: 'callback_log_retried',
    },
    {
      name: 'URL verification',
      q: { verification: true },
      keep: (e) => e.method === 'GET' && e.msgType === null,
      index: 'callback_log_verification',
    },
    {
      name: 'errors of one account (the account index must not win)',
      q: { errorsOnly: true, accountId: ACCOUNT.id },
      keep: (e) => isError(e) && e.accountId === ACCOUNT.id,
      index: 'callback_log_errors',
    },
    {
      name: 'an event of one account',
      q: { event: 'SCAN', accountId: ACCOUNT.id },
      keep: (e) => e.event === 'SCAN' && e.accountId === ACCOUNT.id,
      index: 'callback_log_event',
    },
    {
      name: 'an outcome (no index of its own: the narrow summary index, not the table)',
      q: { outcome: 'late' },
      keep: (e) => e.outcome === 'late',
      index: 'COVERING INDEX callback_log_summary',
    },
    {
      name: 'an OpenID',
      q: { openid: 'oBench0007xYz' },
      keep: (e) => e.openid === 'oBench0007xYz',
      index: 'COVERING INDEX callback_log_summary',
    },
  ];

  it.each(cases)('$name: every match, in order, counted, through its index', ({ q, keep, index }) => {
    const want = all.filter(keep).map((e) => e.id);
    expect(want.length).toBeGreaterThan(0);
    expect(pageAll(q, 300).map((e) => e.id)).toEqual(want);
    expect(repo.list({ ...q, limit: 10, withTotal: true }).total).toBe(want.length);
    for (const plan of [repo.explainList(q), repo.explainList({ ...q, cursor: String(want[0]) })]) {
      const text = plan.join('\n');
      expect(text).toContain(index);
      // Newest first comes from the index order, never from sorting the matches.
      expect(text).not.toContain('TEMP B-TREE');
    }
  });

  it('pages without filters walk the primary key range or the summary index, never the wide rows', () => {
    expect(repo.explainList({}).join('\n')).toContain('COVERING INDEX callback_log_summary');
    expect(repo.explainList({ cursor: '1000' }).join('\n')).toMatch(
      /COVERING INDEX callback_log_summary \(id<\?\)/,
    );
  });

  it('a first page of a filter answers fast on tens of thousands of rows', () => {
    for (const { q } of cases) {
      const t = performance.now();
      repo.list({ ...q, limit: 100, withTotal: true });
      // Generous for a shared CI machine; the point is "an index", not a scan of the wide rows.
      expect(performance.now() - t).toBeLessThan(250);
    }
  });

  it('an event with a different msgType matches nothing; the schema accepts the new fields', () => {
    expect(repo.list({ event: 'CLICK', msgType: 'text' }).items).toEqual([]);
    expect(
      callbacksListSchema.parse({
        event: 'CLICK',
        errorsOnly: true,
        retried: false,
        verification: true,
        withTotal: true,
      }),
    ).toMatchObject({ event: 'CLICK', errorsOnly: true });
    expect(() => callbacksListSchema.parse({ errorsOnly: 'yes' })).toThrow();
  });
});
