import './boot.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { parseHash } from './lib/route.js';
import { bindEvents } from './store/bind-events.js';
import { useStore } from './store/index.js';
import { preloadAllViews, preloadView } from './views/lazy-views.js';
import './styles/theme.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/controls.css';
import './styles/views.css';
import './styles/timeline.css';

bindEvents();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
// The first render waits for the page's own chunk (boot.ts started it): the page then renders at once
// instead of through a Suspense fallback. A chunk that fails to load is reported by the page itself.
void preloadView(parseHash(location.hash).view)
  .catch(() => {})
  .then(() => {
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
    // the other pages' chunks once the first lists are in and painted: not competing with a cold load
    const off = useStore.subscribe((st) => {
      if (!st.snapshotsLoaded) return;
      off();
      requestIdleCallback(preloadAllViews, { timeout: 1000 });
    });
  });
