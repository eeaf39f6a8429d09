import fs from 'node:fs';
import path from 'node:path';
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../test/helpers/temp-dir';
import type { UpdateStatus } from '../shared/api/areas/app';
import { builtInFeedUrl, DesktopUpdater, type AutoUpdaterLike } from './desktop-updater';
import type { Timers } from './notification-throttle';

vi.mock('electron', () => ({}));

/** electron-updater's AppUpdater as the updater drives it: events, and a check that resolves. */
class FakeAutoUpdater extends EventEmitter implements AutoUpdaterLike {
  autoDownload = false;
  autoInstallOnAppQuit = false;
  feeds: unknown[] = [];
  installs = 0;
  next: (u: FakeAutoUpdater) => void = (u) => u.emit('update-not-available', { version: '1.0.0' });
  setFeedURL(o: unknown) {
    this.feeds.push(o);
  }
  checkForUpdates() {
    this.emit('checking-for-update');
    this.next(this);
    return Promise.resolve({});
  }
  quitAndInstall() {
    this.installs++;
  }
}

function make(over: { packaged?: boolean; builtIn?: string | null } = {}) {
  const u = new FakeAutoUpdater();
  const scheduled: { ms: number; fn: () => void }[] = [];
  const timers: Timers = {
    now: () => 1000,
    setTimeout: (fn, ms) => scheduled.push({ ms, fn }),
    clearTimeout: () => {},
  };
  const loads = vi.fn(() => Promise.resolve(u as AutoUpdaterLike));
  const updater = new DesktopUpdater({
    currentVersion: '1.0.0',
    packaged: over.packaged ?? true,
    loadUpdater: loads,
    builtInFeed: over.builtIn ?? null,
    timers,
  });
  const states: UpdateStatus['state'][] = [];
  updater.onChange((s) => states.push(s.state));
  return { u, updater, states, loads, scheduled };
}

describe('desktop updater', () => {
  it('is off, and loads nothing, when no feed is set', async () => {
    const { updater, loads, scheduled } = make();
    updater.configure('');
    expect(updater.status()).toMatchObject({ state: 'off', feedUrl: null, currentVersion: '1.0.0' });
    expect((await updater.check()).state).toBe('off');
    expect(loads).not.toHaveBeenCalled();
    expect(scheduled).toEqual([]);
  });

  it('checks the generic feed from Settings, downloads a newer version and installs on request', async () => {
    const { u, updater, states, scheduled } = make();
    updater.configure('https://dl.example.com/mpdesk/');
    expect(updater.status()).toMatchObject({ state: 'idle', feedUrl: 'https://dl.example.com/mpdesk/' });
    expect(scheduled.map((s) => s.ms)).toEqual([30_000]);
    u.next = (x) => {
      x.emit('update-available', { version: '1.2.0' });
      x.emit('download-progress', { percent: 41.6 });
    };
    const s = await updater.check();
    expect(u.feeds).toEqual([{ provider: 'generic', url: 'https://dl.example.com/mpdesk/' }]);
    expect(u.autoDownload).toBe(true);
    expect(s).toMatchObject({ state: 'downloading', availableVersion: '1.2.0', percent: 42 });
    expect(() => updater.install()).toThrow(/No update has been downloaded/);
    u.emit('update-downloaded', { version: '1.2.0' });
    expect(updater.status()).toMatchObject({ state: 'ready', availableVersion: '1.2.0', percent: 100 });
    updater.install();
    await vi.waitFor(() => expect(u.installs).toBe(1));
    expect(states).toEqual(['idle', 'checking', 'downloading', 'downloading', 'ready']);
  });

  it('says up to date, and reports a failing feed in the updater’s words', async () => {
    const { u, updater } = make();
    updater.configure('https://dl.example.com/mpdesk');
    expect((await updater.check()).state).toBe('up-to-date');
    u.next = (x) =>
      x.emit('error', new Error('HttpError: 404 Not Found\n"method: GET url: …/latest-linux.yml"'));
    expect(await updater.check()).toMatchObject({ state: 'error', error: 'HttpError: 404 Not Found' });
  });

  it('falls back to the feed built into the installer, and Settings overrides it', () => {
    const { updater } = make({ builtIn: 'https://builtin.example.com/feed' });
    updater.configure('');
    expect(updater.status().feedUrl).toBe('https://builtin.example.com/feed');
    updater.configure('https://mine.example.com/feed');
    expect(updater.status().feedUrl).toBe('https://mine.example.com/feed');
  });

  it('in a development run explains that updates install into the packaged app', async () => {
    const { updater, loads, scheduled } = make({ packaged: false });
    updater.configure('https://dl.example.com/mpdesk');
    expect(scheduled).toEqual([]);
    expect(await updater.check()).toMatchObject({
      state: 'error',
      error: expect.stringMatching(/development run/),
    });
    expect(loads).not.toHaveBeenCalled();
  });

  it('reads the feed URL electron-builder wrote into app-update.yml', () => {
    const dir = tempDir();
    expect(builtInFeedUrl(dir)).toBeNull();
    fs.writeFileSync(
      path.join(dir, 'app-update.yml'),
      'provider: generic\nurl: https://dl.example.com/mpdesk\nupdaterCacheDirName: mpdesk-updater\n',
    );
    expect(builtInFeedUrl(dir)).toBe('https://dl.example.com/mpdesk');
    expect(builtInFeedUrl(undefined)).toBeNull();
  });
});
