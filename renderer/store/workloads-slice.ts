import type { Workload } from '../../shared/domain.js';
import { errorMessage, request } from '../api/index.js';
import type { Slice } from './types.js';

export interface WorkloadsSlice {
  workloads: Workload[];
  workloadsLoaded: boolean;
  workloadsError: string | null;
  loadWorkloads(): Promise<void>;
}

const byName = (a: string, b: string) => {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
};

/** the last list as read, to keep the store as it is when a reload finds nothing new */
let lastRead = '';

export const createWorkloadsSlice: Slice<WorkloadsSlice> = (set, get) => ({
  workloads: [],
  workloadsLoaded: false,
  workloadsError: null,
  async loadWorkloads() {
    try {
      const workloads = await request('listWorkloads', {});
      const read = JSON.stringify(workloads);
      if (read === lastRead && get().workloadsLoaded && !get().workloadsError) return;
      lastRead = read;
      // names are ASCII (nameSchema): case-insensitive order without loading the locale's collator
      workloads.sort((a, b) => byName(a.name, b.name));
      set({ workloads, workloadsLoaded: true, workloadsError: null });
    } catch (e) {
      set({ workloadsLoaded: true, workloadsError: errorMessage(e) });
    }
  },
});
