// A passphrase kept by the app (session or OS keychain) can go stale: the CLI, or another Tidemark,
// may change the repository's passphrase meanwhile. Jobs are checked before they start, so the app
// asks for the passphrase again (needsPassword) instead of starting a job that fails in its worker.
// One scrypt per key-file listing and passphrase; after that a check is one directory listing.
import { createHash } from 'node:crypto';
import { CodedError } from '../../../../shared/result.js';
import { Repository } from './repo/repository.js';
import { LocalStorage } from './storage/local.js';

/** repository path → the key files and the passphrase (hashed) last seen to open it */
const verified = new Map<string, string>();

const stamp = async (repo: string, passphrase: string) =>
  `${(await new LocalStorage(repo).list('keys')).join()}\u0000${createHash('sha256').update(passphrase).digest('hex')}`;

/** The passphrase just opened the repository (a check elsewhere): no scrypt again for it. */
export async function noteOpened(repo: string, passphrase: string): Promise<void> {
  verified.set(repo, await stamp(repo, passphrase));
}

/** `forbidden` with needsPassword when the kept passphrase no longer opens the repository. */
export async function checkKeptPassphrase(repo: string, workload: string, passphrase: string): Promise<void> {
  const now = await stamp(repo, passphrase);
  if (verified.get(repo) === now) return;
  try {
    await Repository.open(repo, { passphrase });
  } catch (e) {
    if (e instanceof CodedError && e.code === 'forbidden') throw new CodedError('forbidden', `${e.message}: the passphrase kept for ${workload} no longer opens it (changed elsewhere?)`, { needsPassword: workload });
    throw e;
  }
  verified.set(repo, now);
}
