import { app, Menu, nativeImage, Notification, screen, shell, Tray } from 'electron';
import type { Core } from '../core';
import type { Settings } from '../shared/api/areas/settings';
import type { TunnelStatus } from '../shared/api/areas/tunnel';
import { appMenuTemplate } from './app-menu';
import { desktopLocale, translator, type DesktopLocale, type Translate } from './desktop-i18n';
import { desktopRoutes } from './desktop-routes';
import { DesktopStatus, ThreadUnread } from './desktop-status';
import type { DesktopUpdater } from './desktop-updater';
import { applyStartAtLogin } from './login-item';
import { MainWindow } from './main-window';
import { systemTimers } from './notification-throttle';
import { NotificationRules, type NotificationIntent } from './notification-rules';
import { Notifier } from './notifier';
import { DesktopTray } from './tray';
import { WindowStateFile } from './window-state';

export interface DesktopShellOptions {
  core: Core;
  /** What the shell shows before the first event (readDesktopSnapshot). */
  initial: DesktopSnapshot;
  updater: DesktopUpdater;
  rendererUrl: string;
  preloadPath: string;
  iconPath: string;
  /** Started by the OS at login: stay in the tray until asked. */
  hidden: boolean;
}

export interface DesktopShell {
  show(route?: string): void;
  /** The app is quitting: windows close for real, timers stop, the tray goes. */
  beforeQuit(): void;
}

/** The settings, accounts and tunnel the shell starts from; events keep them current after that. */
export interface DesktopSnapshot {
  settings: Settings;
  accounts: { id: string; name: string }[];
  tunnel: TunnelStatus;
  /** Unread fan messages across accounts (the message centre's). */
  unread: number;
}

/** Reads the snapshot through the contract, as any other client of core does. */
export async function readDesktopSnapshot(core: Core): Promise<DesktopSnapshot> {
  const [settings, accounts, tunnel, unread] = await Promise.all([
    core.handlers['settings.get'](undefined, internal),
    core.handlers['accounts.list'](undefined, internal),
    core.handlers['tunnel.status'](undefined, internal),
    core.handlers['conversations.unread'](undefined, internal),
  ]);
  return { settings, accounts, tunnel, unread: unread.total };
}

const TRAY_ICON_SIZE: Partial<Record<NodeJS.Platform, number>> = { darwin: 18, win32: 16 };
const internal = { transport: 'internal' } as const;

/**
 * Everything of the desktop app around the window: tray, application menu, notifications,
 * start at login and the updater's feed, each following the settings as they change.
 */
