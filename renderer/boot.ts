// Imported first by main.tsx and free of React and zod, so it runs before their module code: the
// start-up lists are on their way (or, in the browser, taken over from early.js) while the rest of the
// app is evaluated.
import { prefetch } from './api/index.js';
import { LISTS_CALL, START_CALLS } from './api/early.js';
import { parseHash } from './lib/route.js';
import { preloadView } from './views/lazy-views.js';

// the cold-load breakdown the ui bench prints: app code running, lists in the store, timeline drawn
performance.mark('tidemark:boot');
prefetch([...START_CALLS, LISTS_CALL]);
void preloadView(parseHash(location.hash).view);
