// electron/main/main.ts wired end to end with real services on a temp data dir. The Electron binary
// cannot be installed on this machine, so `electron` is the recording stand-in of ./fake-electron.ts;
// every Tidemark module (security, IPC, services, catalog, worker) is the real one.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { METHOD_NAMES } from '../../../shared/contract/index.js';
import { CSP, secureWebPreferences } from '../../../electron/main/security.js';
import { createFakeElectron, type FakeElectron } from './fake-electron.js';

const state = vi.hoisted(() => ({ fake: null as null | { module: Record<string, unknown> } }));
vi.mock('electron', () => {
  const pick = (k: string) => state.fake!.module[k];
  return {
    get app() { return pick('app'); },
    get BrowserWindow() { return pick('BrowserWindow'); },
    get Notification() { return pick('Notification'); },
    get ipcMain() { return pick('ipcMain'); },
    get session() { return pick('session'); },
    get shell() { return pick('shell'); },
    get dialog() { return pick('dialog'); },
    get safeStorage() { return pick('safeStorage'); },
  };
});

async function until<T>(what: string, get: () => T | undefined | null | false, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = get();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function startMain(fake: FakeElectron, dataDir: string) {
  state.fake = fake;
  process.env.TIDEMARK_DATA_DIR = dataDir;
  vi.resetModules();
  await import('../../../electron/main/main.js');
}

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'tidemark-main-'));
  if (!existsSync(new URL('../../../dist/worker.js', import.meta.url))) throw new Error('dist/worker.js is missing: run `npm run build` first');
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('electron main (fake electron module: binary not installable here)', () => {
  const fake = createFakeElectron();
  const dataDir = () => join(tmp, 'data');
  const win = () => fake.windows[0]!;
  const trusted = () => ({ sender: win().webContents, senderFrame: { url: pathToFileURL(win().loaded!).href, parent: null } });
  const invoke = (method: string, input: unknown, event: unknown = trusted()) => fake.handlers.get(`tidemark:${method}`)!(event, input);

  beforeAll(async () => {
    const source = join(tmp, 'source');
    rmSync(source, { recursive: true, force: true });
    mkdirSync(source, { recursive: true });
    writeFileSync(join(source, 'f.txt'), 'x'.repeat(1234));
    await startMain(fake, dataDir());
  });

  it('before ready: pins the app name and profile dir, forces the sandbox, opens nothing', () => {
    expect(fake.app.name).toBe('Tidemark');
    expect(fake.paths.get('userData')).toBe('/fake/appData/Tidemark');
    expect(fake.app.sandboxed).toBe(true);
    expect(fake.windows).toHaveLength(0);
    expect(fake.handlers.size).toBe(0);
  });

  it('on ready: opens the catalog in the data dir, registers every method, opens one hardened window', async () => {
    fake.fireReady();
    await until('the window', () => fake.windows.length === 1 && fake.windows[0]!.loaded);
    expect(existsSync(join(dataDir(), 'tidemark.db'))).toBe(true);
    expect([...fake.handlers.keys()].sort()).toEqual(METHOD_NAMES.map((m) => `tidemark:${m}`).sort());
    const prefs = win().options.webPreferences as { preload: string };
    expect(prefs.preload).toMatch(/preload\.cjs$/);
    expect(prefs).toEqual(secureWebPreferences(prefs.preload));
    expect(win().loaded).toMatch(/renderer[/\\]index\.html$/);
    expect(win().options.show).toBe(false);
    win().emit('ready-to-show');
    expect(win().shown).toBe(1);
  });

  it('the session refuses every permission and sets the CSP header', () => {
    const s = fake.sessionState;
    let granted: boolean | undefined;
    s.permissionRequest!({}, 'media', (g: boolean) => (granted = g));
    expect(granted).toBe(false);
    expect(s.permissionCheck!({}, 'clipboard-read', 'file://')).toBe(false);
    expect(s.devicePermission!({})).toBe(false);
    let headers: unknown;
    s.headersReceived!({ responseHeaders: { 'content-security-policy': ['default-src *'] } }, (r: { responseHeaders: unknown }) => (headers = r.responseHeaders));
    expect(headers).toEqual({ 'Content-Security-Policy': [CSP] });
  });

  it('the window never navigates, never opens windows, and sends only https links to the browser', () => {
    const contents = win().webContents;
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-attach-webview']) {
      const event = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
      contents.emit(name, event);
      expect(event.defaultPrevented, name).toBe(true);
    }
    for (const url of ['https://restic.readthedocs.io/', 'javascript:alert(1)', 'file:///etc/passwd', 'https://bank.example@evil.example/', 'http://example.com/']) {
      expect(contents.windowOpenHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(fake.opened).toEqual(['https://restic.readthedocs.io/']);
  });

  it('answers only our page in our window', async () => {
    expect(await invoke('listWorkloads', {})).toEqual({ ok: true, value: [] });
    const other = { sender: { id: 999 }, senderFrame: { url: trusted().senderFrame.url, parent: null } };
    expect(await invoke('listWorkloads', {}, other)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const elsewhere = { sender: win().webContents, senderFrame: { url: 'https://evil.example/', parent: null } };
    expect(await invoke('listWorkloads', {}, elsewhere)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('pushes events to the window and tells the OS when a job ends', async () => {
    expect(await invoke('addWorkload', { name: 'docs', engine: 'cas', config: { source: join(tmp, 'source') } })).toMatchObject({ ok: true });
    expect(win().webContents.sent.some(([ch, name]) => ch === 'tidemark:event' && name === 'catalogChanged')).toBe(true);
    expect(await invoke('startEstimate', { name: 'docs' })).toMatchObject({ ok: true });
    const n = await until('the notification', () => fake.notifications[0]);
    expect(n.title).toBe('Estimate of docs finished');
    expect(win().webContents.sent.some(([ch, name]) => ch === 'tidemark:event' && name === 'jobUpdated')).toBe(true);
  });

  it('a second launch brings the window back instead of opening another', () => {
    win().minimized = true;
    fake.app.emit('second-instance');
    expect(win().restored).toBe(1);
    expect(win().focused).toBeGreaterThan(0);
    expect(fake.windows).toHaveLength(1);
  });

  it('quitting waits for the services to close, then quits', async () => {
    fake.app.quit();
    await until('the second quit', () => fake.app.quitCalls >= 2);
    // the catalog is closed: a late call is refused as data, not a crash
    const late = (await invoke('listWorkloads', {})) as { ok: boolean };
    expect(late.ok).toBe(false);
  });
});

describe('electron main start-up paths (fake electron module: binary not installable here)', () => {
  it('a second instance quits at once and touches nothing', async () => {
    const fake = createFakeElectron({ lock: false });
    await startMain(fake, join(tmp, 'second'));
    fake.fireReady();
    await new Promise((r) => setTimeout(r, 100));
    expect(fake.app.quitCalls).toBe(1);
    expect(fake.windows).toHaveLength(0);
    expect(fake.handlers.size).toBe(0);
    expect(existsSync(join(tmp, 'second'))).toBe(false);
  });

  it('a data dir that cannot be used is shown in an error box and the app exits 1', async () => {
    const blocker = join(tmp, 'a-file');
    writeFileSync(blocker, '');
    const fake = createFakeElectron();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    await startMain(fake, join(blocker, 'data'));
    fake.fireReady();
    await until('the error box', () => fake.errors[0]);
    errors.mockRestore();
    expect(fake.errors[0]![0]).toBe('Tidemark cannot start');
    expect(fake.errors[0]![1]).toMatch(/data directory .* is not writable/);
    expect(fake.app.exitCode).toBe(1);
    expect(fake.windows).toHaveLength(0);
  });
});
