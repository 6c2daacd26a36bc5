import type { Workload } from '../../shared/domain.js';
import { errorMessage, request } from '../api/index.js';
import type { Slice } from './types.js';

export interface WorkloadsSlice {
  workloads: Workload[];
  workloadsLoaded: boolean;
  workloadsError: string | null;
  loadWorkloads(): Promise<void>;
}

export const createWorkloadsSlice: Slice<WorkloadsSlice> = (set) => ({
  workloads: [],
  workloadsLoaded: false,
  workloadsError: null,
  async loadWorkloads() {
    try {
      const workloads = await request('listWorkloads', {});
      workloads.sort((a, b) => a.name.localeCompare(b.name));
      set({ workloads, workloadsLoaded: true, workloadsError: null });
    } catch (e) {
      set({ workloadsLoaded: true, workloadsError: errorMessage(e) });
    }
  },
});
