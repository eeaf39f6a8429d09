import { describe, expect, it } from 'vitest';
import type { OauthBuiltUrlDto } from '../../src/shared/api/areas/oauth';
import type { SimulatorCompose } from '../../src/shared/api/areas/simulator';
import { call, callError, nextEvent, syncFans } from '../helpers/fans';
import { startCoreWithSandbox } from '../helpers/sandbox';
import { tempDir } from '../helpers/temp-dir';
import { firstN, itemAt } from '../helpers/indexed';

type Started = Awaited<ReturnType<typeof startCoreWithSandbox>>;

/** The simulator plays `openid` (WeChat's side) and posts to our listener. */
async function act(s: Started, openid: string, compose: SimulatorCompose) {
  const r = await call(s.core, 'simulator.send', { accountId: s.account.id, openid, compose });
  expect(r.response.status).toBe(200);
  return r;
}

describe('the fans store between syncs', () => {
  it('a follow and an unfollow in the callback log update the fan; the simulator’s fan is a sandbox fan', async () => {
    const s = await startCoreWithSandbox();
    const openid = 'oSimFollower_0000000000000001';
    const changed = nextEvent(s.core.events, 'fans.changed', (p) => !!p.openids?.includes(openid));
    await act(s, openid, { kind: 'subscribe', scene: '' });
    await changed;
    const fan = await call(s.core, 'fans.get', { accountId: s.account.id, openid });
    expect(fan).toMatchObject({ subscribed: true, unread: 0 });
    expect(fan.subscribeTime).toBeGreaterThan(0);
    expect(fan.infoAt).toBeUndefined();
    // The platform knows them: user/info answers, so a refresh reads their details.
    const refreshed = await call(s.core, 'fans.get', { accountId: s.account.id, openid, refresh: true });
    expect(refreshed).toMatchObject({ subscribed: true, subscribeScene: 'ADD_SCENE_SEARCH' });
    expect(refreshed.infoAt).toBeGreaterThan(0);

    const left = nextEvent(s.core.events, 'fans.changed', (p) => !!p.openids?.includes(openid));
    await act(s, openid, { kind: 'unsubscribe' });
    await left;
    expect((await call(s.core, 'fans.get', { accountId: s.account.id, openid })).subscribed).toBe(false);
    expect(
      (await call(s.core, 'fans.list', { accountId: s.account.id, subscribed: false, limit: 5 })).items.map(
        (f) => f.openid,
      ),
    ).toEqual([openid]);
    // And a sync agrees: the sandbox does not list them any more.
    await syncFans(s.core, s.account.id);
    expect((await call(s.core, 'fans.get', { accountId: s.account.id, openid })).subscribed).toBe(false);
  });

  it('messages count as unread per fan and overall; reading the thread clears them', async () => {
    const s = await startCoreWithSandbox();
    const a = 'oSimReader_00000000000000001';
    const b = 'oSimReader_00000000000000002';
    const unread = nextEvent(s.core.events, 'conversations.unreadChanged', (u) => u.total >= 3);
    await act(s, a, { kind: 'text', Content: '你好' });
    await act(s, a, { kind: 'CLICK', EventKey: 'V1001' });
    await act(s, a, {
      kind: 'location',
      Location_X: '23.1',
      Location_Y: '113.3',
      Scale: '15',
      Label: '广州',
    });
    await act(s, b, { kind: 'text', Content: 'hi' });
    expect((await unread).accounts[s.account.id]).toBe(3);
    const threads = await call(s.core, 'conversations.list', { accountId: s.account.id });
    expect(Object.fromEntries(threads.items.map((t) => [t.openid, t.unread]))).toEqual({ [a]: 2, [b]: 1 });
    const msgs = await call(s.core, 'conversations.messages', { accountId: s.account.id, openid: a });
    const newest = Math.max(...msgs.items.map((m) => m.id));
    expect(msgs.items.find((m) => m.msgType === 'location')?.content).toEqual({
      kind: 'location',
      x: '23.1',
      y: '113.3',
      scale: '15',
      label: '广州',
    });
    const told = nextEvent(s.core.events, 'conversations.unreadChanged', (u) => u.total === 1);
    expect(
      await call(s.core, 'conversations.markRead', { accountId: s.account.id, openid: a, upTo: newest }),
    ).toEqual({ total: 1, accounts: { [s.account.id]: 1 } });
    await told;
    // Read up to an older message: a newer one stays unread.
    await act(s, b, { kind: 'text', Content: 'again' });
    const older = (await call(s.core, 'conversations.messages', { accountId: s.account.id, openid: b }))
      .items;
    const first = Math.min(...older.map((m) => m.id));
    await call(s.core, 'conversations.markRead', { accountId: s.account.id, openid: b, upTo: first });
    expect((await call(s.core, 'conversations.unread', {})).total).toBe(2);
    await call(s.core, 'conversations.markRead', { accountId: s.account.id, openid: b });
    expect(await call(s.core, 'conversations.unread', {})).toEqual({ total: 0, accounts: {} });
  });

  it('rows committed after the last batch (a crash) are read back at the next start', async () => {
    const dataDir = tempDir();
    const first = await startCoreWithSandbox({ dataDir });
    const openid = 'oSimCrash_000000000000000001';
    for (const t of ['一', '二', '三']) await act(first, openid, { kind: 'text', Content: t });
    expect((await call(first.core, 'conversations.unread', {})).total).toBe(3);
    await first.core.stop();
    // As a SIGKILL before the batch: the log has the rows, the fans store does not.
    const again = await startCoreWithSandbox({ dataDir });
    again.core.db
      .exec(`UPDATE fans SET unread = 0, last_message_at = NULL, last_message_pos = NULL, activity_pos = 0;
      UPDATE fan_activity SET log_id = 0;`);
    await again.core.stop();
    const third = await startCoreWithSandbox({ dataDir });
    expect((await call(third.core, 'conversations.unread', {})).total).toBe(3);
    const fan = await call(third.core, 'fans.get', { accountId: third.account.id, openid });
    expect(fan.lastMessageAt).toBeGreaterThan(0);
  });

  it('an OAuth profile gives the fan a nickname, found by search', async () => {
    const s = await startCoreWithSandbox();
    await syncFans(s.core, s.account.id);
    const fan = itemAt(s.platform.fans(s.account.appId, 5), 4);
    const built = await call(s.core, 'oauth.buildUrl', { accountId: s.account.id, scope: 'snsapi_userinfo' });
    const url = new URL((built as OauthBuiltUrlDto).sandboxUrl!);
    url.searchParams.set('sandbox_openid', fan.openid);
    const changed = nextEvent(s.core.events, 'fans.changed', (p) => !!p.openids?.includes(fan.openid));
    const back = await fetch(url, { redirect: 'manual' });
    await (await fetch(back.headers.get('location')!)).text();
    await changed;
    const stored = await call(s.core, 'fans.get', { accountId: s.account.id, openid: fan.openid });
    expect(stored).toMatchObject({ nickname: fan.nickname, subscribed: true });
    const found = await call(s.core, 'fans.list', { accountId: s.account.id, query: fan.nickname });
    expect(found.items.map((f) => f.openid)).toContain(fan.openid);
  });
});

