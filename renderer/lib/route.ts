export const VIEWS = ['workloads', 'timeline', 'restore', 'policies', 'transfers', 'settings'] as const;
export type View = (typeof VIEWS)[number];

export interface Route {
  view: View;
  /** e.g. the workload a timeline shows, or the restore wizard and its snapshot (`snapshot/<id>`) */
  param: string | null;
}

/** `#/timeline/docs` → { view: 'timeline', param: 'docs' }; anything unknown is the workloads overview. */
export function parseHash(hash: string): Route {
  const [view, ...rest] = hash.replace(/^#\/?/, '').split('/');
  const param = rest.length ? decodeURIComponent(rest.join('/')) : null;
  return (VIEWS as readonly string[]).includes(view ?? '') ? { view: view as View, param: param || null } : { view: 'workloads', param: null };
}

export function routeHash(r: Route): string {
  return `#/${r.view}${r.param ? `/${encodeURIComponent(r.param)}` : ''}`;
}
