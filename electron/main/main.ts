// Entry of the Electron main process: only starts the app and wires the modules together.
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Notification, safeStorage, session } from 'electron';
import { defaultDataDir } from '../core/paths.js';
import { openServices, type Services } from '../core/services.js';
import { forwardEvents } from './forward.js';
import { hardenContents, hardenSession } from './harden.js';
import { registerIpc } from './ipc.js';
import { shellFiles } from './locations.js';
import { createJobNotifier } from './notifications.js';
import { closeOnQuit, failStartup } from './quit.js';
import { keychainSecrets } from './secrets.js';
import { isTrustedSender } from './trust.js';
import { bringToFront, createMainWindow } from './window.js';
import { keepListsWarm } from '../core/warm-lists.js';

const APP_ID = 'app.tidemark.desktop';

// Chromium's profile (userData) follows the app name, which depends on how Electron was launched
// (`electron dist/main.js` finds no package.json): pin it. The catalog itself lives in the data dir the CLI
// and `tidemark serve` use (TIDEMARK_DATA_DIR, else the platform's app-data dir), so all three share it.
app.setName('Tidemark');
app.setPath('userData', path.join(app.getPath('appData'), 'Tidemark'));
if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
app.enableSandbox();

if (!app.requestSingleInstanceLock()) app.quit();
else start();

function start(): void {
  const files = shellFiles(import.meta.url);
  let services: Services | null = null;
  let window: BrowserWindow | null = null;

  const openWindow = () => {
    window = createMainWindow(files);
    window.on('closed', () => (window = null));
  };
  const contentsId = () => (window && !window.isDestroyed() ? window.webContents.id : null);

  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  app.on('second-instance', () => (window ? bringToFront(window) : services && openWindow()));
  app.on('activate', () => window === null && services && openWindow());
  app.on('window-all-closed', () => process.platform !== 'darwin' && app.quit());
  closeOnQuit(() => services?.close());

  app
    .whenReady()
    .then(async () => {
      hardenSession(session.defaultSession);
      const dataDir = defaultDataDir(process.env);
      services = await openServices({
        dataDir,
        transport: 'electron',
        secrets: keychainSecrets(safeStorage, dataDir), // after ready: Linux picks its keyring backend then
        overrides: {
          pickPath: async ({ title, directory, defaultPath }) => {
            const options = { title, properties: [directory ? 'openDirectory' : 'openFile'] as ('openDirectory' | 'openFile')[], ...(defaultPath ? { defaultPath } : {}) };
            const r = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
            return r.canceled ? null : (r.filePaths[0] ?? null);
          },
        },
      });
      registerIpc(ipcMain, services, (event) => isTrustedSender(event, contentsId(), files.rendererUrl));
      // The Transfers view shows endings live; the OS is told only when the user is elsewhere.
      const notify = createJobNotifier((text) => {
        if (Notification.isSupported() && !window?.isFocused()) new Notification(text).show();
      });
      forwardEvents(services, () => window?.webContents ?? null, notify);
      openWindow();
      // every workload's snapshot list in memory while the window loads, and after writes (as `tidemark serve`)
      keepListsWarm(services);
    })
    .catch(failStartup);
}
