import type { SnapshotRecord } from '../../jobs/types.js';
import type { Manifest } from './tree/manifest.js';

/** A manifest as the catalog stores it. */
export function toRecord(m: Manifest, repo: string): SnapshotRecord {
  return {
    id: m.id,
    workloadId: m.workloadId,
    engine: 'cas',
    type: m.type,
    tags: m.tags,
    notes: m.notes,
    createdAt: m.createdAt,
    complete: true,
    fileCount: m.fileCount,
    totalBytes: m.totalBytes,
    storedBytes: m.storedBytes,
    newChunks: m.newChunks,
    dedupChunks: m.dedupChunks,
    durationMs: m.durationMs,
    location: 'local',
    meta: { repo, hostname: m.hostname, sourcePath: m.sourcePath, parent: m.parent, dirCount: m.dirCount, warningCount: m.warningCount, warnings: m.warnings.slice(0, 50) },
  };
}
