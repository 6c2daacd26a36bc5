import { CodedError } from '../../../../../shared/result.js';
import { FLAG_ZSTD, parsePack } from '../pack/format.js';
import { packName } from '../pack/writer.js';
import { decompressBlob } from '../repo/compress.js';
import { RepoLock } from '../repo/lock.js';
import { Repository } from '../repo/repository.js';
import { listManifests } from '../tree/manifest.js';
import { allEntries } from '../tree/pages.js';
import { affectedFiles } from './references.js';

export interface VerifyProblem {
  kind: 'missing-pack' | 'damaged-pack' | 'damaged-blob' | 'missing-blob' | 'damaged-index' | 'damaged-manifest' | 'damaged-tree' | 'index-mismatch';
  message: string;
  pack?: string;
}

export interface VerifyResult {
  ok: boolean;
  deep: boolean;
  snapshots: number;
  packs: number;
  blobs: number;
  bytesChecked: number;
  unindexedPacks: number;
  problems: VerifyProblem[];
  /** which snapshots and files the problems touch */
  affected: { snapshotId: string; paths: string[]; treeDamaged: boolean }[];
}

/**
 * Structure: every manifest readable, every tree page and chunk it names is in the index, every
 * indexed pack exists with the size and trailer the index says. Deep: additionally reads every
 * pack whole and re-hashes every blob.
 */
export async function verify(repoPath: string, opts: { deep: boolean; passphrase?: string; log?: (m: string) => void; progress?: (done: number, total: number) => void; signal?: AbortSignal }): Promise<VerifyResult> {
  const repo = await Repository.open(repoPath, opts.passphrase === undefined ? {} : { passphrase: opts.passphrase });
  const lock = await RepoLock.acquire(repo.storage, 'verify', false, opts.log ? { log: opts.log } : {});
  try {
    const problems: VerifyProblem[] = [];
    const { damagedIndexes } = await repo.loadIndex();
    for (const name of damagedIndexes) problems.push({ kind: 'damaged-index', message: `${name} is damaged (repo rebuild-index repairs it)` });
    const { manifests, damaged } = await listManifests(repo);
    for (const d of damaged) problems.push({ kind: 'damaged-manifest', message: d.message });

    const badBlobs = new Set<string>();
    const onDisk = new Map<string, true>();
    for (const name of await repo.storage.list('data')) onDisk.set(name.slice(name.lastIndexOf('/') + 1), true);
    let bytesChecked = 0;
    const packIds = [...repo.index.packs.keys()];
    let done = 0;
    for (const id of packIds) {
      if (opts.signal?.aborted) throw new CodedError('cancelled', 'verify cancelled');
      const p = repo.index.packs.get(id)!;
      const markAll = () => p.entries.forEach((e) => badBlobs.add(e.id));
      if (!onDisk.has(id)) {
        problems.push({ kind: 'missing-pack', pack: id, message: `pack ${id} is missing` });
        markAll();
        continue;
      }
      try {
        const size = await repo.storage.size(packName(id));
        if (size !== p.size) throw new CodedError('corrupt', `pack ${id} is ${size} bytes, the index says ${p.size}`);
        if (opts.deep) {
          const sealed = await repo.storage.get(packName(id));
          bytesChecked += sealed.length;
          const plain = await repo.sealer.unseal(sealed);
          for (const e of parsePack(plain, id)) {
            try {
              const raw = decompressBlob(plain.subarray(e.offset, e.offset + e.length), e.flags & FLAG_ZSTD);
              if (raw.length !== e.rawLength || repo.sealer.blobId(raw) !== e.id) throw new Error('hash mismatch');
            } catch (err) {
              badBlobs.add(e.id);
              problems.push({ kind: 'damaged-blob', pack: id, message: `blob ${e.id} in pack ${id} is damaged (${(err as Error).message})` });
            }
          }
        } else {
          const trailer = await repo.readPackEntries(id);
          const same = trailer.length === p.entries.length && trailer.every((e, i) => e.id === p.entries[i]!.id && e.offset === p.entries[i]!.offset && e.length === p.entries[i]!.length);
          if (!same) throw new CodedError('corrupt', `pack ${id}: its trailer does not match the index`);
        }
      } catch (err) {
        if (!(err instanceof CodedError) && (err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
        problems.push({ kind: 'damaged-pack', pack: id, message: (err as Error).message });
        markAll();
      }
      opts.progress?.(++done, packIds.length);
    }

    for (const m of manifests) {
      for (const page of m.tree.pages) {
        if (!repo.index.has(page.id)) {
          problems.push({ kind: 'missing-blob', message: `snapshot ${m.id}: tree page ${page.id} is in no pack` });
          continue;
        }
        if (badBlobs.has(page.id)) continue;
        try {
          for await (const e of allEntries(repo, [page])) {
            for (const c of e.chunks ?? []) {
              if (!repo.index.has(c) && !badBlobs.has(c)) {
                badBlobs.add(c);
                problems.push({ kind: 'missing-blob', message: `snapshot ${m.id}: chunk ${c} of ${e.path.toString('utf8')} is in no pack` });
              }
            }
          }
        } catch (err) {
          problems.push({ kind: 'damaged-tree', message: `snapshot ${m.id}: ${(err as Error).message}` });
          badBlobs.add(page.id);
        }
      }
    }
    const affected = badBlobs.size ? await affectedFiles(repo, manifests, badBlobs) : [];
    return { ok: problems.length === 0, deep: opts.deep, snapshots: manifests.length, packs: packIds.length, blobs: repo.index.blobs.size, bytesChecked, unindexedPacks: repo.unindexedPacks.length, problems, affected };
  } finally {
    await lock.release();
  }
}
