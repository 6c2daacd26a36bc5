import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface ShellFiles {
  preload: string;
  rendererHtml: string;
  /** The URL Chromium reports for the loaded page: IPC senders are compared against it. */
  rendererUrl: string;
}

/**
 * Where the built pieces sit next to the main bundle (scripts/build.mjs: dist/main.js,
 * dist/preload.cjs, dist/renderer/index.html). Resolved from the bundle itself, not from the app path,
 * so `electron dist/main.js` and the packaged asar agree.
 */
export function shellFiles(mainBundleUrl: string): ShellFiles {
  const dist = path.dirname(fileURLToPath(mainBundleUrl));
  const rendererHtml = path.join(dist, 'renderer', 'index.html');
  return { preload: path.join(dist, 'preload.cjs'), rendererHtml, rendererUrl: pathToFileURL(rendererHtml).href };
}
