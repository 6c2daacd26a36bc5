import { createElement, use, type ComponentType } from 'react';

/**
 * A component in a chunk of its own that can be fetched ahead of need. `Component` is one component
 * for good: until the chunk is in it suspends on it (the nearest Suspense shows its fallback), then it
 * renders the loaded one. Handing out React.lazy first and the loaded component later would change
 * the element's type between renders and remount it, losing its state (a wizard in the middle of a
 * restore). Once loaded nothing suspends: React.lazy would, once more, and React holds back revealing
 * suspended content for up to 300 ms, which a user feels when opening something the first time.
 */
export function preloadable<P extends object>(load: () => Promise<ComponentType<P>>) {
  let loading: Promise<ComponentType<P>> | null = null;
  let ready: ComponentType<P> | null = null;
  const preload = () => (loading ??= load().then((c) => (ready = c)));
  function Component(props: P) {
    return createElement(ready ?? use(preload()), props);
  }
  return { preload, Component, ready: () => ready };
}
