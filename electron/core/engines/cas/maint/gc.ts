import { CodedError } from '../../../../../shared/result.js';
import { packName } from '../pack/writer.js';
import { BlobWriter } from '../repo/blob-writer.js';
import { RepoLock } from '../repo/lock.js';
import { Repository } from '../repo/repository.js';
import { LocalStorage } from '../storage/local.js';
import { listManifests } from '../tree/manifest.js';
import { referencedBlobs } from './references.js';

export interface GcResult {
  packsDeleted: number;
  packsRepacked: number;
  bytesFreed: number;
  blobsKept: number;
  tempFilesRemoved: number;
}

/** A pack with less than this share of its bytes in use is rewritten. */
const REPACK_BELOW = 0.5;

/**
 * Removes what no snapshot references. Order keeps every intermediate state valid: new packs →
 * one new full index → old index files deleted → old packs deleted. A crash at any point
 * leaves indexes that name only existing packs.
 */
export async function gc(repoPath: string, opts: { passphrase?: string; log?: (m: string) => void; signal?: AbortSignal } = {}): Promise<GcResult> {
  const repo = await Repository.open(repoPath, opts.passphrase === undefined ? {} : { passphrase: opts.passphrase });
  const lock = await RepoLock.acquire(repo.storage, 'gc', true, opts.log ? { log: opts.log } : {});
  try {
    const { damagedIndexes } = await repo.loadIndex();
    const { manifests, damaged } = await listManifests(repo);
    if (damaged.length) throw new CodedError('corrupt', `gc refused: snapshot manifest(s) ${damaged.map((d) => d.id).join(', ')} cannot be read; run verify`);
    const used = await referencedBlobs(repo, manifests);
    for (const id of used) if (!repo.index.has(id)) throw new CodedError('corrupt', `gc refused: blob ${id} is referenced but in no pack; run verify`);

    const result: GcResult = { packsDeleted: 0, packsRepacked: 0, bytesFreed: 0, blobsKept: 0, tempFilesRemoved: 0 };
    const drop: string[] = [];
    const repack: string[] = [];
    for (const [id, p] of repo.index.packs) {
      const total = p.entries.reduce((s, e) => s + e.length, 0);
      const live = p.entries.filter((e) => used.has(e.id) && repo.index.get(e.id)?.pack === id).reduce((s, e) => s + e.length, 0);
      if (live === 0) drop.push(id);
      else if (live < total * REPACK_BELOW) repack.push(id);
    }
    const writer = new BlobWriter(repo);
    if (repack.length) {
      const blobs = repack.flatMap((id) => repo.index.packs.get(id)!.entries.filter((e) => used.has(e.id) && repo.index.get(e.id)?.pack === id));
      const data = new Map<string, Buffer>();
      for (const e of blobs) data.set(e.id, await repo.readBlob(e.id)); // verified before it is rewritten
      for (const e of blobs) repo.index.blobs.delete(e.id);
      for (const e of blobs) await writer.addRaw(e.type, data.get(e.id)!);
    }
    for (const id of [...drop, ...repack]) repo.index.packs.delete(id);
    await writer.finish();
    const oldIndexes = await repo.storage.list('index');
    const keep = [...repo.index.packs.values()];
    const newIndex = await repo.writeIndex(keep);
    for (const name of oldIndexes) if (name !== newIndex) await repo.storage.delete(name);
    for (const name of damagedIndexes) await repo.storage.delete(name);
    for (const id of [...drop, ...repack]) {
      const name = packName(id);
      result.bytesFreed += await repo.storage.size(name).catch(() => 0);
      await repo.storage.delete(name);
    }
    result.packsDeleted = drop.length;
    result.packsRepacked = repack.length;
    result.bytesFreed -= writer.storedBytes;
    result.blobsKept = used.size;
    if (repo.storage instanceof LocalStorage) {
      for (const prefix of ['data', 'index', 'snapshots', 'locks']) {
        for (const t of await repo.storage.listTemp(prefix)) {
          await repo.storage.delete(t);
          result.tempFilesRemoved++;
        }
      }
    }
    return result;
  } finally {
    await lock.release();
  }
}
