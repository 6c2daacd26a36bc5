import type { SnapshotRecord } from '../../jobs/types.js';
import { fullName, snapType, type SideInventory } from './model.js';

export const snapshotId = (location: 'local' | 'remote', guid: string) => `zfs:${location}:${guid}`;

/** The catalog's view of an inventory: one record per snapshot, meta carrying what the engine needs back. */
export function toRecords(workloadId: string, inv: SideInventory, location: 'local' | 'remote'): SnapshotRecord[] {
  const out: SnapshotRecord[] = [];
  for (const d of inv.datasets) {
    const dataset = fullName(inv.root, d.rel);
    for (const s of d.snapshots) {
      out.push({
        id: snapshotId(location, s.guid),
        workloadId,
        engine: 'zfs',
        type: snapType(s.name) ?? 'manual',
        tags: [],
        notes: '',
        createdAt: new Date(s.creation * 1000).toISOString(),
        complete: true,
        fileCount: 0,
        totalBytes: s.used,
        storedBytes: s.used,
        newChunks: 0,
        dedupChunks: 0,
        durationMs: 0,
        location,
        meta: { guid: s.guid, createtxg: s.createtxg, dataset, name: s.name, rel: d.rel, held: s.userrefs > 0 },
      });
    }
  }
  return out;
}
