/**
 * Electron shell: lifecycle, secrets, the IPC bridge, and the desktop shell around the window
 * (desktop-shell.ts). Everything else is core (docs/architecture.md §1).
 */
import path from 'node:path';
import { app, dialog, ipcMain, safeStorage, session } from 'electron';
import { createCore, type Core } from '../core';
import { desktopLocale, translator } from './desktop-i18n';
import { readDesktopSnapshot, startDesktopShell, type DesktopShell } from './desktop-shell';
import { builtInFeedUrl, DesktopUpdater, loadElectronUpdater } from './desktop-updater';
import { registerIpc } from './ipc-bridge';
import { launchedHidden } from './login-item';
import { electronNativeBinding } from './native-binding';
import { systemTimers } from './notification-throttle';
import { chooseSecretCipher, type NoKeychainAnswer } from './secret-storage';
import { hardenSession } from './security';

declare const __MPDESK_VERSION__: string;

const APP_ID = 'com.mpdesk.console';

let core: Core | undefined;
let desktop: DesktopShell | undefined;

function rendererUrl(): string {
  if (!app.isPackaged && process.env.ELECTRON_RENDERER_URL) return process.env.ELECTRON_RENDERER_URL;
  return new URL(`file://${path.join(__dirname, '../renderer/index.html')}`).href;
}

/** No keychain on this Linux desktop: say so, and offer the key file (secret-storage.ts). */
async function askNoKeychain(keyFile: string): Promise<NoKeychainAnswer> {
  // MPDESK_SECRET_STORE=key-file answers for unattended runs (CI under xvfb, kiosk installs).
  if (process.env.MPDESK_SECRET_STORE === 'key-file') return 'key-file';
  const t = translator(desktopLocale('auto', app.getPreferredSystemLanguages()));
  const { response } = await dialog.showMessageBox({
    type: 'warning',
    title: t('secrets.noKeychain.title'),
    message: t('secrets.noKeychain.message'),
    detail: t('secrets.noKeychain.detail', { file: keyFile }),
    buttons: [t('secrets.noKeychain.useKeyFile'), t('secrets.noKeychain.quit')],
    defaultId: 0,
    cancelId: 1,
    noLink: true,
  });
  return response === 0 ? 'key-file' : 'quit';
}

async function boot() {
  // A data folder of its own (tests, a second profile); also keeps the single-instance lock apart.
  if (process.env.MPDESK_DATA_DIR) app.setPath('userData', path.resolve(process.env.MPDESK_DATA_DIR));
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('second-instance', () => desktop?.show());
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
  await app.whenReady();
  hardenSession(session.defaultSession);
  const dataDir = app.getPath('userData');
  const cipher = await chooseSecretCipher({
    platform: process.platform,
    safeStorage,
    dataDir,
    askNoKeychain,
  });
  if (!cipher) {
    app.quit();
    return;
  }
  const updater = new DesktopUpdater({
    currentVersion: __MPDESK_VERSION__,
    packaged: app.isPackaged,
    loadUpdater: loadElectronUpdater,
    builtInFeed: builtInFeedUrl(app.isPackaged ? process.resourcesPath : undefined),
    timers: systemTimers,
  });
  core = createCore({
    dataDir,
    shell: 'electron',
    version: __MPDESK_VERSION__,
    cipher,
    updates: updater,
    nativeBinding: electronNativeBinding(
      app.getAppPath(),
      app.isPackaged ? process.resourcesPath : undefined,
    ),
  });
  registerIpc(ipcMain, core, rendererUrl());
  await core.start();
  desktop = startDesktopShell({
    core,
    initial: await readDesktopSnapshot(core),
    updater,
    rendererUrl: rendererUrl(),
    preloadPath: path.join(__dirname, '../preload/index.js'),
    iconPath: path.join(app.getAppPath(), 'resources', 'icon.png'),
    // macOS says so itself; Windows and Linux start us with --hidden (login-item.ts).
    hidden: launchedHidden(
      process.argv,
      process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin,
    ),
  });
  app.on('activate', () => desktop?.show());
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('before-quit', () => desktop?.beforeQuit());

let quitting = false;
app.on('will-quit', (event) => {
  if (quitting || !core) return;
  // Stop core cleanly (tunnel, listeners, database) before the process goes.
  event.preventDefault();
  quitting = true;
  void core.stop().finally(() => app.quit());
});

boot().catch((e: Error) => {
  console.error('MPDesk failed to start:', e);
  // Say why in a window too (e.g. another MPDesk holds the data folder): a desktop user sees no console.
  const t = translator(desktopLocale('auto', app.getPreferredSystemLanguages()));
  dialog.showErrorBox(t('boot.failed'), e.message);
  app.exit(1);
});
