import { describe, expect, it } from 'vitest';
import { CSP, isSafeExternalUrl, safeExternalUrl, secureWebPreferences, withCsp } from '../../../electron/main/security.js';

describe('isSafeExternalUrl', () => {
  it('accepts plain https links and returns them normalized', () => {
    expect(safeExternalUrl('https://restic.readthedocs.io/en/stable/')).toBe('https://restic.readthedocs.io/en/stable/');
    expect(safeExternalUrl('HTTPS://Example.COM/a?b=1#c')).toBe('https://example.com/a?b=1#c');
    expect(safeExternalUrl('https://example.com:8443/x')).toBe('https://example.com:8443/x');
    expect(safeExternalUrl('https://[2001:db8::1]/')).toBe('https://[2001:db8::1]/');
    // Non-ASCII hosts go to the browser in their punycode form, as the browser itself would show them.
    expect(safeExternalUrl('https://bücher.example/')).toBe('https://xn--bcher-kva.example/');
  });

  it.each([
    ['javascript:', 'javascript:alert(1)'],
    ['javascript with https text', 'javascript://https://example.com/%0aalert(1)'],
    ['file:', 'file:///etc/passwd'],
    ['file: UNC', 'file://server/share'],
    ['plain http', 'http://example.com/'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['vbscript:', 'vbscript:msgbox(1)'],
    ['custom scheme', 'ms-msdt:/id PCWDiagnostic'],
    ['smb:', 'smb://evil.example/share'],
    ['credentials (host spoof)', 'https://bank.example.com@evil.example/'],
    ['user only', 'https://user@evil.example/'],
    ['user and password', 'https://user:pw@evil.example/'],
    ['protocol-relative', '//evil.example/'],
    ['no slashes', 'https:evil.example'],
    ['three slashes', 'https:///evil.example'],
    ['backslashes', 'https:\\\\evil.example\\x'],
    ['backslash in path', 'https://example.com\\@evil.example/'],
    ['leading space', ' https://example.com/'],
    ['trailing newline', 'https://example.com/\n'],
    ['embedded tab', 'https://exa\tmple.com/'],
    ['embedded NUL', 'https://example.com/\u0000'],
    ['line separator', 'https://example.com/\u2028'],
    ['empty host', 'https://'],
    ['dotless host', 'https://intranet/'],
    ['trailing-dot host', 'https://example.com./'],
    ['malformed IPv6', 'https://[::1/'],
    ['malformed port', 'https://example.com:99999/'],
    ['not a URL', 'not a url'],
    ['empty', ''],
    ['huge', `https://example.com/${'a'.repeat(5000)}`],
  ])('refuses %s', (_label, url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
  });

  it('refuses non-strings', () => {
    for (const v of [undefined, null, 42, {}, ['https://example.com/'], new URL('https://example.com/')]) expect(isSafeExternalUrl(v)).toBe(false);
  });
});

describe('CSP', () => {
  it('allows only our own scripts, styles, images and connections', () => {
    const directives = new Map(CSP.split(';').map((d) => { const [k, ...v] = d.trim().split(/\s+/); return [k, v.join(' ')]; }));
    expect(directives.get('default-src')).toBe("'self'");
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('style-src')).toBe("'self' 'unsafe-inline'");
    expect(directives.get('img-src')).toBe("'self' data:");
    expect(directives.get('connect-src')).toBe("'self'");
    expect(directives.get('object-src')).toBe("'none'");
    expect(CSP).not.toMatch(/unsafe-eval|\*|https?:/);
  });

  it('replaces any CSP a response carried, whatever its case, and keeps other headers', () => {
    const out = withCsp({ 'content-security-policy': ["default-src *"], 'Content-Security-Policy-Report-Only': 'x', 'Content-Type': 'text/html', 'X-A': ['1', '2'] });
    expect(out).toEqual({ 'Content-Security-Policy': [CSP], 'Content-Type': ['text/html'], 'X-A': ['1', '2'] });
    expect(withCsp(undefined)).toEqual({ 'Content-Security-Policy': [CSP] });
  });
});

describe('secureWebPreferences', () => {
  it('isolates the renderer: no Node, sandboxed, no webview, our preload', () => {
    const p = secureWebPreferences('/app/dist/preload.cjs');
    expect(p).toMatchObject({
      preload: '/app/dist/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    });
  });
});
