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
    // The name is the SHA-256 of the trailer, not of the whole pack: the trailer lists every blob's id,
    // type, place and sizes, so it names the content just as uniquely, and hashing 16 MiB again per
    // pack was a fifth of the backup thread's time. Blobs are checked against their own ids on read.
    const id = createHash('sha256').update(parts[parts.length - 1]!).digest('hex');
    if (!this.sealer.encrypted) {
      // written straight from the blob buffers (writev): no 16 MiB copy of the pack
      const size = parts.reduce((s, p) => s + p.length, 0);
      await this.storage.put(packName(id), parts);
      return { id, size, entries };
    }
    const sealed = await this.sealer.seal(Buffer.concat(parts));
    await this.storage.put(packName(id), sealed);
    return { id, size: sealed.length, entries };
  }
}
