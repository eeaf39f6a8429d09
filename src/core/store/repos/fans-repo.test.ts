import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../../test/helpers/temp-dir';
import { MIGRATIONS } from '../migrations';
import { openDatabase } from '../open-database';
import { FansRepo, type FanInfo } from './fans-repo';
import type { FanFilter } from './fan-query';

const T0 = Date.UTC(2026, 0, 5);

function open(n = 3_000) {
  const db = openDatabase(path.join(tempDir(), 'db.sqlite'), MIGRATIONS);
  db.prepare(
    "INSERT INTO accounts (id, name, app_id, mode, callback_slug, created_at, updated_at) VALUES (?, 'a', 'wx', 'plain', ?, 0, 0)",
  ).run('a', 'a');
  db.prepare(
    "INSERT INTO accounts (id, name, app_id, mode, callback_slug, created_at, updated_at) VALUES (?, 'b', 'wx', 'plain', ?, 0, 0)",
  ).run('b', 'b');
  const repo = new FansRepo(db);
  const infos: FanInfo[] = Array.from({ length: n }, (_, i) => ({
    openid: `oFan${String(i).padStart(5, '0')}_${i % 7 === 0 ? 'Xyz' : 'abc'}`,
    subscribed: true,
    subscribeTime: T0 + (i % 500) * 60_000,
    remark: i % 100 === 1 ? `王老板${i} VIP` : i === 7 ? '100%_"引号"' : '',
    tagIds: i % 3 === 0 ? [100] : i % 3 === 1 ? [2, 101] : [],
    language: 'zh_CN',
  }));
  db.transaction(() => repo.applyInfos('a', infos, T0))();
  // A tenth unfollow later (user/info then says subscribe 0; what the store knew stays).
  const gone = infos.filter((_, i) => i % 10 === 9).map((f) => ({ openid: f.openid, subscribed: false }));
  repo.applyInfos('a', gone, T0 + 1);
  repo.applyInfos('b', [{ openid: 'oFan00001_abc', subscribed: true, remark: '王老板 other account' }], T0);
  return { db, repo, infos };
}

/** Every page of the filter, through the cursor. */
function walk(repo: FansRepo, f: FanFilter, limit = 97) {
  const out: string[] = [];
  let cursor: string | undefined;
  do {
    const p = repo.list(f, limit, cursor);
    out.push(...p.items.map((x) => x.openid));
    cursor = p.nextCursor;
  } while (cursor);
  return out;
}

