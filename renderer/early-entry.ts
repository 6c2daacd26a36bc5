// Built on its own into early.js (vite.config.ts), a classic script in <head>: see api/early.ts.
// In Electron the preload's bridge is there already and nothing is needed.
import { openEarly } from './api/early.js';

if (!window.tidemark) window.__tidemarkEarly = openEarly();
