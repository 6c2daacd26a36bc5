import { BrowserWindow } from 'electron';
import type { ShellFiles } from './locations.js';
import { secureWebPreferences } from './security.js';

export function createMainWindow(files: ShellFiles): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Tidemark',
    // Shown once painted, so the user never sees an empty white frame.
    show: false,
    webPreferences: secureWebPreferences(files.preload),
  });
  window.once('ready-to-show', () => window.show());
  window.loadFile(files.rendererHtml).catch((e: unknown) => console.error(`tidemark: cannot load ${files.rendererHtml}: ${String(e)}`));
  return window;
}

/** A second launch brings the existing window forward instead of opening another app. */
export function bringToFront(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
