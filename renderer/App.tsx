import { useEffect, useRef } from 'react';
import { PassphraseDialog } from './components/PassphraseDialog.js';
import { Sidebar } from './components/Sidebar.js';
import { Toasts } from './components/Toasts.js';
import { noteListsPainted } from './store/first-paint.js';
import { useStore } from './store/index.js';
import { useLoadedView } from './views/lazy-views.js';

function CurrentView() {
  const View = useLoadedView(useStore((s) => s.route.view));
  return View ? <View /> : null;
}

function ConnectionBanner() {
  const c = useStore((s) => s.connection);
  if (c.state === 'open' || c.state === 'connecting') return null;
  return (
    <div className="banner" role="status" data-testid="connection-banner">
      {c.state === 'reconnecting' ? `Lost the connection to Tidemark (${c.detail ?? 'no reason given'}). Reconnecting…` : 'Disconnected from Tidemark.'}
    </div>
  );
}

export function App() {
  const view = useStore((s) => s.route.view);
  const listsLoaded = useStore((s) => s.snapshotsLoaded);
  const mainRef = useRef<HTMLElement>(null);
  // an effect runs once its commit is on screen (React lets the browser paint first)
  useEffect(() => void (listsLoaded && noteListsPainted()), [listsLoaded]);
  // Move focus to the new page so keyboard and screen-reader users land on it after navigating.
  useEffect(() => {
    const main = mainRef.current;
    // a view may already have focused something of its own (an edit action lands on its field)
    if (main && !main.contains(document.activeElement)) main.focus({ preventScroll: true });
  }, [view]);
  return (
    <div className="app">
      <Sidebar />
      <div className="main">
        <ConnectionBanner />
        <main className="page" ref={mainRef} tabIndex={-1} aria-label={view}>
          <CurrentView />
        </main>
      </div>
      <Toasts />
      <PassphraseDialog />
    </div>
  );
}
