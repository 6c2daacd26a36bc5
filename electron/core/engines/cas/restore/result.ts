import { displayPath } from '../tree/entry.js';

/** Paths listed in a restore's result; the rest are counted (a result is stored in the catalog). */
const LISTED = 500;

export interface RestoreResult {
  snapshotId: string;
  target: string;
  files: number;
  dirs: number;
  bytes: number;
  skipped: number;
  /** every chunk read was checked against its id (SHA-256 / HMAC) before a byte of it was written */
  chunksVerified: number;
  /** the files written, relative to the target (the first LISTED; `restoredMore` counts the rest) */
  restored: string[];
  restoredMore: number;
  warnings: { path: string; message: string }[];
}

export const newResult = (snapshotId: string, target: string): RestoreResult => ({ snapshotId, target, files: 0, dirs: 0, bytes: 0, skipped: 0, chunksVerified: 0, restored: [], restoredMore: 0, warnings: [] });

export function noteRestored(r: RestoreResult, rel: Buffer): void {
  if (r.restored.length < LISTED) r.restored.push(displayPath(rel));
  else r.restoredMore++;
}
