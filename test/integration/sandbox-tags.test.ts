import { describe, expect, it } from 'vitest';
import { APP, startSandbox, wx } from '../helpers/sandbox';
import { firstOf } from '../helpers/indexed';

// §9 tags and blacklist, §10.1 windows of clicks, follows and scans: asserted over plain HTTP.
describe('sandbox: tags (§9)', () => {
  it('create, rename, delete; 星标组 first; names unique and ≤ 30 characters; 0/1/2 are the system’s', async () => {
    const { url } = await startSandbox();
    const w = wx(url);
    const q = { access_token: await w.token() };
    const made = await w.post('/cgi-bin/tags/create', { tag: { name: '老客户🌟' } }, q);
    expect(made).toEqual({ tag: { id: 100, name: '老客户🌟' } });
    expect((await w.post('/cgi-bin/tags/create', { tag: { name: 'VIP' } }, q)).tag.id).toBe(101);
    expect((await w.post('/cgi-bin/tags/create', { tag: { name: 'VIP' } }, q)).errcode).toBe(45157);
    expect((await w.post('/cgi-bin/tags/create', { tag: { name: '星标组' } }, q)).errcode).toBe(45157);
    expect((await w.post('/cgi-bin/tags/create', { tag: { name: '' } }, q)).errcode).toBe(45157);
    expect((await w.post('/cgi-bin/tags/create', { tag: { name: '字'.repeat(31) } }, q)).errcode).toBe(45158);
    expect((await w.post('/cgi-bin/tags/create', { tag: { name: '字'.repeat(30) } }, q)).tag.id).toBe(102);
    expect((await w.get('/cgi-bin/tags/get', q)).tags).toEqual([
      { id: 2, name: '星标组', count: 0 },
      { id: 100, name: '老客户🌟', count: 0 },
      { id: 101, name: 'VIP', count: 0 },
      { id: 102, name: '字'.repeat(30), count: 0 },
    ]);
    expect(await w.post('/cgi-bin/tags/update', { tag: { id: 101, name: '大客户' } }, q)).toEqual({
      errcode: 0,
      errmsg: 'ok',
    });
    expect((await w.post('/cgi-bin/tags/update', { tag: { id: 100, name: '大客户' } }, q)).errcode).toBe(
      45157,
    );
    expect((await w.post('/cgi-bin/tags/update', { tag: { id: 2, name: 'x' } }, q)).errcode).toBe(45058);
    expect((await w.post('/cgi-bin/tags/update', { tag: { id: 999, name: 'x' } }, q)).errcode).toBe(45159);
    expect((await w.post('/cgi-bin/tags/delete', { tag: { id: 1 } }, q)).errcode).toBe(45058);
    expect((await w.post('/cgi-bin/tags/delete', { tag: { id: 102 } }, q)).errcode).toBe(0);
    expect((await w.get('/cgi-bin/tags/get', q)).tags.map((t: { id: number }) => t.id)).toEqual([
      2, 100, 101,
    ]);
  });

  it('at most 100 tags (45056)', async () => {
    const { url } = await startSandbox();
    const w = wx(url);
    const q = { access_token: await w.token() };
    for (let i = 0; i < 100; i++)
      expect((await w.post('/cgi-bin/tags/create', { tag: { name: `t${i}` } }, q)).tag).toBeTruthy();
    expect((await w.post('/cgi-bin/tags/create', { tag: { name: 'one more' } }, q)).errcode).toBe(45056);
  });

  it('members in batches of ≤ 50, all or nothing; getidlist, user/tag/get, counts; delete untags', async () => {
    const { url, platform } = await startSandbox();
    platform.generateFans(APP.appid, 60);
    const fans = platform.fans(APP.appid, 60).map((f) => f.openid);
    const w = wx(url);
    const q = { access_token: await w.token() };
    const id = (await w.post('/cgi-bin/tags/create', { tag: { name: '测试组' } }, q)).tag.id as number;
    const tag = (openids: string[], tagid = id) =>
      w.post('/cgi-bin/tags/members/batchtagging', { openid_list: openids, tagid }, q);
    expect((await tag(fans.slice(0, 51))).errcode).toBe(40032);
    expect((await tag([])).errcode).toBe(40032);
    expect((await tag([firstOf(fans), 'oNOPE'])).errcode).toBe(40003);
    expect((await w.post('/cgi-bin/tags/getidlist', { openid: fans[0] }, q)).tagid_list).not.toContain(id);
    expect((await tag(fans.slice(0, 50))).errcode).toBe(0);
    expect((await tag(fans.slice(0, 3))).errcode).toBe(0); // tagging twice changes nothing
    expect((await tag([firstOf(fans)], 777)).errcode).toBe(45159);
    expect((await w.post('/cgi-bin/tags/getidlist', { openid: fans[0] }, q)).tagid_list).toContain(id);
    const listed = await w.post('/cgi-bin/user/tag/get', { tagid: id, next_openid: '' }, q);
    expect(listed.count).toBe(50);
    expect(new Set(listed.data.openid)).toEqual(new Set(fans.slice(0, 50)));
    const tags = (await w.get('/cgi-bin/tags/get', q)).tags as { id: number; count: number }[];
    expect(tags.find((t) => t.id === id)!.count).toBe(50);
    const untag = await w.post(
      '/cgi-bin/tags/members/batchuntagging',
      { openid_list: fans.slice(0, 10), tagid: id },
      q,
    );
    expect(untag.errcode).toBe(0);
    expect((await w.post('/cgi-bin/user/tag/get', { tagid: id, next_openid: '' }, q)).count).toBe(40);
    expect((await w.post('/cgi-bin/tags/delete', { tag: { id } }, q)).errcode).toBe(0);
    expect((await w.post('/cgi-bin/tags/getidlist', { openid: fans[20] }, q)).tagid_list).not.toContain(id);
  });

  it('a fan carries at most 20 tags (45059)', async () => {
    const { url, platform } = await startSandbox();
    platform.generateFans(APP.appid, 1);
    const fan = firstOf(platform.fans(APP.appid, 1));
    const w = wx(url);
    const q = { access_token: await w.token() };
    const before = (
      (await w.post('/cgi-bin/tags/getidlist', { openid: fan.openid }, q)).tagid_list as number[]
    ).length;
    let last = 0;
    for (let i = 0; i < 21 - before; i++) {
      const id = (await w.post('/cgi-bin/tags/create', { tag: { name: `g${i}` } }, q)).tag.id as number;
      last = (await w.post('/cgi-bin/tags/members/batchtagging', { openid_list: [fan.openid], tagid: id }, q))
        .errcode;
      if (i < 20 - before) expect(last).toBe(0);
    }
    expect(last).toBe(45059);
  });
});

