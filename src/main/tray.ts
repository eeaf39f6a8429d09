import type { MenuItemConstructorOptions, NativeImage } from 'electron';
import type { Translate } from './desktop-i18n';
import type { ShellState } from './desktop-status';
import { desktopRoutes } from './desktop-routes';

export interface TrayActions {
  show(): void;
  open(route: string): void;
  startTunnel(): void;
  stopTunnel(): void;
  quit(): void;
}

/** The state in lines: listener, tunnel, unread fan messages. */
export function trayLines(s: ShellState, t: Translate): { listener: string; tunnel: string; unread: string } {
  const listener = s.logFailing
    ? t('tray.listener.failing')
    : s.listener
      ? t('tray.listener.up', { url: s.listener.url })
      : t('tray.listener.down');
  const tn = s.tunnel;
  const tunnel =
    !tn || tn.provider === 'none' || tn.state === 'stopped'
      ? t('tray.tunnel.stopped')
      : tn.state === 'online'
        ? t('tray.tunnel.online', { url: tn.publicUrl ?? '' })
        : t(tn.state === 'connecting' ? 'tray.tunnel.connecting' : 'tray.tunnel.offline');
  return { listener, tunnel, unread: t('tray.unread', { count: s.unread }) };
}

export function trayMenuTemplate(s: ShellState, t: Translate, a: TrayActions): MenuItemConstructorOptions[] {
  const lines = trayLines(s, t);
  const tunnelUp = s.tunnel && (s.tunnel.state === 'online' || s.tunnel.state === 'connecting');
  const canTunnel = s.tunnel !== null && s.tunnel.provider !== 'none';
  return [
    { label: t('tray.show'), click: () => a.show() },
    { type: 'separator' },
    { label: lines.listener, click: () => a.open(desktopRoutes.dashboard()) },
    { label: lines.tunnel, click: () => a.open(desktopRoutes.dashboard()) },
    { label: lines.unread, enabled: s.unread > 0, click: () => a.open(desktopRoutes.fanMessages()) },
    { type: 'separator' },
    tunnelUp
      ? { label: t('tray.tunnel.stop'), click: () => a.stopTunnel() }
      : { label: t('tray.tunnel.start'), enabled: canTunnel, click: () => a.startTunnel() },
    { type: 'separator' },
    { label: t('tray.quit'), click: () => a.quit() },
  ];
}

/** The parts of Electron's Tray used here (tests pass a fake). */
export interface TrayLike {
  setToolTip(text: string): void;
  setContextMenu(menu: unknown): void;
  setTitle(title: string): void;
  on(event: 'click', fn: () => void): unknown;
  destroy(): void;
}

export interface DesktopTrayDeps {
  createTray(icon: NativeImage | string): TrayLike;
  buildMenu(template: MenuItemConstructorOptions[]): unknown;
  icon: NativeImage | string;
  platform: NodeJS.Platform;
  actions: TrayActions;
}

/**
 * The tray icon: a tooltip and a menu with the listener, the tunnel and unread fan messages, and
 * the unread count beside the icon on macOS. A click opens the window (Windows, most of Linux);
 * on macOS a click opens the menu, as there.
 */
export class DesktopTray {
  private readonly tray: TrayLike;

  constructor(private readonly deps: DesktopTrayDeps) {
    this.tray = deps.createTray(deps.icon);
    if (deps.platform !== 'darwin') this.tray.on('click', () => deps.actions.show());
  }

  update(s: ShellState, t: Translate): void {
    const lines = trayLines(s, t);
    this.tray.setToolTip(['MPDesk', lines.listener, lines.tunnel, lines.unread].join('\n'));
    this.tray.setContextMenu(this.deps.buildMenu(trayMenuTemplate(s, t, this.deps.actions)));
    if (this.deps.platform === 'darwin') this.tray.setTitle(s.unread > 0 ? String(s.unread) : '');
  }

  destroy(): void {
    this.tray.destroy();
  }
}
