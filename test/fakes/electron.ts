/**
 * A stand-in for the `electron` module in unit tests: Electron's binary cannot run on our machines
 * (docs/architecture.md §9). It keeps what the main process did (windows, tray, menus,
 * notifications, dialogs) in a plain state object the test owns, and lets the test play the
 * user: close a window, click a notification, answer a dialog.
 *
 * Use: `const state = vi.hoisted(() => ({}) as FakeElectronState);`
 *      `vi.mock('electron', async () => (await import('../../test/fakes/electron')).fakeElectron(state));`
 */
type Handler = (...a: unknown[]) => unknown;

export interface FakeWindow {
  options: Record<string, unknown>;
  url?: string;
  handlers: Record<string, Handler[]>;
  visible: boolean;
  focused: boolean;
  destroyed: boolean;
  executed: string[];
  emit(ev: string, ...a: unknown[]): void;
  show(): void;
  hide(): void;
  focus(): void;
  setBounds(b: { x: number; y: number; width: number; height: number }): void;
}

export interface FakeNotification {
  title: string;
  body: string;
  shown: boolean;
  click(): void;
}

export interface FakeElectronState {
  lock: boolean;
  userData: string;
  packaged: boolean;
  backend: string;
  systemLanguages: string[];
  dialogResponse: number;
  windows: FakeWindow[];
  ipcChannels: string[];
  quit: number;
  appHandlers: Record<string, Handler>;
  menus: unknown[][];
  tray: { tooltip: string; menu: unknown[]; title: string; destroyed: boolean } | null;
  notifications: FakeNotification[];
  dialogs: Record<string, unknown>[];
  /** dialog.showErrorBox calls: [title, content]. */
  errorBoxes: [string, string][];
  exitCode: number | null;
  badge: number;
  loginItems: unknown[];
}

export function resetFakeElectron(state: FakeElectronState, userData: string): void {
  Object.assign(state, {
    lock: true,
    userData,
    packaged: true,
    backend: 'gnome_libsecret',
    systemLanguages: ['en-US'],
    dialogResponse: 0,
    windows: [],
    ipcChannels: [],
    quit: 0,
    appHandlers: {},
    menus: [],
    tray: null,
    notifications: [],
    dialogs: [],
    errorBoxes: [],
    exitCode: null,
    badge: 0,
    loginItems: [],
  } satisfies FakeElectronState);
}

export function fakeElectron(state: FakeElectronState) {
  class BrowserWindow implements FakeWindow {
    static getAllWindows = () => state.windows;
    handlers: Record<string, Handler[]> = {};
    visible = false;
    focused = false;
    destroyed = false;
    executed: string[] = [];
    url?: string;
    bounds = { x: 0, y: 0, width: 0, height: 0 };
    webContents = {
      setWindowOpenHandler: () => {},
      on: () => {},
      once: () => {},
      isDestroyed: () => this.destroyed,
      isLoading: () => false,
      send: () => {},
      executeJavaScript: (js: string) => {
        this.executed.push(js);
        return Promise.resolve();
      },
    };
    constructor(public options: Record<string, unknown>) {
      this.bounds = {
        x: (options.x as number) ?? 100,
        y: (options.y as number) ?? 100,
        width: options.width as number,
        height: options.height as number,
      };
      state.windows.push(this);
    }
    emit(ev: string, ...a: unknown[]) {
      for (const h of this.handlers[ev] ?? []) h(...a);
    }
    on(ev: string, fn: Handler) {
      (this.handlers[ev] ??= []).push(fn);
      return this;
    }
    once(ev: string, fn: Handler) {
      return this.on(ev, fn);
    }
    loadURL(url: string) {
      this.url = url;
      return Promise.resolve();
    }
    isDestroyed = () => this.destroyed;
    isMinimized = () => false;
    isMaximized = () => false;
    isVisible = () => this.visible;
    isFocused = () => this.focused;
    restore() {}
    maximize() {}
    show() {
      this.visible = true;
    }
    hide() {
      this.visible = false;
      this.focused = false;
    }
    focus() {
      this.focused = true;
      this.emit('focus');
    }
    getNormalBounds = () => this.bounds;
    setBounds(b: typeof this.bounds) {
      this.bounds = b;
      this.emit('move');
    }
  }

  class Notification implements FakeNotification {
    static isSupported = () => true;
    shown = false;
    title: string;
    body: string;
    handlers: Record<string, Handler> = {};
    constructor(o: { title: string; body: string }) {
      this.title = o.title;
      this.body = o.body;
      state.notifications.push(this);
    }
    on(ev: string, fn: Handler) {
      this.handlers[ev] = fn;
      return this;
    }
    show() {
      this.shown = true;
    }
    click() {
      this.handlers.click?.();
    }
  }

  class Tray {
    constructor() {
      state.tray = { tooltip: '', menu: [], title: '', destroyed: false };
    }
    setToolTip(t: string) {
      state.tray!.tooltip = t;
    }
    setContextMenu(m: unknown[]) {
      state.tray!.menu = m;
    }
    setTitle(t: string) {
      state.tray!.title = t;
    }
    on() {}
    destroy() {
      state.tray!.destroyed = true;
    }
  }

  const Menu = {
    buildFromTemplate: (t: unknown[]) => t,
    setApplicationMenu: (m: unknown[]) => state.menus.push(m),
  };

  return {
    app: {
      requestSingleInstanceLock: () => state.lock,
      on: (ev: string, fn: Handler) => (state.appHandlers[ev] = fn),
      whenReady: () => Promise.resolve(),
      getPath: () => state.userData,
      setPath: (_: string, p: string) => (state.userData = p),
      getAppPath: () => '/nonexistent-app-path',
      get isPackaged() {
        return state.packaged;
      },
      getPreferredSystemLanguages: () => state.systemLanguages,
      setBadgeCount: (n: number) => (state.badge = n),
      getLoginItemSettings: () => ({ openAtLogin: false, wasOpenedAtLogin: false }),
      setLoginItemSettings: (s: unknown) => state.loginItems.push(s),
      setAppUserModelId: () => {},
      showAboutPanel: () => {},
      quit: () => state.quit++,
      exit: (code: number) => (state.exitCode = code),
    },
    BrowserWindow,
    Notification,
    Tray,
    Menu,
    nativeImage: { createFromPath: () => ({ resize: () => ({}) }) },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    dialog: {
      showErrorBox: (title: string, content: string) => state.errorBoxes.push([title, content]),
      showMessageBox: (o: Record<string, unknown>) => {
        state.dialogs.push(o);
        return Promise.resolve({ response: state.dialogResponse });
      },
    },
    ipcMain: { handle: (ch: string) => state.ipcChannels.push(ch), removeHandler: () => {} },
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => state.backend,
      encryptString: (s: string) => Buffer.from(s).reverse(),
      decryptString: (b: Buffer) => Buffer.from(b).reverse().toString(),
    },
    shell: { openExternal: () => Promise.resolve(), openPath: () => Promise.resolve('') },
    session: {
      defaultSession: { webRequest: { onHeadersReceived: () => {} }, setPermissionRequestHandler: () => {} },
    },
    default: {},
  };
}
