import { CodedError } from '../../../../../shared/result.js';
import { packName } from '../pack/writer.js';
import { RepoLock } from '../repo/lock.js';
import { Repository } from '../repo/repository.js';
import type { IndexedPack } from '../repo/index-file.js';

export interface RebuildResult {
  packs: number;
  blobs: number;
  damagedPacks: string[];
  oldIndexFiles: number;
}

/** A new index from the packs' own trailers alone; the old index files are removed after it is written. */
export async function rebuildIndex(repoPath: string, opts: { passphrase?: string; log?: (m: string) => void } = {}): Promise<RebuildResult> {
  const repo = await Repository.open(repoPath, opts.passphrase === undefined ? {} : { passphrase: opts.passphrase });
  const lock = await RepoLock.acquire(repo.storage, 'rebuild-index', true, opts.log ? { log: opts.log } : {});
  try {
    const packs: IndexedPack[] = [];
    const damagedPacks: string[] = [];
    let blobs = 0;
    for (const name of await repo.storage.list('data')) {
      const id = name.slice(name.lastIndexOf('/') + 1);
      try {
        const entries = await repo.readPackEntries(id);
        packs.push({ id, size: await repo.storage.size(packName(id)), entries });
        blobs += entries.length;
      } catch (e) {
        if (!(e instanceof CodedError)) throw e;
        damagedPacks.push(id);
        opts.log?.(`pack ${id} skipped: ${e.message}`);
      }
    }
    const old = await repo.storage.list('index');
    const fresh = await repo.writeIndex(packs);
    for (const name of old) if (name !== fresh) await repo.storage.delete(name);
    return { packs: packs.length, blobs, damagedPacks, oldIndexFiles: old.length };
  } finally {
    await lock.release();
  }
}
