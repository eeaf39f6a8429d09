import { afterEach, describe, expect, it, vi } from 'vitest';
import { FAN, startHarness, text, type Harness } from '../../test/helpers/callback-harness';
import type { Settings } from '../shared/api/areas/settings';
import { translator } from './desktop-i18n';
import { NotificationRules, type NotificationIntent } from './notification-rules';
import type { Timers } from './notification-throttle';
import { Notifier } from './notifier';

vi.mock('electron', () => ({}));

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

/** A real core's events into a Notifier; the clock only moves when the test says. */
async function setup(over: { focused?: boolean; settings?: Partial<Settings> } = {}) {
  h = await startHarness();
  const core = h.core;
  if (over.settings) core.services.settings.update(over.settings);
  let now = Date.now();
  const timers: { at: number; fn: () => void }[] = [];
  const clock: Timers = {
    now: () => now,
    setTimeout: (fn, ms) => timers.push({ at: now + ms, fn }),
    clearTimeout: () => {},
  };
  const shown: Omit<NotificationIntent, 'kind'>[] = [];
  const notifier = new Notifier({
    rules: new NotificationRules(now - 1, { app: core.status(), tunnel: core.services.tunnel.status() }),
    settings: () => core.services.settings.get(),
    context: () => ({
      t: translator('en'),
      locale: 'en',
      accountName: (id) => core.services.accounts.list().find((a) => a.id === id)?.name ?? 'MPDesk',
    }),
    windowFocused: () => over.focused ?? false,
    show: (n) => shown.push(n),
    timers: clock,
  });
  core.events.subscribe((e) => notifier.handle(e));
  const advance = (ms: number) => {
    now += ms;
    for (const t of timers.splice(0).sort((a, b) => a.at - b.at)) {
      if (t.at <= now) t.fn();
      else timers.push(t);
    }
  };
  return { h, shown, advance, notifier };
}

describe('desktop notifications from a real core', () => {
  it("tells of a fan's message that got no passive reply, opening their thread in the message centre", async () => {
    const { h, shown } = await setup();
    const r = await h.send(text('请问营业时间？'));
    await h.logged(r.logId);
    expect(shown).toEqual([
      {
        title: '测试号: a fan is waiting for a reply',
        body: '“请问营业时间？” got no passive reply. Answer within 48 hours through customer service.',
        route: `#/messages/${h.account.id}/${FAN}`,
      },
    ]);
  });

  it('stays quiet about fan messages while the window is in front, or when switched off', async () => {
    for (const over of [{ focused: true }, { settings: { notifyFanMessages: false } }]) {
      const { h, shown } = await setup(over);
      const r = await h.send(text('hello'));
      await h.logged(r.logId);
      expect(shown, JSON.stringify(over)).toEqual([]);
      await h.stop();
    }
  });

  it('tells of a signature that does not match 服务器配置, but not of a scanner probing paths', async () => {
    const { h, shown } = await setup();
    const good = h.build(text('x'));
    const forged = good.search.replace(/signature=[0-9a-f]+/, `signature=${'0'.repeat(40)}`);
    const bad = await h.raw('POST', `/wx/acct${forged}`, good.body);
    const stray = await h.raw('GET', '/wp-login.php');
    await h.logged(Math.max(bad.logId, stray.logId));
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({
      title: '测试号: callback failed (bad_signature)',
      route: `#/callbacks/?id=${bad.logId}`,
    });
    expect(shown[0]?.body).toContain('Token in MPDesk differs');
  });

  it('turns a flood into three notifications and one summary, nothing lost and nothing piled up', async () => {
    const { h, shown, advance } = await setup();
    const sent = await Promise.all(Array.from({ length: 40 }, (_, i) => h.send(text(`msg ${i}`))));
    await h.logged(Math.max(...sent.map((r) => r.logId)));
    expect(shown).toHaveLength(3);
    advance(20_000);
    expect(shown).toHaveLength(4);
    expect(shown[3]).toEqual({
      title: 'MPDesk',
      body: '37 more fan messages are waiting for a reply',
      route: '#/messages',
    });
    advance(600_000);
    expect(shown).toHaveLength(4);
  });

  it('drops the held fan messages once the user looks at the window', async () => {
    const { h, shown, advance, notifier } = await setup();
    const sent = await Promise.all(Array.from({ length: 6 }, (_, i) => h.send(text(`m${i}`))));
    await h.logged(Math.max(...sent.map((r) => r.logId)));
    expect(shown).toHaveLength(3);
    notifier.windowFocused();
    advance(60_000);
    expect(shown).toHaveLength(3);
  });
});
