import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../test/helpers/temp-dir';
import { resetFakeElectron, type FakeElectronState } from '../../test/fakes/electron';

/** Boots the real main-process module against a fake Electron (its binary cannot run here). */
const state = vi.hoisted(() => ({}) as FakeElectronState);
vi.mock('electron', async () => (await import('../../test/fakes/electron')).fakeElectron(state));

beforeEach(() => {
  vi.resetModules();
  resetFakeElectron(state, tempDir());
});
afterEach(async () => {
  state.appHandlers['before-quit']?.();
  // will-quit holds the quit while core stops, then quits again: wait for that.
  let held = false;
  const quits = state.quit;
  state.appHandlers['will-quit']?.({ preventDefault: () => (held = true) });
  if (held) await vi.waitFor(() => expect(state.quit).toBeGreaterThan(quits));
});

async function bootAndSettle() {
  await import('./index');
  await vi.waitFor(() => expect(state.windows.length + state.quit).toBeGreaterThan(0));
}

describe('Electron main process', () => {
  it('opens one secure window on the built renderer, with the call channel, tray and menu', async () => {
    await bootAndSettle();
    expect(state.windows).toMatchObject([
      {
        options: { webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false } },
        url: expect.stringMatching(/^file:\/\/.*\/renderer\/index\.html$/),
        visible: true,
      },
    ]);
    expect(state.ipcChannels).toEqual(['app:call']);
    expect(state.tray?.tooltip).toMatch(/^MPDesk\nCallback listener: http:\/\/127\.0\.0\.1:\d+/);
    expect(state.menus).toHaveLength(1);
    expect(state.dialogs).toEqual([]);
  });

  it('quits when another instance already holds the single-instance lock', async () => {
    state.lock = false;
    await bootAndSettle();
    expect(state.quit).toBe(1);
    expect(state.windows).toHaveLength(0);
  });

  it('says in a window why it cannot start when another MPDesk holds the data folder', async () => {
    fs.mkdirSync(state.userData, { recursive: true });
    const lock = path.join(state.userData, 'mpdesk.lock');
    // A live process (this one) on this host holds it, as a running headless MPDesk would.
    const os = await import('node:os');
    fs.writeFileSync(lock, JSON.stringify({ pid: process.pid, host: os.hostname(), startedAt: Date.now() }));
    state.systemLanguages = ['zh-CN'];
    await import('./index');
    await vi.waitFor(() => expect(state.exitCode).toBe(1));
    expect(state.windows).toHaveLength(0);
    expect(state.errorBoxes).toEqual([['MPDesk 无法启动', expect.stringContaining(String(process.pid))]]);
  });

  it('on Linux without a keychain, says so and seals with a key file once the user agrees', async () => {
    if (process.platform !== 'linux') return;
    state.backend = 'basic_text';
    state.dialogResponse = 0;
    await bootAndSettle();
    const keyFile = path.join(state.userData, 'secret.key');
    expect(state.dialogs).toMatchObject([
      { detail: expect.stringContaining(keyFile), buttons: ['Use a Key File', 'Quit'] },
    ]);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(state.windows).toHaveLength(1);
  });

  it('on Linux without a keychain, quits without creating anything when the user declines', async () => {
    if (process.platform !== 'linux') return;
    state.backend = 'basic_text';
    state.dialogResponse = 1;
    await bootAndSettle();
    expect(state.quit).toBe(1);
    expect(state.windows).toHaveLength(0);
    expect(fs.existsSync(path.join(state.userData, 'secret.key'))).toBe(false);
    expect(fs.existsSync(path.join(state.userData, 'mpdesk.sqlite'))).toBe(false);
  });

  it('brings the window back when a second instance starts', async () => {
    await bootAndSettle();
    const [w] = state.windows;
    if (!w) throw new Error('the app opened no window');
    w.hide();
    state.appHandlers['second-instance']?.();
    expect(w.visible).toBe(true);
    expect(w.focused).toBe(true);
  });
});
