import type { SnapshotColumns } from '../../shared/contract/snapshots.js';
import type { Snapshot } from '../../shared/domain.js';

const NO_META: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;

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

/**
 * A workload's list after an answer to listSnapshotColumns: the whole list, or (an answer to `since`)
 * the old one without the removed and changed snapshots, the changed ones merged back in time order.
 * Nothing changed: the same array, so nothing re-renders.
 */
export function mergeColumns(list: readonly Snapshot[], c: SnapshotColumns): Snapshot[] {
  const changed = fromColumns(c);
  if (!c.removed) return changed;
  if (changed.length === 0 && c.removed.length === 0) return list as Snapshot[];
  const drop = new Set(c.removed);
  for (const s of changed) drop.add(s.id);
  const out: Snapshot[] = [];
  let j = 0;
  for (const s of list) {
    if (drop.has(s.id)) continue;
    while (j < changed.length && changed[j]!.createdAt < s.createdAt) out.push(changed[j++]!);
    out.push(s);
  }
  while (j < changed.length) out.push(changed[j++]!);
  return out;
}
