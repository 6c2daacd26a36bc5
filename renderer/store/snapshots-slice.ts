import type { Snapshot } from '../../shared/domain.js';
import { errorMessage, request } from '../api/index.js';
import { byCodePoint } from '../lib/order.js';
import { mergeColumns, sameTimes } from './snapshot-columns.js';
import type { Slice } from './types.js';

export interface SnapshotsSlice {
  /**
   * every snapshot the catalog knows, by workload name, oldest first. `meta` holds only the zfs guid:
   * the list arrives in columns (listSnapshotColumns) and the details view fetches a snapshot in full.
   */
  snapshots: Record<string, Snapshot[]>;
  snapshotsLoaded: boolean;
  snapshotsError: string | null;
  /** reload all snapshots, or bring one workload's up to date (only what changed since its last load crosses the wire) */
  loadSnapshots(workload?: string): Promise<void>;
  /**
   * Every workload's list brought up to date: only what changed since it was read crosses the wire,
   * a workload not read yet is read whole, the list of one that is gone is dropped. Run after
   * loadWorkloads (it goes by the workloads in the store).
   */
  catchUpSnapshots(): Promise<void>;
  applySnapshot(s: Snapshot): void;
}

const oldestFirst = (a: Snapshot, b: Snapshot) => byCodePoint(a.createdAt, b.createdAt) || byCodePoint(a.id, b.id);

/** the catalog version each workload's list was last brought to (listSnapshotColumns `since`) */
const versions = new Map<string, string>();

export const createSnapshotsSlice: Slice<SnapshotsSlice> = (set, get) => ({
  snapshots: {},
  snapshotsLoaded: false,
  snapshotsError: null,
  async loadSnapshots(workload) {
    try {
      const since = workload ? versions.get(workload) : undefined;
      const groups = await request('listSnapshotColumns', workload ? { name: workload, ...(since ? { since } : {}) } : {});
      if (!workload) performance.mark('tidemark:snapshots-received');
      set((s) => {
        const next: Record<string, Snapshot[]> = workload ? { ...s.snapshots } : {};
        let changed = !workload || s.snapshotsError !== null;
        for (const g of groups) {
          // An answer to an older request may arrive after a newer one: keep the list that matches its version.
          if (g.removed && versions.get(g.workload) !== since) continue;
          next[g.workload] = mergeColumns(s.snapshots[g.workload] ?? [], g);
          changed ||= next[g.workload] !== s.snapshots[g.workload];
          versions.set(g.workload, g.version);
        }
        // nothing new (a catch-up that found no change): the same state, so nothing re-renders
        if (!changed) return s;
        return workload ? { snapshots: next, snapshotsError: null } : { snapshots: next, snapshotsLoaded: true, snapshotsError: null };
      });
    } catch (e) {
      set({ snapshotsLoaded: true, snapshotsError: errorMessage(e) });
    }
  },
  async catchUpSnapshots() {
    const { workloads, workloadsLoaded, workloadsError } = get();
    // without a workload list to go by, everything is read again
    if (!workloadsLoaded || workloadsError) return get().loadSnapshots();
    const names = new Set(workloads.map((w) => w.name));
    await Promise.all([...names].map((name) => get().loadSnapshots(name)));
    const gone = Object.keys(get().snapshots).filter((name) => !names.has(name));
    if (gone.length === 0) return;
    for (const name of gone) versions.delete(name);
    set((s) => ({ snapshots: Object.fromEntries(Object.entries(s.snapshots).filter(([name]) => names.has(name))) }));
  },
  applySnapshot(snap) {
    set((s) => {
      const list = s.snapshots[snap.workload] ?? [];
      const i = list.findIndex((x) => x.id === snap.id && x.location === snap.location);
      let next: Snapshot[];
      if (i >= 0 && snap.createdAt === list[i]!.createdAt) sameTimes(list, (next = list.map((x, j) => (j === i ? snap : x))));
      else next = [...list.filter((_, j) => j !== i), snap].sort(oldestFirst);
      return { snapshots: { ...s.snapshots, [snap.workload]: next } };
    });
  },
});
