import { useEffect, useReducer, useRef, type ComponentType } from 'react';
import { VIEWS, type View } from '../lib/route.js';
import { preloadable } from '../lib/preloadable.js';
import { engineRestoreWizard } from './restore/engine-wizards.js';
import { snapshotDetails } from './timeline/snapshot-details.js';
import { addWorkloadForm } from './workloads/add-workload-form.js';

// Each page is its own chunk: a cold load evaluates React, the shell and the page it opens on, not the
// forms, wizards and zod schemas of the five others (module evaluation was the largest part of opening
// a 50,000-snapshot timeline cold). early.js preloads the opened page's chunk; the rest follow once the
// app is idle (preloadAllViews), so moving between pages never waits for one.
const pages: Record<View, ReturnType<typeof preloadable>> = {
  workloads: preloadable(() => import('./workloads/WorkloadsView.js').then((m) => m.WorkloadsView)),
  timeline: preloadable(() => import('./timeline/TimelineView.js').then((m) => m.TimelineView)),
  restore: preloadable(() => import('./restore/RestoreView.js').then((m) => m.RestoreView)),
  policies: preloadable(() => import('./policies/PoliciesView.js').then((m) => m.PoliciesView)),
  transfers: preloadable(() => import('./transfers/TransfersView.js').then((m) => m.TransfersView)),
  settings: preloadable(() => import('./settings/SettingsView.js').then((m) => m.SettingsView)),
};

export const preloadView = (view: View) => pages[view].preload();

/**
 * The page to show for `view`: its component once its chunk is in; until then the page shown before
 * stays (a page switch never flashes a fallback, nor waits out React's reveal throttle).
 */
export function useLoadedView(view: View): ComponentType | null {
  const [, loaded] = useReducer((n: number) => n + 1, 0);
  const last = useRef<ComponentType | null>(null);
  const ready = pages[view].ready();
  useEffect(() => {
    if (!ready) void preloadView(view).then(loaded, loaded);
  }, [view, ready]);
  if (ready) last.current = ready;
  return last.current;
}

/** Every page's chunk (and what they load on demand), fetched when the app has nothing else to do. */
export function preloadAllViews(): void {
  for (const v of VIEWS) void pages[v].preload().catch(() => {});
  // and what pages open on demand: details, the add form, the zfs and disk wizards
  for (const part of [snapshotDetails, addWorkloadForm, engineRestoreWizard]) void part.preload().catch(() => {});
}