describe('sandbox: blacklist (§9)', () => {
  it('batches of ≤ 20; getblacklist pages with total; unblacklist', async () => {
    const { url, platform } = await startSandbox();
    platform.generateFans(APP.appid, 30);
    const fans = platform.fans(APP.appid, 30).map((f) => f.openid);
    const w = wx(url);
    const q = { access_token: await w.token() };
    const black = (openids: string[]) =>
      w.post('/cgi-bin/tags/members/batchblacklist', { openid_list: openids }, q);
    expect((await black(fans.slice(0, 21))).errcode).toBe(40032);
    expect((await black(['oNOPE'])).errcode).toBe(40003);
    expect((await black(fans.slice(0, 20))).errcode).toBe(0);
    const page = await w.post('/cgi-bin/tags/members/getblacklist', { begin_openid: '' }, q);
    expect(page).toMatchObject({ total: 20, count: 20, next_openid: fans[19] });
    expect(page.data.openid).toEqual(fans.slice(0, 20));
    const after = await w.post('/cgi-bin/tags/members/getblacklist', { begin_openid: fans[9] }, q);
    expect(after.data.openid).toEqual(fans.slice(10, 20));
    const end = await w.post('/cgi-bin/tags/members/getblacklist', { begin_openid: fans[19] }, q);
    expect(end).toEqual({ total: 20, count: 0, next_openid: '' });
    const un = await w.post('/cgi-bin/tags/members/batchunblacklist', { openid_list: fans.slice(0, 5) }, q);
    expect(un.errcode).toBe(0);
    expect((await w.post('/cgi-bin/tags/members/getblacklist', {}, q)).total).toBe(15);
  });
});

describe('sandbox: the one-minute window of clicks, follows and scans (§10.1)', () => {
  it('3 messages within a minute of a click, then 45047; after the minute 45015; a message adds its own 5', async () => {
    const { url, platform, clock } = await startSandbox();
    const openid = 'oSimulatedFan_0000000000001';
    // A fan the sandbox never generated: the interaction makes them a follower.
    platform.fanInteraction(APP.appid, openid, { msgType: 'event', event: 'CLICK', eventKey: 'V1001' });
    const w = wx(url);
    let q = { access_token: await w.token() };
    const send = () =>
      w
        .post('/cgi-bin/message/custom/send', { touser: openid, msgtype: 'text', text: { content: 'hi' } }, q)
        .then((r) => r.errcode as number);
    expect([await send(), await send(), await send()]).toEqual([0, 0, 0]);
    expect(await send()).toBe(45047);
    clock.advance(60_001);
    expect(await send()).toBe(45015);
    platform.fanInteraction(APP.appid, openid, {
      msgType: 'event',
      event: 'VIEW',
      eventKey: 'https://x.com',
    });
    expect(await send()).toBe(45015);
    platform.fanInteraction(APP.appid, openid, {
      msgType: 'event',
      event: 'subscribe',
      eventKey: 'qrscene_42',
    });
    const info = await w.get('/cgi-bin/user/info', { ...q, openid });
    expect(info).toMatchObject({ subscribe: 1, subscribe_scene: 'ADD_SCENE_QR_CODE' });
    platform.fanInteraction(APP.appid, openid, { msgType: 'text' });
    const sent = [];
    for (let i = 0; i < 9; i++) sent.push(await send());
    // The follow's 3, then the message's 5, then nothing.
    expect(sent).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 45047]);
    platform.fanInteraction(APP.appid, openid, { msgType: 'event', event: 'unsubscribe' });
    q = { access_token: await w.token() };
    expect(await send()).toBe(43004);
  });
});
