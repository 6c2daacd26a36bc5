import { describe, expect, it } from 'vitest';
import { isTrustedSender, sameDocument } from '../../../electron/main/trust.js';

const page = 'file:///opt/Tidemark/resources/app.asar/dist/renderer/index.html';
const ev = (id: number, url: string | null, parent: unknown = null) => ({ sender: { id }, senderFrame: url === null ? null : { url, parent } });

describe('isTrustedSender', () => {
  it('trusts the top frame of our window showing our page, whatever its #route', () => {
    expect(isTrustedSender(ev(7, page), 7, page)).toBe(true);
    expect(isTrustedSender(ev(7, `${page}#/transfers`), 7, page)).toBe(true);
  });

  it('refuses another window, a closed window, a sub-frame, a destroyed frame, another page', () => {
    expect(isTrustedSender(ev(8, page), 7, page)).toBe(false);
    expect(isTrustedSender(ev(7, page), null, page)).toBe(false);
    expect(isTrustedSender(ev(7, page, { url: page }), 7, page)).toBe(false);
    expect(isTrustedSender(ev(7, null), 7, page)).toBe(false);
    expect(isTrustedSender(ev(7, 'file:///tmp/evil/index.html'), 7, page)).toBe(false);
    expect(isTrustedSender(ev(7, 'https://evil.example/opt/Tidemark/resources/app.asar/dist/renderer/index.html'), 7, page)).toBe(false);
    expect(isTrustedSender(ev(7, 'devtools://devtools/bundled/inspector.html'), 7, page)).toBe(false);
    expect(isTrustedSender(ev(7, 'about:blank'), 7, page)).toBe(false);
  });
});

describe('sameDocument', () => {
  it('compares the percent-encoded form Chromium reports', () => {
    expect(sameDocument('file:///C:/Program%20Files/Tidemark/index.html', 'file:///C:/Program Files/Tidemark/index.html')).toBe(true);
    expect(sameDocument('not a url', page)).toBe(false);
  });
});
