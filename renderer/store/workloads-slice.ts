import type { Workload } from '../../shared/domain.js';
import { errorMessage, request } from '../api/index.js';
import { byCodePoint } from '../lib/order.js';
import { readChanged } from './read-changed.js';
import type { Slice } from './types.js';

export interface WorkloadsSlice {
  workloads: Workload[];
  workloadsLoaded: boolean;
  workloadsError: string | null;
  loadWorkloads(): Promise<void>;
}

const byName = (a: string, b: string) => byCodePoint(a.toLowerCase(), b.toLowerCase()) || byCodePoint(a, b);
/** whether a list read differs from the last one (else the store stays as it is) */
const changed = readChanged();

export const createWorkloadsSlice: Slice<WorkloadsSlice> = (set, get) => ({
  workloads: [],
  workloadsLoaded: false,
  workloadsError: null,
  async loadWorkloads() {
    try {
      const workloads = await request('listWorkloads', {});
      if (!changed(workloads) && get().workloadsLoaded && !get().workloadsError) return;
      // names are ASCII (nameSchema): case-insensitive order without loading the locale's collator
      workloads.sort((a, b) => byName(a.name, b.name));
      set({ workloads, workloadsLoaded: true, workloadsError: null });
    } catch (e) {
      set({ workloadsLoaded: true, workloadsError: errorMessage(e) });
    }
  },
});
