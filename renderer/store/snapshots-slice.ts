import type { Snapshot } from '../../shared/domain.js';
import { errorMessage, request } from '../api/index.js';
import { fromColumns } from './snapshot-columns.js';
import type { Slice } from './types.js';

export interface SnapshotsSlice {
  /**
   * every snapshot the catalog knows, by workload name, oldest first. `meta` holds only the zfs guid:
   * the list arrives in columns (listSnapshotColumns) and the details view fetches a snapshot in full.
   */
  snapshots: Record<string, Snapshot[]>;
  snapshotsLoaded: boolean;
  snapshotsError: string | null;
  /** reload one workload's snapshots, or all of them */
  loadSnapshots(workload?: string): Promise<void>;
  applySnapshot(s: Snapshot): void;
}

const oldestFirst = (a: Snapshot, b: Snapshot) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export const createSnapshotsSlice: Slice<SnapshotsSlice> = (set) => ({
  snapshots: {},
  snapshotsLoaded: false,
  snapshotsError: null,
  async loadSnapshots(workload) {
    try {
      const groups = await request('listSnapshotColumns', workload ? { name: workload } : {});
      const loaded: Record<string, Snapshot[]> = {};
      for (const g of groups) loaded[g.workload] = fromColumns(g);
      if (workload) set((s) => ({ snapshots: { ...s.snapshots, ...loaded }, snapshotsError: null }));
      else set({ snapshots: loaded, snapshotsLoaded: true, snapshotsError: null });
    } catch (e) {
      set({ snapshotsLoaded: true, snapshotsError: errorMessage(e) });
    }
  },
  applySnapshot(snap) {
    set((s) => {
      const list = s.snapshots[snap.workload] ?? [];
      const i = list.findIndex((x) => x.id === snap.id && x.location === snap.location);
      const next = i >= 0 ? list.map((x, j) => (j === i ? snap : x)) : [...list, snap].sort(oldestFirst);
      return { snapshots: { ...s.snapshots, [snap.workload]: next } };
    });
  },
});
