import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { appMenuTemplate, type MenuActions } from './app-menu';
import { translator } from './desktop-i18n';

vi.mock('electron', () => ({}));

const actions = (): MenuActions => ({
  openSettings: vi.fn(),
  checkForUpdates: vi.fn(),
  openDataFolder: vi.fn(),
  about: vi.fn(),
});
const flat = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
  items.flatMap((i) => [i, ...flat((i.submenu as MenuItemConstructorOptions[]) ?? [])]);

describe('application menu', () => {
  it('has the standard roles, labelled in the UI language', () => {
    const zh = appMenuTemplate(translator('zh-CN'), { platform: 'win32', packaged: true }, actions());
    expect(zh.map((m) => m.label)).toEqual(['文件', '编辑', '视图', '窗口', '帮助']);
    const roles = Object.fromEntries(
      flat(zh)
        .filter((i) => i.role)
        .map((i) => [i.role, i.label]),
    );
    expect(roles).toMatchObject({
      undo: '撤销',
      redo: '重做',
      cut: '剪切',
      copy: '复制',
      paste: '粘贴',
      selectAll: '全选',
      reload: '重新加载',
      zoomIn: '放大',
      zoomOut: '缩小',
      resetZoom: '实际大小',
      togglefullscreen: '切换全屏',
      minimize: '最小化',
      close: '关闭窗口',
      quit: '退出 MPDesk',
    });
    const en = appMenuTemplate(translator('en'), { platform: 'win32', packaged: true }, actions());
    expect(flat(en).find((i) => i.role === 'copy')?.label).toBe('Copy');
  });

  it('on macOS leads with the app menu (about, services, hide, quit)', () => {
    const m = appMenuTemplate(translator('en'), { platform: 'darwin', packaged: true }, actions());
    const [appMenu] = m;
    expect(appMenu?.label).toBe('MPDesk');
    const roles = ((appMenu?.submenu ?? []) as MenuItemConstructorOptions[])
      .map((i) => i.role)
      .filter(Boolean);
    expect(roles).toEqual(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit']);
    expect(flat(m).find((i) => i.role === 'front')).toBeTruthy();
  });

  it('has developer tools only in an unpackaged build', () => {
    const has = (packaged: boolean) =>
      flat(appMenuTemplate(translator('en'), { platform: 'linux', packaged }, actions())).some(
        (i) => i.role === 'toggleDevTools',
      );
    expect(has(true)).toBe(false);
    expect(has(false)).toBe(true);
  });

  it('opens Settings with Ctrl/Cmd+, and checks for updates from Help', () => {
    const a = actions();
    const items = flat(appMenuTemplate(translator('en'), { platform: 'linux', packaged: true }, a));
    const settings = items.find((i) => i.label === 'Settings…')!;
    expect(settings.accelerator).toBe('CmdOrCtrl+,');
    (settings.click as () => void)();
    expect(a.openSettings).toHaveBeenCalled();
    (items.find((i) => i.label === 'Check for Updates…')!.click as () => void)();
    expect(a.checkForUpdates).toHaveBeenCalled();
  });
});
