import type { Snapshot } from '../../shared/domain.js';
import { errorMessage, request } from '../api/index.js';
import type { Slice } from './types.js';

export interface SnapshotsSlice {
  /** every snapshot the catalog knows, by workload name, oldest first */
  snapshots: Record<string, Snapshot[]>;
  snapshotsLoaded: boolean;
  snapshotsError: string | null;
  /** reload one workload's snapshots, or all of them */
  loadSnapshots(workload?: string): Promise<void>;
  applySnapshot(s: Snapshot): void;
}

const oldestFirst = (a: Snapshot, b: Snapshot) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

export function groupByWorkload(list: Snapshot[]): Record<string, Snapshot[]> {
  const out: Record<string, Snapshot[]> = {};
  for (const s of list) (out[s.workload] ??= []).push(s);
  for (const k of Object.keys(out)) out[k]!.sort(oldestFirst);
  return out;
}

export const createSnapshotsSlice: Slice<SnapshotsSlice> = (set) => ({
  snapshots: {},
  snapshotsLoaded: false,
  snapshotsError: null,
  async loadSnapshots(workload) {
    try {
      const list = await request('listSnapshots', workload ? { name: workload } : {});
      if (workload) set((s) => ({ snapshots: { ...s.snapshots, [workload]: [...list].sort(oldestFirst) }, snapshotsError: null }));
      else set({ snapshots: groupByWorkload(list), snapshotsLoaded: true, snapshotsError: null });
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