describe('fans store: search, filters, order, pages', () => {
  it('finds a fragment of an openid (FTS5 trigram) anywhere in it, case-blind, within the account', () => {
    const { repo } = open();
    const hit = repo.list({ accountId: 'a', query: '01234' }, 10);
    expect(hit.items.map((f) => f.openid)).toEqual(['oFan01234_abc']);
    expect(hit.total).toBe(1);
    expect(repo.list({ accountId: 'a', query: 'xYZ' }, 1).total).toBe(Math.ceil(3_000 / 7));
    expect(repo.list({ accountId: 'b', query: 'Fan0000' }, 10).total).toBe(1);
  });

  it('finds remarks by fragments of any length: 3+ through the index, 1 and 2 characters by LIKE', () => {
    const { repo } = open();
    expect(repo.list({ accountId: 'a', query: '王老板' }, 100).total).toBe(30);
    expect(repo.list({ accountId: 'a', query: '老板' }, 100).total).toBe(30);
    expect(repo.list({ accountId: 'a', query: '王' }, 100).total).toBe(30);
    expect(repo.list({ accountId: 'a', query: 'vip' }, 100).total).toBe(30);
    expect(repo.list({ accountId: 'a', query: '王老板1501 VIP' }, 100).items.map((f) => f.remark)).toEqual([
      '王老板1501 VIP',
    ]);
  });

  it('takes quotes, % and _ literally', () => {
    const { repo } = open();
    expect(repo.list({ accountId: 'a', query: '"引号"' }, 10).total).toBe(1);
    expect(repo.list({ accountId: 'a', query: '%_' }, 10).total).toBe(1);
    expect(repo.list({ accountId: 'a', query: '%' }, 10).total).toBe(1);
    expect(repo.list({ accountId: 'a', query: '_' }, 10).total).toBe(3_000); // every openid has one
    expect(repo.list({ accountId: 'a', query: '"' }, 10).total).toBe(1);
    expect(repo.list({ accountId: 'a', query: 'nothing like it' }, 10)).toEqual({ items: [], total: 0 });
  });

  it('filters by tag, follow and blacklist; counts agree with the pages', () => {
    const { repo } = open();
    const tagged = walk(repo, { accountId: 'a', tagId: 100 });
    expect(tagged).toHaveLength(1_000);
    expect(repo.list({ accountId: 'a', tagId: 2, subscribed: true }, 1).total).toBe(900);
    expect(walk(repo, { accountId: 'a', subscribed: false })).toHaveLength(300);
    repo.setBlacklisted('a', ['oFan00003_abc', 'oFan00004_abc'], true);
    expect(
      repo
        .list({ accountId: 'a', blacklisted: true }, 10)
        .items.map((f) => f.openid)
        .sort(),
    ).toEqual(['oFan00003_abc', 'oFan00004_abc']);
    repo.setTagged('a', ['oFan00003_abc'], 100, false);
    expect(repo.get('a', 'oFan00003_abc')!.tagIds).toEqual([]);
    expect(repo.list({ accountId: 'a', tagId: 100 }, 1).total).toBe(999);
  });

  it('pages by cursor in order (newest follow first, or oldest), every fan once, ties broken by id', () => {
    const { repo } = open();
    const desc = walk(repo, { accountId: 'a' });
    expect(desc).toHaveLength(3_000);
    expect(new Set(desc).size).toBe(3_000);
    const asc = walk(repo, { accountId: 'a', order: 'asc' });
    expect(asc).toEqual([...desc].reverse());
    // A missing time is NaN, which no comparison passes.
    const times = repo.list({ accountId: 'a' }, 5).items.map((f) => f.subscribeTime ?? NaN);
    for (const [i, later] of times.slice(1).entries()) expect(times[i]).toBeGreaterThanOrEqual(later);
  });

  it('a sparse filter (its ids first) and a loose one (walk the index) give the same pages', () => {
    const { repo } = open();
    for (const f of [
      { accountId: 'a', query: '王' },
      { accountId: 'a', subscribed: false },
      { accountId: 'a', tagId: 101 },
    ]) {
      const total = repo.count(f);
      const ids = repo.sparseIds(f);
      expect(ids).toHaveLength(total);
      const pages = (sparse: boolean) => {
        const out: string[] = [];
        let cursor: string | undefined;
        do {
          const p = repo.page(f, 50, cursor, sparse ? ids : null);
          out.push(...p.items.map((x) => x.openid));
          cursor = p.nextCursor;
        } while (cursor);
        return out;
      };
      expect(pages(true)).toEqual(pages(false));
      expect(pages(true)).toHaveLength(total);
    }
  });

  it('a remark change and an OAuth nickname are searchable at once; a deleted tag leaves its fans', () => {
    const { repo } = open();
    repo.setRemark('a', 'oFan00002_abc', '小雨🌸');
    expect(repo.list({ accountId: 'a', query: '小雨🌸' }, 5).items.map((f) => f.openid)).toEqual([
      'oFan00002_abc',
    ]);
    expect(repo.list({ accountId: 'a', query: '🌸' }, 5).total).toBe(1);
    repo.profile('a', { openid: 'oFan00005_abc', nickname: 'Alice 🐱', headimgurl: 'https://x/y.png' }, T0);
    expect(repo.list({ accountId: 'a', query: 'alice' }, 5).items[0]).toMatchObject({
      openid: 'oFan00005_abc',
      nickname: 'Alice 🐱',
    });
    repo.replaceTagDefs('a', [
      { id: 2, name: '星标组' },
      { id: 100, name: 'VIP' },
    ]);
    expect(repo.tags('a')).toEqual([
      { id: 2, name: '星标组', count: 1_000, system: true },
      { id: 100, name: 'VIP', count: 1_000, system: false },
    ]);
    repo.deleteTagDef('a', 100);
    expect(repo.list({ accountId: 'a', tagId: 100 }, 1).total).toBe(0);
    expect(repo.get('a', 'oFan00000_Xyz')!.tagIds).toEqual([]);
  });

  it('keeps the full-text index whole through inserts, edits, profiles and an account deleted', () => {
    const { db, repo } = open(500);
    repo.setRemark('a', 'oFan00003_abc', '新备注');
    repo.profile('a', { openid: 'oFan00004_abc', nickname: '昵称' }, T0);
    repo.profile('a', { openid: 'oNewFromOauth_0001', nickname: '新来的' }, T0);
    repo.applyInfos('a', [{ openid: 'oFan00003_abc', subscribed: true, remark: '又改了' }], T0);
    expect(repo.list({ accountId: 'a', query: '新来的' }, 5).total).toBe(1);
    expect(repo.list({ accountId: 'a', query: '又改了' }, 5).total).toBe(1);
    expect(repo.list({ accountId: 'a', query: '新备注' }, 5).total).toBe(0);
    db.exec("INSERT INTO fans_fts (fans_fts) VALUES ('integrity-check')");
    db.prepare('DELETE FROM accounts WHERE id = ?').run('a');
    db.exec("INSERT INTO fans_fts (fans_fts) VALUES ('integrity-check')");
    expect(repo.list({ accountId: 'b', query: 'Fan0000' }, 10).total).toBe(1);
    expect(db.prepare('SELECT count(*) FROM fan_tags').pluck().get()).toBe(0);
  });

  it('refuses a cursor it did not make', () => {
    const { repo } = open(10);
    expect(() => repo.list({ accountId: 'a' }, 5, 'nope')).toThrow(/cursor/);
  });
});
