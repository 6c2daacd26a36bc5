import { createHash } from 'node:crypto';
import type { Sealer } from '../seal.js';
import type { Storage } from '../storage/types.js';
import { type BlobEntry, encodeTrailer, PACK_MAGIC } from './format.js';

export interface WrittenPack {
  id: string;
  size: number;
  entries: BlobEntry[];
}

export const packName = (id: string): string => `data/${id.slice(0, 2)}/${id}`;

/** Collects blobs in memory until the pack reaches its target size, then writes it (atomically). */
export class PackWriter {
  private parts: Buffer[] = [PACK_MAGIC];
  private entries: BlobEntry[] = [];
  private size = PACK_MAGIC.length;
  private ids = new Set<string>();

  constructor(
    private readonly storage: Storage,
    private readonly sealer: Sealer,
    private readonly targetSize: number,
  ) {}

  get pendingBytes(): number {
    return this.size;
  }
  has(id: string): boolean {
    return this.ids.has(id);
  }
  get full(): boolean {
    return this.size >= this.targetSize;
  }

  add(id: string, type: number, flags: number, stored: Buffer, rawLength: number): void {
    this.entries.push({ id, type, flags, offset: this.size, length: stored.length, rawLength });
    this.parts.push(stored);
    this.size += stored.length;
    this.ids.add(id);
  }

  /** Writes the pack (if it holds anything) and starts a new one. */
  async flush(): Promise<WrittenPack | null> {
    if (this.entries.length === 0) return null;
    const parts = [...this.parts, encodeTrailer(this.entries)];
    const entries = this.entries;
    this.parts = [PACK_MAGIC];
    this.entries = [];
    this.size = PACK_MAGIC.length;
    this.ids = new Set();
    if (!this.sealer.encrypted) {
      // written straight from the blob buffers (writev): no 16 MiB copy of the pack
      const h = createHash('sha256');
      let size = 0;
      for (const p of parts) (h.update(p), (size += p.length));
      const id = h.digest('hex');
      await this.storage.put(packName(id), parts);
      return { id, size, entries };
    }
    const sealed = await this.sealer.seal(Buffer.concat(parts));
    const id = createHash('sha256').update(sealed).digest('hex');
    await this.storage.put(packName(id), sealed);
    return { id, size: sealed.length, entries };
  }
}
