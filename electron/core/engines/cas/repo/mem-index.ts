import type { BlobEntry } from '../pack/format.js';
import type { IndexedPack } from './index-file.js';

export interface BlobLoc extends BlobEntry {
  pack: string;
}

/** "Do we have this blob, and where" in O(1), loaded from index files (and unindexed pack trailers) at open. */
export class MemIndex {
  readonly blobs = new Map<string, BlobLoc>();
  readonly packs = new Map<string, IndexedPack>();
  /** which index file named each pack (a pack may appear in several after a crash + rebuild) */
  readonly packIndexFiles = new Map<string, string>();

  addPack(p: IndexedPack, indexFile?: string): void {
    this.packs.set(p.id, p);
    if (indexFile) this.packIndexFiles.set(p.id, indexFile);
    for (const e of p.entries) if (!this.blobs.has(e.id)) this.blobs.set(e.id, { ...e, pack: p.id });
  }

  has(id: string): boolean {
    return this.blobs.has(id);
  }
  get(id: string): BlobLoc | undefined {
    return this.blobs.get(id);
  }
}
