import fs from 'node:fs';
import path from 'node:path';
import type * as ElectronUpdater from 'electron-updater';
import type { UpdateStatus } from '../shared/api/areas/app';
import { AppError } from '../shared/errors';
import type { UpdatesPort } from '../core';
import type { Timers } from './notification-throttle';

/** The parts of electron-updater's AppUpdater used here (tests pass a fake). */
export interface AutoUpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'update-available' | 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'download-progress', listener: (progress: { percent: number }) => void): unknown;
  on(event: 'update-not-available', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export interface DesktopUpdaterDeps {
  currentVersion: string;
  /** An installed app; `npm start` runs from the checkout, which an installer cannot replace. */
  packaged: boolean;
  /** electron-updater, imported only once a feed is set (it reads files as it loads). */
  loadUpdater(): Promise<AutoUpdaterLike>;
  /** The feed built into the installer (`MPDESK_UPDATE_FEED` at `npm run dist`), if any. */
  builtInFeed: string | null;
  timers: Timers;
}

/** First check a little after launch, then every 6 hours while MPDesk runs. */
const FIRST_CHECK_MS = 30_000;
const EVERY_MS = 6 * 60 * 60 * 1000;

/**
 * electron-updater's autoUpdater. The bundle keeps `import()` native, and Node's import of a
 * CommonJS package names only what its lexer sees: `autoUpdater` (a lazy getter) is on `default`.
 */
type Mod = typeof ElectronUpdater;
export async function loadElectronUpdater(): Promise<AutoUpdaterLike> {
  const m = (await import('electron-updater')) as Mod & { default?: Mod };
  return (m.default ?? m).autoUpdater as unknown as AutoUpdaterLike;
}

/** The `url:` of electron-builder's app-update.yml (written when a publish feed was configured). */
export function builtInFeedUrl(resourcesPath: string | undefined): string | null {
  if (!resourcesPath) return null;
  try {
    const yml = fs.readFileSync(path.join(resourcesPath, 'app-update.yml'), 'utf8');
    return /^url:\s*['"]?([^'"\s]+)['"]?\s*$/m.exec(yml)?.[1] ?? null;
  } catch {
    return null;
  }
}

/**
 * Self-update through electron-updater's generic provider: a folder of installers and their
 * latest*.yml, on the feed in Settings or the one built in; off when neither is set. A newer
 * version downloads in the background and installs when the user restarts (or quits).
 */
export class DesktopUpdater implements UpdatesPort {
  private s: UpdateStatus;
  private readonly listeners = new Set<(s: UpdateStatus) => void>();
  private updater?: Promise<AutoUpdaterLike>;
  private timer: unknown;

  constructor(private readonly deps: DesktopUpdaterDeps) {
    this.s = {
      state: 'off',
      currentVersion: deps.currentVersion,
      feedUrl: null,
      availableVersion: null,
      percent: null,
      checkedAt: null,
      error: null,
    };
  }

  /** The feed from Settings ('' = the built-in one); checks soon when it changed. */
  configure(settingFeed: string): void {
    const feed = settingFeed || this.deps.builtInFeed;
    if (feed === this.s.feedUrl) return;
    this.set({
      state: feed ? 'idle' : 'off',
      feedUrl: feed,
      availableVersion: null,
      percent: null,
      error: null,
    });
    this.schedule(FIRST_CHECK_MS);
  }

  status(): UpdateStatus {
    return this.s;
  }

  onChange(listener: (s: UpdateStatus) => void): void {
    this.listeners.add(listener);
  }

  async check(): Promise<UpdateStatus> {
    const feed = this.s.feedUrl;
    if (!feed || this.s.state === 'checking' || this.s.state === 'downloading' || this.s.state === 'ready')
      return this.s;
    if (!this.deps.packaged) {
      return this.set({
        state: 'error',
        checkedAt: this.deps.timers.now(),
        error: 'This is a development run (npm start): updates install into the packaged app only.',
      });
    }
    this.set({ state: 'checking', error: null });
    try {
      const u = await this.load();
      u.setFeedURL({ provider: 'generic', url: feed });
      await u.checkForUpdates();
      // electron-updater answers through its events before the check resolves; none means it did nothing.
      if (this.status().state === 'checking')
        this.fail(new Error('The updater did not check (not an installed copy?).'));
    } catch (e) {
      this.fail(e);
    }
    return this.s;
  }

  install(): UpdateStatus {
    if (this.s.state !== 'ready')
      throw new AppError('conflict', 'No update has been downloaded yet: check for updates first.');
    void this.load().then((u) => u.quitAndInstall(false, true));
    return this.s;
  }

  dispose(): void {
    if (this.timer !== undefined) this.deps.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private load(): Promise<AutoUpdaterLike> {
    this.updater ??= this.deps.loadUpdater().then((u) => {
      u.autoDownload = true;
      u.autoInstallOnAppQuit = true;
      u.on('update-available', (info: { version: string }) =>
        this.set({ state: 'downloading', availableVersion: info.version, percent: 0 }),
      );
      u.on('update-not-available', () =>
        this.set({ state: 'up-to-date', checkedAt: this.deps.timers.now(), availableVersion: null }),
      );
      u.on('download-progress', (p: { percent: number }) =>
        this.set({ state: 'downloading', percent: Math.round(p.percent) }),
      );
      u.on('update-downloaded', (info: { version: string }) =>
        this.set({
          state: 'ready',
          availableVersion: info.version,
          percent: 100,
          checkedAt: this.deps.timers.now(),
        }),
      );
      u.on('error', (e: Error) => this.fail(e));
      return u;
    });
    return this.updater;
  }

  private fail(e: unknown): void {
    const firstLine = (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
    const message = firstLine.slice(0, 300);
    this.set({ state: 'error', error: message, percent: null, checkedAt: this.deps.timers.now() });
  }

  private schedule(ms: number): void {
    this.dispose();
    if (!this.s.feedUrl || !this.deps.packaged) return;
    this.timer = this.deps.timers.setTimeout(() => {
      void this.check().finally(() => this.schedule(EVERY_MS));
    }, ms);
  }

  private set(patch: Partial<UpdateStatus>): UpdateStatus {
    this.s = { ...this.s, ...patch };
    for (const l of this.listeners) l(this.s);
    return this.s;
  }
}
