import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { shellFiles } from '../../../electron/main/locations.js';
import { isTrustedSender } from '../../../electron/main/trust.js';

describe('shellFiles', () => {
  it('finds preload and renderer beside the main bundle, the way scripts/build.mjs lays out dist/', () => {
    const f = shellFiles('file:///opt/Tidemark/resources/app.asar/dist/main.js');
    expect(f.preload).toBe('/opt/Tidemark/resources/app.asar/dist/preload.cjs');
    expect(f.rendererHtml).toBe('/opt/Tidemark/resources/app.asar/dist/renderer/index.html');
    expect(f.rendererUrl).toBe('file:///opt/Tidemark/resources/app.asar/dist/renderer/index.html');
  });

  it('gives a renderer URL that matches what Chromium reports for a path with spaces and non-ASCII', () => {
    const f = shellFiles(pathToFileURL('/home/zoë/My Apps/Tidemark/dist/main.js').href);
    const reported = 'file:///home/zo%C3%AB/My%20Apps/Tidemark/dist/renderer/index.html';
    expect(isTrustedSender({ sender: { id: 1 }, senderFrame: { url: reported, parent: null } }, 1, f.rendererUrl)).toBe(true);
  });
});
