/**
 * Electron shell: lifecycle, the window, security hooks, the IPC bridge and safeStorage secrets.
 * Everything else is core (docs/architecture.md §1).
 */
import path from 'node:path';
import { app, BrowserWindow, ipcMain, safeStorage, shell } from 'electron';
import { createCore, type Core } from '../core';
import { forwardEvents, registerIpc } from './ipc-bridge';
import { electronNativeBinding } from './native-binding';
import { safeStorageCipher } from './safe-storage-cipher';
import { hardenSession, lockDownContents, secureWindowOptions } from './security';

declare const __MPDESK_VERSION__: string;

let core: Core | undefined;
let win: BrowserWindow | undefined;

function rendererUrl(): string {
  if (!app.isPackaged && process.env.ELECTRON_RENDERER_URL) return process.env.ELECTRON_RENDERER_URL;
  return new URL(`file://${path.join(__dirname, '../renderer/index.html')}`).href;
}

function createWindow(c: Core): BrowserWindow {
  const w = new BrowserWindow(
    secureWindowOptions(
      path.join(__dirname, '../preload/index.js'),
      path.join(app.getAppPath(), 'resources', 'icon.png'),
    ),
  );
  lockDownContents(w.webContents, rendererUrl(), (url) => void shell.openExternal(url));
  forwardEvents(c, w.webContents);
  w.once('ready-to-show', () => w.show());
  void w.loadURL(rendererUrl());
  return w;
}

async function boot() {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  await app.whenReady();
  hardenSession((await import('electron')).session.defaultSession);
  core = createCore({
    dataDir: app.getPath('userData'),
    shell: 'electron',
    version: __MPDESK_VERSION__,
    cipher: safeStorageCipher(safeStorage),
    nativeBinding: electronNativeBinding(
      app.getAppPath(),
      app.isPackaged ? process.resourcesPath : undefined,
    ),
  });
  registerIpc(ipcMain, core, rendererUrl());
  await core.start();
  win = createWindow(core);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0 && core) win = createWindow(core);
  });
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

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
  app.exit(1);
});
