import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../test/helpers/temp-dir';

/** Boots the real main-process module against a mocked Electron (its binary cannot run here). */
const state = vi.hoisted(() => ({
  lock: true,
  windows: [] as { options: Record<string, unknown>; url?: string }[],
  ipcChannels: [] as string[],
  quit: 0,
  userData: '',
  appHandlers: {} as Record<string, (...a: unknown[]) => unknown>,
}));

vi.mock('electron', () => {
  class BrowserWindow {
    static getAllWindows = () => state.windows;
    webContents = {
      setWindowOpenHandler: () => {},
      on: () => {},
      once: () => {},
      isDestroyed: () => false,
      send: () => {},
    };
    entry: { options: Record<string, unknown>; url?: string };
    constructor(options: Record<string, unknown>) {
      this.entry = { options };
      state.windows.push(this.entry);
    }
    once() {}
    loadURL(url: string) {
      this.entry.url = url;
      return Promise.resolve();
    }
  }
  const session = {
    defaultSession: { webRequest: { onHeadersReceived: () => {} }, setPermissionRequestHandler: () => {} },
  };
  return {
    app: {
      requestSingleInstanceLock: () => state.lock,
      on: (ev: string, fn: (...a: unknown[]) => unknown) => (state.appHandlers[ev] = fn),
      whenReady: () => Promise.resolve(),
      getPath: () => state.userData,
      getAppPath: () => '/nonexistent-app-path',
      isPackaged: true,
      quit: () => state.quit++,
      exit: () => {},
    },
    BrowserWindow,
    ipcMain: { handle: (ch: string) => state.ipcChannels.push(ch), removeHandler: () => {} },
    safeStorage: {
      isEncryptionAvailable: () => true,
      encryptString: (s: string) => Buffer.from(s).reverse(),
      decryptString: (b: Buffer) => Buffer.from(b).reverse().toString(),
    },
    shell: { openExternal: () => Promise.resolve() },
    session,
    default: {},
  };
});

beforeEach(() => {
  vi.resetModules();
  state.windows = [];
  state.ipcChannels = [];
  state.quit = 0;
  state.userData = tempDir();
});
afterEach(async () => {
  await state.appHandlers['will-quit']?.({ preventDefault: () => {} });
});

async function bootAndSettle() {
  await import('./index');
  await vi.waitFor(() => expect(state.windows.length + state.quit).toBeGreaterThan(0));
}

describe('Electron main process', () => {
  it('opens one secure window on the built renderer and registers the call channel', async () => {
    state.lock = true;
    await bootAndSettle();
    expect(state.windows).toHaveLength(1);
    const w = state.windows[0];
    expect(w.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
    expect(w.url).toMatch(/^file:\/\/.*\/renderer\/index\.html$/);
    expect(state.ipcChannels).toEqual(['app:call']);
  });

  it('quits when another instance already holds the single-instance lock', async () => {
    state.lock = false;
    await bootAndSettle();
    expect(state.quit).toBe(1);
    expect(state.windows).toHaveLength(0);
  });
});
