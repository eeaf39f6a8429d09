import { syncFans } from '../helpers/fans';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src/core/dispatch';
import type { MenuDto } from '../../src/shared/api/areas/menu';
import { startCoreWithSandbox } from '../helpers/sandbox';
import { firstOf } from '../helpers/indexed';

const ctx = { transport: 'internal' } as const;

const MENU: MenuDto = {
  button: [
    { type: 'click', name: '今日歌曲', key: 'V1001_TODAY' },
    {
      name: '更多',
      sub_button: [
        { type: 'view', name: '官网', url: 'https://example.com/' },
        { type: 'click', name: '赞一下 👍', key: 'V1001_GOOD' },
      ],
    },
  ],
};

describe('menu (docs/wechat-protocol.md §7) against the sandbox platform', () => {
  it('publishes, reads back what the Simulator reads (menu/get), deletes', async () => {
    const { core, account } = await startCoreWithSandbox();
    const id = account.id;
    expect(await core.handlers['menu.get']({ accountId: id }, ctx)).toEqual({ menu: null });
    const r = await dispatch(core.handlers, 'menu.publish', { accountId: id, menu: MENU }, ctx);
    expect(r.ok).toBe(true);
    expect(await core.handlers['menu.get']({ accountId: id }, ctx)).toEqual({ menu: MENU });
    // The same read the Simulator makes through api.request.
    const raw = await core.handlers['api.request'](
      { accountId: id, method: 'GET', path: '/cgi-bin/menu/get', withToken: true },
      ctx,
    );
    expect(JSON.stringify(raw.response)).toContain('V1001_GOOD');
    await core.handlers['menu.delete']({ accountId: id }, ctx);
    expect(await core.handlers['menu.get']({ accountId: id }, ctx)).toEqual({ menu: null });
  });

  it('refuses an invalid menu before calling WeChat, with every issue and its path', async () => {
    const { core, account, wechat } = await startCoreWithSandbox();
    const bad: MenuDto = {
      button: [
        { type: 'click', name: '一二三四五六', key: 'k' },
        { name: 'm', sub_button: [{ type: 'view', name: 'v', url: 'javascript:alert(1)' }] },
      ],
    };
    const r = await dispatch(core.handlers, 'menu.publish', { accountId: account.id, menu: bad }, ctx);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid_input');
    expect(r.error.issues?.map((i) => [i.path, i.key])).toEqual([
      ['button.0.name', 'validation.menuNameTop'],
      ['button.1.sub_button.0.url', 'validation.menuUrlDomain'],
    ]);
    expect(r.error.details).toMatchObject({ errcode: 40018 });
    const creates = wechat.api.apiLog
      .list({ limit: 100 })
      .items.filter((e) => e.path === '/cgi-bin/menu/create');
    expect(creates).toHaveLength(0);
  });

  it('agrees with the platform: what core accepts the sandbox accepts, and a byte too many both refuse', async () => {
    const { core, account } = await startCoreWithSandbox();
    const at = (name: string): MenuDto => ({ button: [{ type: 'click', name, key: 'k' }] });
    for (const name of ['一二三四五', 'abcdefghijklmnop', '😀😀😀😀']) {
      expect((await core.handlers['menu.validate']({ menu: at(name) }, ctx)).ok).toBe(true);
      const r = await dispatch(core.handlers, 'menu.publish', { accountId: account.id, menu: at(name) }, ctx);
      expect(r.ok).toBe(true);
    }
    for (const name of ['一二三四五六', 'abcdefghijklmnopq', '😀😀😀😀a']) {
      const v = await core.handlers['menu.validate']({ menu: at(name) }, ctx);
      expect(v.issues[0]).toMatchObject({ path: 'button.0.name', errcode: 40018 });
      // What WeChat (here the sandbox) answers when the check is skipped: the same errcode.
      const raw = await core.handlers['api.request'](
        {
          accountId: account.id,
          method: 'POST',
          path: '/cgi-bin/menu/create',
          body: at(name),
          withToken: true,
        },
        ctx,
      );
      expect(raw.errcode).toBe(40018);
    }
  });

  it('keeps one draft per account in SQLite, only for accounts that exist', async () => {
    const first = await startCoreWithSandbox();
    const id = first.account.id;
    const saved = await first.core.handlers['menu.draftSave']({ accountId: id, menu: MENU }, ctx);
    expect((await first.core.handlers['menu.draftGet']({ accountId: id }, ctx)).draft).toEqual(saved);
    const missing = await dispatch(
      first.core.handlers,
      'menu.draftSave',
      { accountId: 'nope', menu: MENU },
      ctx,
    );
    expect(missing.ok).toBe(false);
    expect((await first.core.handlers['menu.draftDelete']({ accountId: id }, ctx)).deleted).toBe(true);
    expect((await first.core.handlers['menu.draftGet']({ accountId: id }, ctx)).draft).toBeNull();
  });
});

describe('fans.remark and fans.tags (§9)', () => {
  it('sets a CJK/emoji remark and reads it back; refuses 30 characters', async () => {
    const { core, account } = await startCoreWithSandbox();
    await syncFans(core, account.id);
    const fan = firstOf((await core.handlers['fans.list']({ accountId: account.id, limit: 1 }, ctx)).items);
    const updated = await core.handlers['fans.remark'](
      { accountId: account.id, openid: fan.openid, remark: '老王🍉' },
      ctx,
    );
    expect(updated).toMatchObject({ openid: fan.openid, remark: '老王🍉' });
    const tooLong = await dispatch(
      core.handlers,
      'fans.remark',
      { accountId: account.id, openid: fan.openid, remark: '字'.repeat(30) },
      ctx,
    );
    expect(tooLong.ok).toBe(false);
    if (!tooLong.ok)
      expect(tooLong.error.issues?.[0]).toMatchObject({ path: 'remark', key: 'validation.remark' });
    const tags = await core.handlers['fans.tags']({ accountId: account.id }, ctx);
    expect(tags.find((t) => t.id === 2)?.name).toBe('星标组');
  });
});
