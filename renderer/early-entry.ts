// Built on its own into early.js (vite.config.ts), a classic script in <head>: see api/early.ts.
// In Electron the preload's bridge is there already and only the page's chunks are preloaded.
import { openEarly } from './api/early.js';
import { parseHash } from './lib/route.js';

/** page → its chunk files, filled in by the build */
declare const __ROUTE_CHUNKS__: Record<string, string[]>;

for (const file of __ROUTE_CHUNKS__[parseHash(location.hash).view] ?? []) {
  const link = document.createElement('link');
  link.rel = 'modulepreload';
  link.href = `./${file}`;
  document.head.appendChild(link);
}
if (!window.tidemark) window.__tidemarkEarly = openEarly();

