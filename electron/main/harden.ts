import { shell, type Session, type WebContents } from 'electron';
import { safeExternalUrl, withCsp } from './security.js';

/** Session-wide rules: every permission refused (screen capture stays at Electron's default: refused), our CSP on every response. */
export function hardenSession(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => callback({ responseHeaders: withCsp(details.responseHeaders) }));
}

/**
 * Per-contents rules, applied from app 'web-contents-created' so nothing escapes them: the window never
 * navigates away from the renderer, never opens a window, never attaches a <webview>; links opened with
 * target=_blank go to the OS browser only when they are plain https.
 */
export function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  // Sub-frames too (frame-src 'none' already forbids them: defence in depth).
  contents.on('will-frame-navigate', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const safe = safeExternalUrl(url);
    if (safe) void shell.openExternal(safe).catch((e: unknown) => console.warn(`tidemark: could not open ${safe}: ${String(e)}`));
    return { action: 'deny' };
  });
}
