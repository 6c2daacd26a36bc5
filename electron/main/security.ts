// Pure security policy of the desktop shell: no `electron` import, so every rule here is unit-tested
// with the same values the app runs with (tests never get a relaxed app).

/** The renderer's Content-Security-Policy, sent as a header; index.html carries the same as a <meta>. */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // React and zustand set inline style attributes; no inline script is ever allowed.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  // Header-only hardening (a <meta> CSP cannot express frame-ancestors): nothing embeds us, we embed nothing.
  "object-src 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** webPreferences of every Tidemark window: the renderer gets no Node and talks only through the preload bridge. */
export function secureWebPreferences(preload: string) {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    spellcheck: false,
  } as const;
}

/** Response headers with our CSP replacing whatever CSP was there (header names are case-insensitive). */
export function withCsp(headers: Record<string, string | string[]> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const lower = name.toLowerCase();
    if (lower === 'content-security-policy' || lower === 'content-security-policy-report-only') continue;
    out[name] = Array.isArray(value) ? value : [value];
  }
  out['Content-Security-Policy'] = [CSP];
  return out;
}

const MAX_EXTERNAL_URL = 2048;

/**
 * The normalized URL to hand to the OS browser, or null. Only plain `https:` links to a named host qualify:
 * no credentials (`https://bank.com@evil` reads as one host and opens another), no whitespace, control
 * characters or backslashes that the URL parser would silently repair into something other than what was shown.
 */
export function safeExternalUrl(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_EXTERNAL_URL) return null;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f-\u00a0\\\u2028\u2029\ufeff]/.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:') return null;
  if (url.username !== '' || url.password !== '') return null;
  // A dotless host is an intranet name or a parser repair; an IPv6 literal is bracketed.
  const named = url.hostname.includes('.') || url.hostname.startsWith('[');
  if (!named || url.hostname.endsWith('.')) return null;
  // `https:evil.com` and `https:///evil.com` parse to a host the text never showed plainly.
  if (!/^https:\/\/[^/]/i.test(raw)) return null;
  return url.href;
}

export function isSafeExternalUrl(raw: unknown): boolean {
  return safeExternalUrl(raw) !== null;
}
