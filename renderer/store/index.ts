import { create } from 'zustand';
import { createJobsSlice } from './jobs-slice.js';
import { createSnapshotsSlice } from './snapshots-slice.js';
import type { AppState } from './types.js';
import { createUiSlice } from './ui-slice.js';
import { createWorkloadsSlice } from './workloads-slice.js';

export type { AppState } from './types.js';

/** The one store, combined once from its slices. Event listeners write to it with setState outside React. */
export const useStore = create<AppState>()((...a) => ({
  ...createWorkloadsSlice(...a),
  ...createJobsSlice(...a),
  ...createSnapshotsSlice(...a),
  ...createUiSlice(...a),
}));