export function startDesktopShell(o: DesktopShellOptions): DesktopShell {
  const { core } = o;
  let current = o.initial.settings;
  const settings = (): Settings => current;
  let locale: DesktopLocale = 'en';
  let t: Translate = translator(locale);
  const names = new Map(o.initial.accounts.map((a) => [a.id, a.name]));
  const status = new DesktopStatus(
    { app: core.status(), tunnel: o.initial.tunnel },
    new ThreadUnread(o.initial.unread),
  );

  let tray: DesktopTray | undefined;
  let hinted = false;
  const window = new MainWindow({
    core,
    rendererUrl: o.rendererUrl,
    preloadPath: o.preloadPath,
    iconPath: o.iconPath,
    stateFile: WindowStateFile.in(app.getPath('userData')),
    workAreas: () => screen.getAllDisplays().map((d) => d.workArea),
    closeToTray: () => settings().closeToTray && tray !== undefined,
    onHiddenToTray: () => {
      if (hinted) return;
      hinted = true;
      show({ title: t('notify.trayHint.title'), body: t('notify.trayHint.body'), route: '' });
    },
    onFocus: () => {
      status.markSeen();
      notifier.windowFocused();
    },
    openExternal: (url) => void shell.openExternal(url),
  });

  // Notifications are kept referenced until used, or the OS may drop their click.
  const live = new Set<Notification>();
  function show(n: Omit<NotificationIntent, 'kind'>): void {
    if (!Notification.isSupported()) return;
    const note = new Notification({ title: n.title, body: n.body });
    live.add(note);
    note.on('click', () => {
      live.delete(note);
      window.show(n.route || undefined);
    });
    note.on('close', () => live.delete(note));
    note.show();
  }

  const notifier = new Notifier({
    rules: new NotificationRules(Date.now(), { app: core.status(), tunnel: o.initial.tunnel }),
    settings,
    context: () => ({ t, locale, accountName: (id) => (id ? (names.get(id) ?? id) : 'MPDesk') }),
    windowFocused: () => window.isFocused(),
    show,
    timers: systemTimers,
  });

  const actions = {
    show: () => window.show(),
    open: (route: string) => window.show(route),
    startTunnel: () =>
      void Promise.resolve(core.handlers['tunnel.start'](undefined, internal)).catch(logError),
    stopTunnel: () => void Promise.resolve(core.handlers['tunnel.stop'](undefined, internal)).catch(logError),
    quit: () => app.quit(),
    openSettings: () => window.show(desktopRoutes.settings()),
    checkForUpdates: () => {
      window.show(desktopRoutes.settings());
      void o.updater.check();
    },
    openDataFolder: () => void shell.openPath(app.getPath('userData')),
    about: () => app.showAboutPanel(),
  };

  try {
    const size = TRAY_ICON_SIZE[process.platform] ?? 22;
    tray = new DesktopTray({
      createTray: (icon) => new Tray(icon as Electron.NativeImage),
      buildMenu: (template) => Menu.buildFromTemplate(template),
      icon: nativeImage.createFromPath(o.iconPath).resize({ width: size, height: size }),
      platform: process.platform,
      actions,
    });
  } catch (e) {
    // Some Linux desktops have no status area: the window then closes for real.
    console.warn(`[tray] no tray icon: ${(e as Error).message}`);
  }

  const render = () => {
    tray?.update(status.get(), t);
    app.setBadgeCount(status.get().unread);
  };
  const renderMenu = () =>
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        appMenuTemplate(t, { platform: process.platform, packaged: app.isPackaged }, actions),
      ),
    );

  let applied: Partial<Settings> = {};
  const applySettings = (s: Settings) => {
    const nextLocale = desktopLocale(s.language, app.getPreferredSystemLanguages());
    if (nextLocale !== locale || applied.language === undefined) {
      locale = nextLocale;
      t = translator(locale);
      renderMenu();
      render();
    }
    // A development run must not register the bare Electron binary as a login item.
    if (app.isPackaged && s.startAtLogin !== applied.startAtLogin) {
      applyStartAtLogin(s.startAtLogin, {
        platform: process.platform,
        setLoginItemSettings: (x) => app.setLoginItemSettings(x),
        executable: process.env.APPIMAGE ?? process.execPath,
      });
    }
    o.updater.configure(s.updateFeedUrl);
    applied = s;
    current = s;
  };

  status.onChange(render);
  const unsubscribe = core.events.subscribe((e) => {
    // The bus swallows a subscriber's exception; say it here rather than lose it.
    try {
      if (e.name === 'accounts.changed') {
        names.clear();
        for (const a of e.payload.accounts) names.set(a.id, a.name);
      }
      status.handle(e);
      notifier.handle(e);
      if (e.name === 'settings.changed') applySettings(e.payload);
    } catch (err) {
      console.error(`[desktop] ${e.name}:`, err);
    }
  });
  applySettings(settings());
  if (!o.hidden || !tray) window.show();

  return {
    show: (route) => window.show(route),
    beforeQuit: () => {
      window.allowClose();
      unsubscribe();
      notifier.dispose();
      o.updater.dispose();
      tray?.destroy();
      tray = undefined;
    },
  };
}

function logError(e: unknown): void {
  console.warn(`[tray] ${(e as Error).message}`);
}
