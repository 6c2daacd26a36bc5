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
