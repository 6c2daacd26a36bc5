import { lazy, type ComponentType } from 'react';

/**
 * A component in a chunk of its own that can be fetched ahead of need. Once loaded, `get()` is the
 * component itself: React.lazy would suspend once more and React holds back revealing suspended content
 * for up to 300 ms, which a user feels when opening a page the first time.
 */
export function preloadable<P extends object>(load: () => Promise<ComponentType<P>>) {
  let loading: Promise<ComponentType<P>> | null = null;
  let ready: ComponentType<P> | null = null;
  const preload = () => (loading ??= load().then((c) => (ready = c)));
  const Lazy = lazy(() => preload().then((c) => ({ default: c })));
  return { preload, get: (): ComponentType<P> => ready ?? (Lazy as unknown as ComponentType<P>), ready: () => ready };
}
