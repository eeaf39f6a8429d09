import { describe, expect, it, vi } from 'vitest';
import type { EventEnvelope } from '../shared/api/contract';
import type { ConversationMessageDto } from '../shared/api/areas/conversations';
import { translator } from './desktop-i18n';
import { DesktopStatus, ThreadUnread, type ShellState } from './desktop-status';
import { DesktopTray, trayMenuTemplate, type TrayActions } from './tray';

vi.mock('electron', () => ({}));

const listener = { host: '127.0.0.1', port: 17391, url: 'http://127.0.0.1:17391' };
const base: ShellState = {
  listener,
  logFailing: false,
  tunnel: { provider: 'ngrok', state: 'online', publicUrl: 'https://a.ngrok.app' },
  unread: 0,
};
const actions = (): TrayActions & Record<string, ReturnType<typeof vi.fn>> => ({
  show: vi.fn(),
  open: vi.fn(),
  startTunnel: vi.fn(),
  stopTunnel: vi.fn(),
  quit: vi.fn(),
});
const labels = (items: { label?: string; type?: string }[]) =>
  items.filter((i) => i.type !== 'separator').map((i) => i.label);

const msg = (direction: 'in' | 'out', msgType = 'text'): ConversationMessageDto => ({
  id: 1,
  accountId: 'a',
  openid: 'o',
  direction,
  msgType,
  summary: 'hi',
  via: direction === 'in' ? 'callback' : 'passive',
  at: 1,
  logId: 1,
});
const appended = (messages: ConversationMessageDto[]) =>
  ({ seq: 1, name: 'conversations.appended', payload: { messages }, at: 1 }) as EventEnvelope;
const unread = (total: number) =>
  ({
    seq: 2,
    name: 'conversations.unreadChanged',
    payload: { total, accounts: { a: total } },
    at: 1,
  }) as EventEnvelope;

describe('tray', () => {
  it('shows the listener, the tunnel and unread fan messages, in either language', () => {
    const en = trayMenuTemplate({ ...base, unread: 3 }, translator('en'), actions());
    expect(labels(en)).toEqual([
      'Open MPDesk',
      'Callback listener: http://127.0.0.1:17391',
      'Tunnel: online (https://a.ngrok.app)',
      '3 new fan messages',
      'Stop Tunnel',
      'Quit MPDesk',
    ]);
    const zh = trayMenuTemplate(
      { ...base, listener: null, tunnel: { provider: 'ngrok', state: 'offline', publicUrl: null } },
      translator('zh-CN'),
      actions(),
    );
    expect(labels(zh)).toEqual([
      '打开 MPDesk',
      '回调监听：已停止',
      '隧道：离线',
      '没有新的粉丝消息',
      '开启隧道',
      '退出 MPDesk',
    ]);
  });

  it('says so when the callback log cannot be written, and offers no tunnel without a provider', () => {
    const s = {
      ...base,
      logFailing: true,
      tunnel: { provider: 'none' as const, state: 'stopped' as const, publicUrl: null },
    };
    const items = trayMenuTemplate(s, translator('en'), actions());
    expect(labels(items)).toContain('Callback log cannot be written: WeChat gets HTTP 500');
    expect(items.find((i) => i.label === 'Start Tunnel')?.enabled).toBe(false);
  });

  it('menu items do what they say', () => {
    const a = actions();
    const items = trayMenuTemplate({ ...base, unread: 2 }, translator('en'), a);
    const click = (label: string) => (items.find((i) => i.label === label)!.click as () => void)();
    click('2 new fan messages');
    expect(a.open).toHaveBeenCalledWith('#/messages');
    click('Stop Tunnel');
    expect(a.stopTunnel).toHaveBeenCalled();
    click('Quit MPDesk');
    expect(a.quit).toHaveBeenCalled();
  });

  it('counts the message centre’s unread messages (focusing reads nothing), beside the icon on macOS', () => {
    const status = new DesktopStatus(
      {
        app: {
          version: '1',
          shell: 'electron',
          dataDir: '/d',
          startedAt: 0,
          callbackListener: listener,
          accountCount: 1,
          callbackLogFailure: null,
        },
        tunnel: null,
      },
      new ThreadUnread(1),
    );
    const seen: number[] = [];
    status.onChange((s) => seen.push(s.unread));
    expect(status.get().unread).toBe(1);
    status.handle(unread(2));
    status.handle(appended([msg('in')]));
    expect(status.get().unread).toBe(2);
    const fake = {
      setToolTip: vi.fn(),
      setContextMenu: vi.fn(),
      setTitle: vi.fn(),
      on: vi.fn(),
      destroy: vi.fn(),
    };
    const tray = new DesktopTray({
      createTray: () => fake,
      buildMenu: (t) => t,
      icon: 'icon.png',
      platform: 'darwin',
      actions: actions(),
    });
    tray.update(status.get(), translator('en'));
    expect(fake.setTitle).toHaveBeenLastCalledWith('2');
    expect(fake.setToolTip.mock.calls[0]?.[0]).toBe(
      'MPDesk\nCallback listener: http://127.0.0.1:17391\nTunnel: off\n2 new fan messages',
    );
    status.markSeen();
    expect(status.get().unread).toBe(2);
    status.handle(unread(0));
    expect(seen).toEqual([2, 0]);
    tray.update(status.get(), translator('en'));
    expect(fake.setTitle).toHaveBeenLastCalledWith('');
  });

  it('opens the window on a click, except on macOS where a click opens the menu', () => {
    for (const platform of ['win32', 'linux', 'darwin'] as const) {
      const on = vi.fn();
      const a = actions();
      new DesktopTray({
        createTray: () => ({
          setToolTip: vi.fn(),
          setContextMenu: vi.fn(),
          setTitle: vi.fn(),
          on,
          destroy: vi.fn(),
        }),
        buildMenu: (t) => t,
        icon: 'i',
        platform,
        actions: a,
      });
      if (platform === 'darwin') expect(on).not.toHaveBeenCalled();
      else {
        (on.mock.calls[0]?.[1] as (() => void) | undefined)?.();
        expect(a.show, platform).toHaveBeenCalled();
      }
    }
  });
});