describe('tags, remarks and export through the console API', () => {
  it('create, rename, tag 120 fans in batches of 50, untag, delete; WeChat’s refusals come back as they are', async () => {
    const s = await startCoreWithSandbox();
    await syncFans(s.core, s.account.id);
    const made = await call(s.core, 'fans.createTag', { accountId: s.account.id, name: '双十一' });
    const tag = made.find((t) => t.name === '双十一')!;
    expect(tag).toMatchObject({ count: 0, system: false });
    expect(
      (await callError(s.core, 'fans.createTag', { accountId: s.account.id, name: '双十一' })).details,
    ).toMatchObject({
      errcode: 45157,
    });
    expect(
      (await callError(s.core, 'fans.createTag', { accountId: s.account.id, name: '字'.repeat(31) }))
        .issues?.[0],
    ).toMatchObject({ path: 'name', key: 'validation.tagName' });
    const renamed = await call(s.core, 'fans.renameTag', {
      accountId: s.account.id,
      tagId: tag.id,
      name: '双 11',
    });
    expect(renamed.find((t) => t.id === tag.id)!.name).toBe('双 11');
    expect(
      (await callError(s.core, 'fans.renameTag', { accountId: s.account.id, tagId: 2, name: 'x' })).details,
    ).toMatchObject({ errcode: 45058 });

    const openids = s.platform.fans(s.account.appId, 120).map((f) => f.openid);
    const before = s.core.db
      .prepare("SELECT count(*) FROM api_log WHERE path = '/cgi-bin/tags/members/batchtagging'")
      .pluck()
      .get() as number;
    expect(
      await call(s.core, 'fans.tagFans', { accountId: s.account.id, openids, tagId: tag.id, tagged: true }),
    ).toEqual({
      changed: 120,
    });
    const batches = s.core.db
      .prepare("SELECT count(*) FROM api_log WHERE path = '/cgi-bin/tags/members/batchtagging'")
      .pluck()
      .get() as number;
    expect(batches - before).toBe(3);
    expect(
      (await call(s.core, 'fans.list', { accountId: s.account.id, tagId: tag.id, limit: 1 })).total,
    ).toBe(120);
    expect(
      (await call(s.core, 'fans.tags', { accountId: s.account.id })).find((t) => t.id === tag.id)!.count,
    ).toBe(120);
    // WeChat agrees: its own count, read back.
    const wechat = (await call(s.core, 'fans.tags', { accountId: s.account.id, refresh: true })).find(
      (t) => t.id === tag.id,
    )!;
    expect(wechat.count).toBe(120);
    await call(s.core, 'fans.tagFans', {
      accountId: s.account.id,
      openids: openids.slice(0, 20),
      tagId: tag.id,
      tagged: false,
    });
    expect(
      (await call(s.core, 'fans.list', { accountId: s.account.id, tagId: tag.id, limit: 1 })).total,
    ).toBe(100);
    // A refused batch: nothing changed, and the error says so.
    const refused = await callError(s.core, 'fans.tagFans', {
      accountId: s.account.id,
      openids: [openids[0], 'oNotAFanOfThisAccount00000000'],
      tagId: tag.id,
      tagged: true,
    });
    expect(refused.details).toMatchObject({ errcode: 40003, changed: 0, of: 2 });
    await call(s.core, 'fans.deleteTag', { accountId: s.account.id, tagId: tag.id });
    expect(
      (await call(s.core, 'fans.list', { accountId: s.account.id, tagId: tag.id, limit: 1 })).total,
    ).toBe(0);
    expect(
      (await call(s.core, 'fans.get', { accountId: s.account.id, openid: openids[50] })).tagIds,
    ).not.toContain(tag.id);
  });

  it('exports the current filter as CSV: BOM, CRLF, headers in the language, formulas kept as text', async () => {
    const s = await startCoreWithSandbox();
    await syncFans(s.core, s.account.id);
    const [a, b] = firstN(s.platform.fans(s.account.appId, 2), 2);
    await call(s.core, 'fans.remark', {
      accountId: s.account.id,
      openid: a.openid,
      remark: '=HYPERLINK("x")',
    });
    await call(s.core, 'fans.remark', {
      accountId: s.account.id,
      openid: b.openid,
      remark: '张伟, "大客户"',
    });
    const all = await call(s.core, 'fans.export', { accountId: s.account.id });
    expect(all.csv.startsWith('\uFEFFOpenID,UnionID,备注名,昵称,是否关注,关注时间')).toBe(true);
    expect(all.rows).toBe(1_000);
    expect(all.csv.split('\r\n')).toHaveLength(1_002); // header, rows, the final CRLF
    expect(all.fileName).toMatch(/^fans-.+\.csv$/);
    expect(all.csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(all.csv).toContain(`"张伟, ""大客户"""`);
    const vip = (await call(s.core, 'fans.tags', { accountId: s.account.id })).find((t) => t.name === 'VIP')!;
    const filtered = await call(s.core, 'fans.export', {
      accountId: s.account.id,
      tagId: vip.id,
      lang: 'en',
    });
    expect(filtered.rows).toBe(vip.count);
    expect(filtered.csv.split('\r\n')[0]).toBe(
      '\uFEFFOpenID,UnionID,Remark,Nickname,Following,Followed at,Source,Tags,Language,Blacklisted,Last seen,Last message',
    );
    expect(filtered.csv.split('\r\n')[1]).toMatch(
      /,yes,\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,ADD_SCENE_\w+,[^,]*VIP/,
    );
  });
});
