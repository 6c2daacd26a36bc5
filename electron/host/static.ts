import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** The same CSP as the Electron window, plus the WebSocket back to this host. */
export function contentSecurityPolicy(): string {
  return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";
}

/** dist/renderer beside the bundle, or the repo's dist/renderer when running from source. */
export function rendererDir(): string {
  for (const u of [new URL('./renderer/', import.meta.url), new URL('../../dist/renderer/', import.meta.url)]) {
    const p = fileURLToPath(u);
    if (existsSync(join(p, 'index.html'))) return p;
  }
  return fileURLToPath(new URL('./renderer/', import.meta.url));
}

/** A file of the built renderer; `page` may rewrite the app's HTML on its way out (the host adds its preloads). */
export async function serveStatic(root: string, req: IncomingMessage, res: ServerResponse, page: (html: string) => string = (h) => h): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://x');
  let rel: string;
  try {
    rel = decodeURIComponent(url.pathname);
  } catch {
    res.writeHead(400).end('bad path');
    return;
  }
  const file = normalize(join(root, rel === '/' ? 'index.html' : rel));
  if (!file.startsWith(root.endsWith(sep) ? root : root + sep) || rel.includes('\0')) {
    res.writeHead(403).end('forbidden');
    return;
  }
  const isPage = rel === '/' || rel === '/index.html';
  const raw = await readFile(file).catch(() => null);
  const body = raw && isPage ? Buffer.from(page(raw.toString('utf8'))) : raw;
  const headers = {
    'Content-Security-Policy': contentSecurityPolicy(),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    // files under assets/ carry a hash of their content in their name: the browser may keep them (and
    // V8 its compiled code for them) for good; the page and early.js are asked for every time
    'Cache-Control': rel.startsWith('/assets/') && body ? 'public, max-age=31536000, immutable' : 'no-store',
  };
  if (!body) {
    const index = await readFile(join(root, 'index.html'), 'utf8').then(page).catch(() => null);
    if (!index) {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' }).end('the renderer is not built: run `npm run build`');
      return;
    }
    // Client-side routes fall back to the app; assets that do not exist are a 404.
    if (extname(file)) res.writeHead(404, headers).end('not found');
    else res.writeHead(200, { ...headers, 'Content-Type': TYPES['.html']! }).end(index);
    return;
  }
  res.writeHead(200, { ...headers, 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
}
