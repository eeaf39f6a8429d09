import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetFakeElectron, type FakeElectronState } from '../../test/fakes/electron';
import { tempDir } from '../../test/helpers/temp-dir';
import { nextEvent } from '../../test/helpers/fans';
import { createTestCore, type TestCore } from '../../test/helpers/test-core';
import type { TunnelStatus } from '../shared/api/areas/tunnel';
import { readDesktopSnapshot, startDesktopShell, type DesktopShell } from './desktop-shell';
import { DesktopUpdater } from './desktop-updater';
import { systemTimers } from './notification-throttle';

const state = vi.hoisted(() => ({}) as FakeElectronState);
vi.mock('electron', async () => (await import('../../test/fakes/electron')).fakeElectron(state));

let core: TestCore;
let shell: DesktopShell | undefined;
const xdg = process.env.XDG_CONFIG_HOME;

beforeEach(async () => {
  resetFakeElectron(state, tempDir());
  process.env.XDG_CONFIG_HOME = tempDir();
  core = createTestCore({ dataDir: state.userData, config: { shell: 'electron' } });
  await core.start();
});
afterEach(async () => {
  shell?.beforeQuit();
  shell = undefined;
  await core.stop();
  process.env.XDG_CONFIG_HOME = xdg;
});

/** The shell's `index`th window; throws when it has not opened that many. */
function windowAt(index: number) {
  const window = state.windows[index];
  if (!window) throw new Error(`expected window ${index}, but the shell opened ${state.windows.length}`);
  return window;
}

async function launch(hidden: boolean) {
  const updater = new DesktopUpdater({
    currentVersion: '1.0.0',
    packaged: true,
    loadUpdater: () => Promise.reject(new Error('not in this test')),
    builtInFeed: null,
    timers: systemTimers,
  });
  shell = startDesktopShell({
    core,
    initial: await readDesktopSnapshot(core),
    updater,
    rendererUrl: 'file:///opt/mpdesk/out/renderer/index.html',
    preloadPath: '/opt/mpdesk/out/preload/index.js',
    iconPath: '/opt/mpdesk/resources/icon.png',
    hidden,
  });
  return updater;
}

/** A launch that opens the window (not a login launch). */
async function start() {
  const updater = await launch(false);
  return { window: windowAt(0), updater };
}

const menuLabels = () => (state.menus.at(-1) as { label: string }[]).map((m) => m.label);
const offlineTunnel = () =>
  ({
    ...core.services.tunnel.status(),
    provider: 'ngrok',
    state: 'offline',
    offline: {
      reason: 'authtoken_invalid',
      message: { zh: 'ngrok 拒绝了 authtoken。', en: 'ngrok refused the authtoken.' },
      fix: { zh: '重新填写。', en: 'Enter it again.' },
      retrying: false,
    },
  }) as TunnelStatus;

describe('desktop shell', () => {
  it('opens the window, the tray and the menu, and follows the language setting', async () => {
    const { window } = await start();
    expect(window.visible).toBe(true);
    expect(menuLabels()).toContain('Edit');
    expect(state.tray?.tooltip).toContain('Callback listener: http://127.0.0.1:');
    core.services.settings.update({ language: 'zh-CN' });
    expect(menuLabels()).toContain('编辑');
    expect(state.tray?.tooltip).toContain('回调监听：http://127.0.0.1:');
  });

  it('a login launch stays in the tray with no window until asked', async () => {
    await launch(true);
    expect(state.windows).toHaveLength(0);
    shell!.show('#/dashboard');
    expect(state.windows).toHaveLength(1);
    expect(windowAt(0).url).toBe('file:///opt/mpdesk/out/renderer/index.html#/dashboard');
  });

  it('closes to the tray when set, saying so once, and closes for real when not', async () => {
    const { window } = await start();
    const close = () => {
      const e = { prevented: false, preventDefault: () => (e.prevented = true) };
      window.emit('close', e);
      return e.prevented;
    };
    expect(close()).toBe(true);
    expect(window.visible).toBe(false);
    window.show();
    expect(close()).toBe(true);
    expect(state.notifications.map((n) => n.title)).toEqual(['MPDesk is still running']);
    core.services.settings.update({ closeToTray: false });
    expect(close()).toBe(false);
  });

  it('a notification opens its screen in the window', async () => {
    const { window } = await start();
    window.hide();
    core.events.emit('tunnel.changed', offlineTunnel());
    expect(state.notifications).toHaveLength(1);
    expect(state.notifications[0]).toMatchObject({
      title: 'The tunnel went offline',
      body: 'ngrok refused the authtoken. Enter it again.',
      shown: true,
    });
    state.notifications[0]?.click();
    expect(window.visible).toBe(true);
    expect(window.executed).toEqual(['location.hash = "#/dashboard"']);
  });

  it('no notification of a kind the user switched off', async () => {
    await start();
    core.services.settings.update({ notifyTunnel: false });
    core.events.emit('tunnel.changed', offlineTunnel());
    expect(state.notifications).toEqual([]);
  });

  it('shows the message centre’s unread count on the badge and the tray until the thread is read', async () => {
    const { window } = await start();
    window.hide();
    const account = core.services.accounts.list().find((a) => a.isSandbox)!;
    const openid = 'oDesktopFan_000000000000001';
    const two = nextEvent(core.events, 'conversations.unreadChanged', (u) => u.total === 2);
    for (const Content of ['在吗', '请问营业时间？']) {
      await core.handlers['simulator.send'](
        { accountId: account.id, openid, compose: { kind: 'text', Content } },
        { transport: 'internal' },
      );
    }
    await two;
    expect(state.badge).toBe(2);
    expect(state.tray?.tooltip).toContain('2 new fan messages');
    // Looking at the window reads nothing; reading the thread does.
    window.focus();
    expect(state.badge).toBe(2);
    await core.handlers['conversations.markRead'](
      { accountId: account.id, openid },
      { transport: 'internal' },
    );
    expect(state.badge).toBe(0);
  });

  it('remembers where the window was', async () => {
    const { window } = await start();
    window.setBounds({
      x: 200,
      y: 150,
      width: 1300,
      height: 900,
    });
    core.services.settings.update({ closeToTray: false });
    window.emit('close', { preventDefault: () => {} });
    const saved = JSON.parse(fs.readFileSync(path.join(state.userData, 'window-state.json'), 'utf8'));
    expect(saved).toEqual({ bounds: { x: 200, y: 150, width: 1300, height: 900 }, maximized: false });
    window.destroyed = true;
    shell!.show();
    expect(windowAt(1).options).toMatchObject({ x: 200, y: 150, width: 1300, height: 900 });
  });

  it('starts at login when set (XDG autostart on Linux, login items elsewhere)', async () => {
    await start();
    core.services.settings.update({ startAtLogin: true });
    const entry = path.join(process.env.XDG_CONFIG_HOME!, 'autostart', 'mpdesk.desktop');
    if (process.platform === 'linux') {
      expect(fs.readFileSync(entry, 'utf8')).toContain('--hidden');
      core.services.settings.update({ startAtLogin: false });
      expect(fs.existsSync(entry)).toBe(false);
    } else {
      expect(state.loginItems).toContainEqual({ openAtLogin: true, args: ['--hidden'] });
    }
  });

  it('points the updater at the feed set in Settings', async () => {
    const { updater } = await start();
    expect(updater.status().state).toBe('off');
    core.services.settings.update({ updateFeedUrl: 'https://dl.example.com/mpdesk' });
    expect(updater.status()).toMatchObject({ state: 'idle', feedUrl: 'https://dl.example.com/mpdesk' });
  });
});
