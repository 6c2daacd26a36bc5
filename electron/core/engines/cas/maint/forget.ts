import { CodedError } from '../../../../../shared/result.js';
import { RepoLock } from '../repo/lock.js';
import { Repository } from '../repo/repository.js';
import { deleteManifest, listSnapshotIds } from '../tree/manifest.js';

/** Removes snapshot manifests only; their data goes at the next gc (restic's forget/prune split). */
export async function forgetSnapshots(repoPath: string, ids: string[], opts: { passphrase?: string; log?: (m: string) => void } = {}): Promise<string[]> {
  const repo = await Repository.open(repoPath, opts.passphrase === undefined ? {} : { passphrase: opts.passphrase });
  const lock = await RepoLock.acquire(repo.storage, 'forget', true, opts.log ? { log: opts.log } : {});
  try {
    const existing = new Set(await listSnapshotIds(repo));
    const missing = ids.filter((id) => !existing.has(id));
    if (missing.length) throw new CodedError('not-found', `snapshot ${missing.join(', ')} not found in ${repoPath}`);
    for (const id of ids) await deleteManifest(repo, id);
    return ids;
  } finally {
    await lock.release();
  }
}
