import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src/core/dispatch';
import type { FanDto } from '../../src/shared/api/areas/fans';
import type { Page } from '../../src/shared/api/areas/common';
import { startCoreWithSandbox } from '../helpers/sandbox';

describe('fans.list', () => {
  it('pages through every follower across user/get pages, ≤ 100 per screen, with §9 fields', async () => {
    const { core, account, platform, wechat } = await startCoreWithSandbox();
    platform.generateFans(account.appId, 9_950); // 10 950 with the first-run fans: two user/get pages
    const seen = new Set<string>();
    let cursor: string | undefined;
    let screens = 0;
    do {
      const r = await dispatch(
        core.handlers,
        'fans.list',
        { accountId: account.id, limit: 100, cursor },
        { transport: 'internal' },
      );
      if (!r.ok) throw new Error(r.error.message);
      const page = r.value as Page<FanDto>;
      expect(page.total).toBe(10_950);
      expect(page.items.length).toBeLessThanOrEqual(100);
      for (const f of page.items) seen.add(f.openid);
      cursor = page.nextCursor;
      screens++;
    } while (cursor);
    expect(seen.size).toBe(10_950);
    expect(screens).toBe(110);
    const userGets = wechat.api.apiLog
      .list({ limit: 1000 })
      .items.filter((e) => e.path === '/cgi-bin/user/get');
    expect(userGets).toHaveLength(2);
    const first = (
      await core.handlers['fans.list']({ accountId: account.id, limit: 1 }, { transport: 'internal' })
    ).items[0];
    expect(first).toMatchObject({
      subscribed: true,
      tagIds: expect.any(Array),
      subscribeScene: expect.stringMatching(/^ADD_SCENE_/),
    });
    expect(first.subscribeTime).toBeGreaterThan(1e12);
    const bad = await dispatch(
      core.handlers,
      'fans.list',
      { accountId: account.id, limit: 101 },
      { transport: 'internal' },
    );
    expect(bad.ok).toBe(false);
  });
});
