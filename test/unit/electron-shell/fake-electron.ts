// A recording stand-in for the `electron` module, used only because the Electron binary cannot be
// installed on this machine. It models the calls electron/main makes, nothing more; the modules under
// test are the real ones.
type Fn = (...args: any[]) => any;

class Emitter {
  listeners = new Map<string, Fn[]>();
  on(name: string, fn: Fn) {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), fn]);
    return this;
  }
  once(name: string, fn: Fn) {
    return this.on(name, fn);
  }
  emit(name: string, ...args: unknown[]) {
    for (const fn of this.listeners.get(name) ?? []) fn(...args);
  }
}

export class FakeContents extends Emitter {
  static nextId = 1;
  id = FakeContents.nextId++;
  sent: unknown[][] = [];
  destroyed = false;
  windowOpenHandler: Fn | null = null;
  isDestroyed = () => this.destroyed;
  send = (...args: unknown[]) => void this.sent.push(args);
  setWindowOpenHandler = (fn: Fn) => void (this.windowOpenHandler = fn);
}

export function createFakeElectron(opts: { lock?: boolean } = {}) {
  const windows: FakeWindow[] = [];
  const handlers = new Map<string, Fn>();
  const opened: string[] = [];
  const notifications: { title: string; body: string }[] = [];
  const errors: [string, string][] = [];
  const paths = new Map<string, string>([['appData', '/fake/appData']]);
  let readyResolve: () => void = () => {};
  const ready = new Promise<void>((r) => (readyResolve = r));
  const sessionState = {
    permissionRequest: null as Fn | null,
    permissionCheck: null as Fn | null,
    devicePermission: null as Fn | null,
    displayMedia: null as Fn | null,
    headersReceived: null as Fn | null,
  };

  class FakeWindow extends Emitter {
    webContents = new FakeContents();
    shown = 0;
    focused = 0;
    minimized = false;
    restored = 0;
    loaded: string | null = null;
    constructor(readonly options: Record<string, any>) {
      super();
      windows.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
    isDestroyed = () => false;
    isMinimized = () => this.minimized;
    isFocused = () => false;
    restore = () => void this.restored++;
    show = () => void this.shown++;
    focus = () => void this.focused++;
    loadFile = (file: string) => {
      this.loaded = file;
      return Promise.resolve();
    };
  }

  class App extends Emitter {
    quitCalls = 0;
    exitCode: number | null = null;
    name = '';
    sandboxed = false;
    setName = (n: string) => void (this.name = n);
    getPath = (k: string) => paths.get(k) ?? `/fake/${k}`;
    setPath = (k: string, v: string) => void paths.set(k, v);
    setAppUserModelId = () => {};
    enableSandbox = () => void (this.sandboxed = true);
    requestSingleInstanceLock = () => opts.lock ?? true;
    whenReady = () => ready;
    quit = () => {
      this.quitCalls++;
      const event = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
      this.emit('will-quit', event);
    };
    exit = (code: number) => void (this.exitCode = code);
  }
  const app = new App();

  class Notification {
    static isSupported = () => true;
    constructor(readonly text: { title: string; body: string }) {}
    show() {
      notifications.push(this.text);
    }
  }

  const module = {
    app,
    BrowserWindow: FakeWindow,
    Notification,
    ipcMain: {
      handle: (channel: string, fn: Fn) => {
        if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
        handlers.set(channel, fn);
      },
      removeHandler: (channel: string) => handlers.delete(channel),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: Fn) => void (sessionState.permissionRequest = fn),
        setPermissionCheckHandler: (fn: Fn) => void (sessionState.permissionCheck = fn),
        setDevicePermissionHandler: (fn: Fn) => void (sessionState.devicePermission = fn),
        setDisplayMediaRequestHandler: (fn: Fn) => void (sessionState.displayMedia = fn),
        webRequest: { onHeadersReceived: (fn: Fn) => void (sessionState.headersReceived = fn) },
      },
    },
    shell: { openExternal: (url: string) => (opened.push(url), Promise.resolve()) },
    dialog: { showErrorBox: (title: string, message: string) => void errors.push([title, message]) },
    // as on a Linux machine without a keyring: passphrases stay in memory (tested in test/unit/secrets)
    safeStorage: { isEncryptionAvailable: () => false, getSelectedStorageBackend: () => 'basic_text', encryptString: () => Buffer.alloc(0), decryptString: () => '' },
  };
  return { module, app, windows, handlers, opened, notifications, errors, paths, sessionState, fireReady: () => readyResolve() };
}
export type FakeElectron = ReturnType<typeof createFakeElectron>;
