import type { SnapshotColumns } from '../../shared/contract/snapshots.js';
import type { Snapshot } from '../../shared/domain.js';
import { errorMessage, request } from '../api/index.js';
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

const NO_META: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;
const oldestFirst = (a: Snapshot, b: Snapshot) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The columns back into snapshot objects, in the server's order (oldest first); one pass, no sort. */
export function fromColumns(c: SnapshotColumns): Snapshot[] {
  const out = new Array<Snapshot>(c.id.length);
  for (let i = 0; i < out.length; i++) {
    const guid = c.guid?.[i];
    out[i] = {
      id: c.id[i]!,
      workload: c.workload,
      workloadId: c.workloadId,
      engine: c.engine,
      type: c.type[i]!,
      tags: c.tags[i]!,
      notes: c.notes[i]!,
      createdAt: c.createdAt[i]!,
      complete: c.complete[i] === 1,
      fileCount: c.fileCount[i]!,
      totalBytes: c.totalBytes[i]!,
      storedBytes: c.storedBytes[i]!,
      newChunks: c.newChunks[i]!,
      dedupChunks: c.dedupChunks[i]!,
      durationMs: c.durationMs[i]!,
      pinned: c.pinned[i] === 1,
      location: c.location[i]!,
      meta: guid === null || guid === undefined ? NO_META : { guid },
    };
  }
  return out;
}

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
