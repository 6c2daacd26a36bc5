import { parseHash, type Route } from '../lib/route.js';
import type { Slice } from './types.js';

export type ToastKind = 'success' | 'error' | 'info' | 'warning';

export interface Toast {
  id: number;
  kind: ToastKind;
  title: string;
  body?: string;
  /** where clicking the toast leads */
  href?: string;
}

export interface UiSlice {
  route: Route;
  toasts: Toast[];
  connection: { state: 'connecting' | 'open' | 'reconnecting' | 'closed'; detail?: string };
  /** the clock health is computed against; ticks every 30 s so "late" appears without a reload */
  now: number;
  /** workloads that are late or failing, for the navigation badge */
  attention: number;
  /** "restore" from the overview: the timeline opens the newest snapshot of this workload with its restore form */
  restoreIntent: string | null;
  pushToast(t: Omit<Toast, 'id'>): number;
  dismissToast(id: number): void;
  navigate(r: Route): void;
}

// three at most (as Sonner and most toast hosts show): a burst of finished jobs must not cover the
// page. The oldest goes first, a failure last: it is the one the user has to read.
const MAX_TOASTS = 3;
let nextToast = 1;
export function keptToasts(toasts: Toast[]): Toast[] {
  const out = [...toasts];
  while (out.length > MAX_TOASTS) {
    const i = out.findIndex((t) => t.kind !== 'error');
    out.splice(Math.max(0, i), 1);
  }
  return out;
}

export const createUiSlice: Slice<UiSlice> = (set) => ({
  route: parseHash(typeof location === 'undefined' ? '' : location.hash),
  toasts: [],
  connection: { state: 'connecting' },
  now: Date.now(),
  attention: 0,
  restoreIntent: null,
  pushToast(t) {
    const id = nextToast++;
    set((s) => ({ toasts: keptToasts([...s.toasts, { ...t, id }]) }));
    return id;
  },
  dismissToast(id) {
    set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
  },
  navigate(route) {
    set({ route });
  },
});
