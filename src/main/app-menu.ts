import type { MenuItemConstructorOptions } from 'electron';
import type { Translate } from './desktop-i18n';

export interface MenuActions {
  openSettings(): void;
  checkForUpdates(): void;
  openDataFolder(): void;
  about(): void;
}

/**
 * The application menu in the UI language. Electron's role items keep their native behaviour
 * (and on macOS the system's shortcuts); only their labels are ours, so a zh-CN user reads 编辑 →
 * 复制 rather than Edit → Copy. Developer tools only in an unpackaged build.
 */
export function appMenuTemplate(
  t: Translate,
  opts: { platform: NodeJS.Platform; packaged: boolean },
  a: MenuActions,
): MenuItemConstructorOptions[] {
  const mac = opts.platform === 'darwin';
  const settings: MenuItemConstructorOptions = {
    label: t('menu.settings'),
    accelerator: 'CmdOrCtrl+,',
    click: () => a.openSettings(),
  };
  const updates: MenuItemConstructorOptions = {
    label: t('menu.checkForUpdates'),
    click: () => a.checkForUpdates(),
  };
  const about: MenuItemConstructorOptions = mac
    ? { label: t('menu.about'), role: 'about' }
    : { label: t('menu.about'), click: () => a.about() };
  const appMenu: MenuItemConstructorOptions = {
    label: 'MPDesk',
    submenu: [
      about,
      updates,
      { type: 'separator' },
      settings,
      { type: 'separator' },
      { label: t('menu.services'), role: 'services' },
      { type: 'separator' },
      { label: t('menu.hide'), role: 'hide' },
      { label: t('menu.hideOthers'), role: 'hideOthers' },
      { label: t('menu.unhide'), role: 'unhide' },
      { type: 'separator' },
      { label: t('menu.quit'), role: 'quit' },
    ],
  };
  const file: MenuItemConstructorOptions = {
    label: t('menu.file'),
    submenu: mac
      ? [{ label: t('menu.close'), role: 'close' }]
      : [
          settings,
          { label: t('menu.openDataFolder'), click: () => a.openDataFolder() },
          { type: 'separator' },
          { label: t('menu.close'), role: 'close' },
          { label: t('menu.quit'), role: 'quit' },
        ],
  };
  const edit: MenuItemConstructorOptions = {
    label: t('menu.edit'),
    submenu: [
      { label: t('menu.undo'), role: 'undo' },
      { label: t('menu.redo'), role: 'redo' },
      { type: 'separator' },
      { label: t('menu.cut'), role: 'cut' },
      { label: t('menu.copy'), role: 'copy' },
      { label: t('menu.paste'), role: 'paste' },
      { label: t('menu.selectAll'), role: 'selectAll' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: t('menu.view'),
    submenu: [
      { label: t('menu.reload'), role: 'reload' },
      ...(opts.packaged ? [] : [{ label: t('menu.toggleDevTools'), role: 'toggleDevTools' as const }]),
      { type: 'separator' },
      { label: t('menu.resetZoom'), role: 'resetZoom' },
      { label: t('menu.zoomIn'), role: 'zoomIn' },
      { label: t('menu.zoomOut'), role: 'zoomOut' },
      { type: 'separator' },
      { label: t('menu.fullscreen'), role: 'togglefullscreen' },
    ],
  };
  const windowMenu: MenuItemConstructorOptions = {
    label: t('menu.window'),
    role: 'windowMenu',
    submenu: mac
      ? [
          { label: t('menu.minimize'), role: 'minimize' },
          { label: t('menu.zoom'), role: 'zoom' },
          { type: 'separator' },
          { label: t('menu.front'), role: 'front' },
        ]
      : [
          { label: t('menu.minimize'), role: 'minimize' },
          { label: t('menu.close'), role: 'close' },
        ],
  };
  const help: MenuItemConstructorOptions = {
    label: t('menu.help'),
    role: 'help',
    submenu: mac
      ? [{ label: t('menu.openDataFolder'), click: () => a.openDataFolder() }]
      : [updates, { type: 'separator' }, about],
  };
  return [...(mac ? [appMenu] : []), file, edit, view, windowMenu, help];
}
