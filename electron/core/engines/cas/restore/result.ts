import type { CasRestoreResult } from '../../../../../shared/contract/cas.js';
import { displayPath } from '../tree/entry.js';

/** Paths listed in a restore's result; the rest are counted (a result is stored in the catalog). */
const LISTED = 500;

/** The contract's restore result before the job adds its one-line summary. */
export type RestoreResult = Omit<CasRestoreResult, 'summary'>;

export const newResult = (snapshotId: string, target: string): RestoreResult => ({ snapshotId, target, files: 0, dirs: 0, bytes: 0, skipped: 0, chunksVerified: 0, restored: [], restoredMore: 0, warnings: [] });

export function noteRestored(r: RestoreResult, rel: Buffer): void {
  if (r.restored.length < LISTED) r.restored.push(displayPath(rel));
  else r.restoredMore++;
}
