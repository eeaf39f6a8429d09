import { BrowserWindow } from 'electron';
import type { Core } from '../core';
import { forwardEvents } from './ipc-bridge';
import { lockDownContents, secureWindowOptions } from './security';
import { clampToDisplays, type Rect, type WindowStateFile } from './window-state';

export interface MainWindowDeps {
  core: Core;
  rendererUrl: string;
  preloadPath: string;
  iconPath: string;
  stateFile: WindowStateFile;
  /** The displays' work areas now (electron's screen). */
  workAreas(): Rect[];
  /** Close hides to the tray (the setting, and a tray to come back from). */
  closeToTray(): boolean;
  onHiddenToTray(): void;
  onFocus(): void;
  openExternal(url: string): void;
}

const SAVE_DELAY_MS = 500;

/**
 * The one console window: opened where it was last (clamped to the displays there are now),
 * hidden to the tray on close when the user wants, and told which screen to show.
 */
export class MainWindow {
  private win?: BrowserWindow;
  private quitting = false;
  private saveTimer?: ReturnType<typeof setTimeout>;

  constructor(private readonly deps: MainWindowDeps) {}

  /** Shows the window (creating it if needed) and, given a route, opens that screen. */
  show(route?: string): void {
    const w = this.win && !this.win.isDestroyed() ? this.win : this.create(route);
    if (w.isMinimized()) w.restore();
    if (!w.isVisible()) w.show();
    w.focus();
    if (route && w === this.win && !w.webContents.isLoading()) this.navigate(w, route);
  }

  /** Creates the window without showing it (a login launch stays in the tray until asked). */
  ensure(): void {
    if (!this.win || this.win.isDestroyed()) this.create(undefined, false);
  }

  isFocused(): boolean {
    return !!this.win && !this.win.isDestroyed() && this.win.isVisible() && this.win.isFocused();
  }

  /** From now on close means close (the app is quitting). */
  allowClose(): void {
    this.quitting = true;
  }

  private create(route?: string, showWhenReady = true): BrowserWindow {
    const saved = clampToDisplays(this.deps.stateFile.read(), this.deps.workAreas());
    const base = secureWindowOptions(this.deps.preloadPath, this.deps.iconPath);
    const w = new BrowserWindow({ ...base, ...saved.bounds });
    this.win = w;
    if (saved.maximized) w.maximize();
    lockDownContents(w.webContents, this.deps.rendererUrl, this.deps.openExternal);
    forwardEvents(this.deps.core, w.webContents);
    if (showWhenReady) w.once('ready-to-show', () => w.show());
    w.on('focus', () => this.deps.onFocus());
    w.on('resize', () => this.saveSoon(w));
    w.on('move', () => this.saveSoon(w));
    w.on('maximize', () => this.saveSoon(w));
    w.on('unmaximize', () => this.saveSoon(w));
    w.on('close', (e) => {
      this.saveNow(w);
      if (this.quitting || !this.deps.closeToTray()) return;
      e.preventDefault();
      w.hide();
      this.deps.onHiddenToTray();
    });
    void w.loadURL(this.deps.rendererUrl + (route ?? ''));
    return w;
  }

  /** A hash change inside the loaded page: the renderer's router follows it, nothing reloads. */
  private navigate(w: BrowserWindow, route: string): void {
    if (!route.startsWith('#/')) return;
    void w.webContents.executeJavaScript(`location.hash = ${JSON.stringify(route)}`);
  }

  private saveSoon(w: BrowserWindow): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.saveNow(w), SAVE_DELAY_MS);
    this.saveTimer.unref?.();
  }

  private saveNow(w: BrowserWindow): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    if (w.isDestroyed() || w.isMinimized()) return;
    const b = w.getNormalBounds();
    this.deps.stateFile.write({ bounds: b, maximized: w.isMaximized() });
  }
}
