import { collectYoung } from '../backup/collect.js';
import { PackWriter, type WrittenPack } from '../pack/writer.js';
import { compressBlob } from './compress.js';
import type { Repository } from './repository.js';

/**
 * Adds blobs to a repository: dedups against the index and the open pack, fills packs, and
 * writes an index file for the packs it wrote every few packs and at the end (packs → index).
 */
export class BlobWriter {
  private readonly pack: PackWriter;
  private readonly unindexed: WrittenPack[] = [];
  readonly written: WrittenPack[] = [];
  storedBytes = 0;
  newBlobs = 0;
  dedupBlobs = 0;

  constructor(private readonly repo: Repository) {
    this.pack = new PackWriter(repo.storage, repo.sealer, repo.config.packSize);
  }

  has(id: string): boolean {
    return this.repo.index.has(id) || this.pack.has(id);
  }

  /** Stores a blob whose compression was done elsewhere (a worker). */
  async addStored(id: string, type: number, flags: number, stored: Buffer, rawLength: number): Promise<void> {
    if (this.has(id)) return;
    this.pack.add(id, type, flags, stored, rawLength);
    this.storedBytes += stored.length;
    if (this.pack.full) await this.flushPack();
  }

  /** Small blobs (tree pages): compressed here. Returns the id. */
  async addRaw(type: number, raw: Buffer): Promise<string> {
    const id = this.repo.sealer.blobId(raw);
    if (this.has(id)) return id;
    const { flags, stored } = compressBlob(raw, this.repo.config.compression.level);
    await this.addStored(id, type, flags, stored, raw.length);
    return id;
  }

  private async flushPack(): Promise<void> {
    const p = await this.pack.flush();
    if (!p) return;
    collectYoung(); // the pack's blob buffers are garbage now (see collect.ts)
    this.written.push(p);
    this.unindexed.push(p);
    // Indexed as soon as written, so the same process sees them; on disk every 8 packs keeps
    // what a crash loses to "packs without an index" (re-read from their trailers on next open).
    this.repo.index.addPack(p);
    if (this.unindexed.length >= 8) await this.writeIndex();
  }

  private async writeIndex(): Promise<void> {
    if (this.unindexed.length === 0) return;
    await this.repo.writeIndex(this.unindexed.splice(0));
  }

  /** Flush the open pack and index everything written. Call before writing anything that references the blobs. */
  async finish(extraIndexed: WrittenPack[] = []): Promise<void> {
    await this.flushPack();
    this.unindexed.push(...extraIndexed);
    await this.writeIndex();
  }
}
