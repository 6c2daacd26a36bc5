// Imported first by main.tsx and free of React and zod, so it runs before their module code: the
// start-up lists are on their way (or, in the browser, taken over from early.js) while the rest of the
// app is evaluated.
import { prefetch } from './api/index.js';
import { START_CALLS } from '../shared/contract/wire.js';
import { parseHash } from './lib/route.js';
import { preloadView } from './views/lazy-views.js';

// the cold-load breakdown the ui bench prints: app code running, lists in the store, timeline drawn
performance.mark('tidemark:boot');
prefetch(START_CALLS);
void preloadView(parseHash(location.hash).view);
