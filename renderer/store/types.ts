import type { StateCreator } from 'zustand';
import type { JobsSlice } from './jobs-slice.js';
import type { SnapshotsSlice } from './snapshots-slice.js';
import type { UiSlice } from './ui-slice.js';
import type { WorkloadsSlice } from './workloads-slice.js';

export type AppState = WorkloadsSlice & JobsSlice & SnapshotsSlice & UiSlice;

/** A slice sees (and may set) the whole combined state, but only defines its own part. */
export type Slice<T> = StateCreator<AppState, [], [], T>;
