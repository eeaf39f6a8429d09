import { describe, expect, it } from 'vitest';
import type { FanDto, FanSyncStatusDto } from '../../src/shared/api/areas/fans';
import { call, callError, nextEvent, syncFans } from '../helpers/fans';
import { startCoreWithSandbox } from '../helpers/sandbox';
import type { TestCore } from '../helpers/test-core';
import { adjacentPairs, firstOf } from '../helpers/indexed';

/** Calls of one API in the API log: all, and those WeChat answered without an errcode. */
function calls(core: TestCore, path: string): { all: number; ok: number } {
  const row = core.db
    .prepare(
      `SELECT count(*) AS "all", count(*) FILTER (WHERE ifnull(errcode, 0) = 0 AND status = 200) AS ok
       FROM api_log WHERE path = ?`,
    )
    .get(path) as { all: number; ok: number };
  return row;
}
const BATCHGET = '/cgi-bin/user/info/batchget';
const USER_GET = '/cgi-bin/user/get';

async function allFans(core: TestCore, accountId: string, filter: Record<string, unknown> = {}) {
  const out: FanDto[] = [];
  let cursor: string | undefined;
  do {
    const page = await call(core, 'fans.list', {
      accountId,
      limit: 500,
      ...filter,
      ...(cursor ? { cursor } : {}),
    });
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

describe('fans.sync', () => {
  it('reads every fan into the store: user/get pages of 10 000, batchget of 100, tags, progress events', async () => {
    const { core, account, platform } = await startCoreWithSandbox();
    platform.generateFans(account.appId, 9_950); // 10 950 with the first-run fans: two user/get pages
    const progress: FanSyncStatusDto[] = [];
    const off = core.events.subscribe((e) => {
      if (e.name === 'fans.syncChanged') progress.push(e.payload);
    });
    expect((await call(core, 'fans.syncStatus', { accountId: account.id })).state).toBe('idle');
    const end = await syncFans(core, account.id);
    off();
    expect(end).toMatchObject({ state: 'done', done: 10_950, total: 10_950, full: true, resumable: false });
    // Pages: 10 000, 950, then the empty page that ends the list (§9: next_openid is always set).
    expect(calls(core, USER_GET)).toEqual({ all: 3, ok: 3 });
    expect(calls(core, BATCHGET)).toEqual({ all: 110, ok: 110 });
    const running = progress.filter((p) => p.state === 'running');
    expect(running.some((p) => p.done > 0 && p.done < 10_950)).toBe(true);
    for (const [before, next] of adjacentPairs(running))
      expect(next.done).toBeGreaterThanOrEqual(before.done);

    const page = await call(core, 'fans.list', { accountId: account.id, limit: 20 });
    expect(page.total).toBe(10_950);
    expect(page.items).toHaveLength(20);
    // Newest follow first.
    const times = page.items.map((f) => f.subscribeTime!);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const f = firstOf(page.items);
    expect(f).toMatchObject({
      subscribed: true,
      blacklisted: false,
      subscribeScene: expect.stringMatching(/^ADD_SCENE_/),
    });
    expect(f.subscribeTime).toBeGreaterThan(1e12);
    expect(f.infoAt).toBeGreaterThan(0);
    // The sandbox's user/info is what the store holds, field for field.
    const info = await core.services.wechat.api.client.userInfo(account.id, f.openid);
    expect(f.tagIds).toEqual(info.tagid_list);
    expect(f.remark).toBe(info.remark);
    const tags = await call(core, 'fans.tags', { accountId: account.id });
    expect(tags.map((t) => t.name)).toEqual(['星标组', 'VIP', '老客户', '待回访']);
    const vip = tags.find((t) => t.name === 'VIP')!;
    expect(vip.count).toBeGreaterThan(0);
    expect((await call(core, 'fans.list', { accountId: account.id, tagId: vip.id, limit: 1 })).total).toBe(
      vip.count,
    );
    expect(tags[0]).toMatchObject({ id: 2, system: true });

    // Every fan exactly once across cursor pages.
    const all = await allFans(core, account.id);
    expect(new Set(all.map((x) => x.openid)).size).toBe(10_950);
  });

  it('incremental afterwards: batchget only the new and refollowed; the missing are unfollowed', async () => {
    const { core, account, platform } = await startCoreWithSandbox();
    platform.generateFans(account.appId, 1_000);
    expect((await syncFans(core, account.id)).state).toBe('done');
    const before = calls(core, BATCHGET).ok;
    expect(before).toBe(20);
    const gone = platform.fans(account.appId, 10).map((f) => f.openid);
    for (const o of gone) platform.setSubscribed(account.appId, o, false);
    platform.generateFans(account.appId, 50);
    const end = await syncFans(core, account.id);
    expect(end).toMatchObject({ state: 'done', total: 2_040, done: 2_040, full: false });
    expect(calls(core, BATCHGET).ok - before).toBe(1);
    expect((await call(core, 'fans.list', { accountId: account.id, subscribed: true, limit: 1 })).total).toBe(
      2_040,
    );
    const left = await call(core, 'fans.list', { accountId: account.id, subscribed: false, limit: 100 });
    expect(new Set(left.items.map((f) => f.openid))).toEqual(new Set(gone));

    // One follows again: the next sync reads their user/info again.
    platform.setSubscribed(account.appId, firstOf(gone), true);
    await syncFans(core, account.id);
    expect(calls(core, BATCHGET).ok - before).toBe(2);
    expect((await call(core, 'fans.get', { accountId: account.id, openid: gone[0] })).subscribed).toBe(true);
    // full: everyone again.
    await syncFans(core, account.id, true);
    expect(calls(core, BATCHGET).ok - before).toBe(2 + 21);
  });

  it('stops on 45009 with the reason, and resumes later without reading a batch twice', async () => {
    const { core, account, platform } = await startCoreWithSandbox();
    platform.generateFans(account.appId, 9_000); // 10 000: 100 batches
    platform.setQuota(account.appId, 'user/info', 30);
    const failed = await syncFans(core, account.id);
    expect(failed).toMatchObject({ state: 'failed', resumable: true, total: 10_000 });
    expect(failed.error).toMatchObject({ code: 'wechat_error', details: { errcode: 45009 } });
    expect(failed.done).toBe(3_000);
    expect(calls(core, BATCHGET).ok).toBe(30);
    // The API log has the refused call too, with its errcode.
    expect(calls(core, BATCHGET).all).toBeGreaterThan(30);
    // The store has the fans whose user/info was read; the rest wait in the queue.
    expect((await call(core, 'fans.list', { accountId: account.id, limit: 1 })).total).toBe(3_000);

    platform.setQuota(account.appId, 'user/info', 1_000);
    const resumed = await syncFans(core, account.id);
    expect(resumed).toMatchObject({ state: 'done', done: 10_000 });
    expect(calls(core, BATCHGET).ok).toBe(100);
    // The list was complete before the failure: it is not read again.
    expect(calls(core, USER_GET).ok).toBe(2);
    const all = await allFans(core, account.id);
    expect(all.every((f) => f.infoAt !== undefined)).toBe(true);
  });

  it('cancel stops after the calls in flight; starting again resumes', async () => {
    const { core, account, platform } = await startCoreWithSandbox();
    platform.generateFans(account.appId, 4_000);
    platform.setFaults([{ kind: 'latency', pathPrefix: BATCHGET, latencyMs: 20 }]);
    const moving = nextEvent(
      core.events,
      'fans.syncChanged',
      (s) => s.state === 'running' && s.done >= 1_000,
    );
    await call(core, 'fans.sync', { accountId: account.id });
    await moving;
    const stopped = nextEvent(core.events, 'fans.syncChanged', (s) => s.state !== 'running');
    await call(core, 'fans.cancelSync', { accountId: account.id });
    const idle = await stopped;
    expect(idle).toMatchObject({ state: 'idle', resumable: true });
    expect(idle.done).toBeLessThan(5_000);
    platform.setFaults([]);
    expect(await syncFans(core, account.id)).toMatchObject({ state: 'done', done: 5_000 });
    expect(calls(core, BATCHGET).ok).toBe(50);
  });

  it('an unknown account is not_found, for every sync call, and nothing is stored for it', async () => {
    const { core } = await startCoreWithSandbox();
    for (const method of ['fans.sync', 'fans.syncStatus', 'fans.cancelSync'] as const) {
      expect(await callError(core, method, { accountId: 'no-such-account' })).toMatchObject({
        code: 'not_found',
      });
    }
    expect(core.db.prepare('SELECT count(*) AS n FROM fan_syncs').get()).toEqual({ n: 0 });
  });

  it('blacklist: the sync reads getblacklist; fans.blacklist goes in batches of 20', async () => {
    const { core, account, platform, client } = await startCoreWithSandbox();
    const some = platform.fans(account.appId, 3).map((f) => f.openid);
    await client.blacklistMembers(account.id, some, true);
    await syncFans(core, account.id);
    const black = await call(core, 'fans.list', { accountId: account.id, blacklisted: true, limit: 10 });
    expect(new Set(black.items.map((f) => f.openid))).toEqual(new Set(some));

    const many = platform.fans(account.appId, 45).map((f) => f.openid);
    expect(
      await call(core, 'fans.blacklist', { accountId: account.id, openids: many, blacklisted: true }),
    ).toEqual({
      changed: 45,
    });
    expect(calls(core, '/cgi-bin/tags/members/batchblacklist').ok).toBe(1 + 3);
    expect(
      (await call(core, 'fans.list', { accountId: account.id, blacklisted: true, limit: 1 })).total,
    ).toBe(45);
    await call(core, 'fans.blacklist', {
      accountId: account.id,
      openids: many.slice(0, 5),
      blacklisted: false,
    });
    expect(
      (await call(core, 'fans.list', { accountId: account.id, blacklisted: true, limit: 1 })).total,
    ).toBe(40);
    // What WeChat says after a sync is the same.
    await syncFans(core, account.id);
    expect(
      (await call(core, 'fans.list', { accountId: account.id, blacklisted: true, limit: 1 })).total,
    ).toBe(40);
  });
});
