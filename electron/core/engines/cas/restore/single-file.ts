import { CodedError } from '../../../../../shared/result.js';
import type { JobContext } from '../../../jobs/types.js';
import type { Repository } from '../repo/repository.js';
import type { Manifest } from '../tree/manifest.js';
import { lookup } from '../tree/pages.js';
import { applyMeta, lstatOrNull } from './meta.js';
import { newResult, noteRestored, type RestoreResult } from './result.js';
import { checkEntryPath, normaliseInclude } from './safe-path.js';
import { writeFileFromChunks } from './write-file.js';

/** A plain name: no separator, not "." or "..", no NUL, at most 255 bytes (NAME_MAX). */
export function checkFileName(name: string): void {
  if (!name || name === '.' || name === '..' || name.includes('/') || name.includes('\0') || Buffer.byteLength(name) > 255) {
    throw new CodedError('bad-input', `"${name}" is not a plain file name`);
  }
}

/**
 * One file of a snapshot written as `target/renameTo` ("report (2026-11-20 14.00).txt" next to the
 * original). The target must be an existing directory and the new name free: the file is created
 * with O_EXCL | O_NOFOLLOW, so nothing is overwritten and no symlink is followed.
 */
export async function restoreFileAs(repo: Repository, manifest: Manifest, input: { snapshotId: string; target: string; include: string[]; renameTo: string }, ctx: JobContext): Promise<RestoreResult> {
  checkFileName(input.renameTo);
  if (input.include.length !== 1) throw new CodedError('bad-input', 'restoring under a new name needs exactly one file');
  const key = normaliseInclude(input.include[0]!);
  checkEntryPath(key);
  const e = await lookup(repo, manifest.tree.pages, key);
  if (!e) throw new CodedError('not-found', `${input.include[0]} is not in snapshot ${input.snapshotId}`);
  if (e.type !== 'file') throw new CodedError('bad-input', `${input.include[0]} is a ${e.type}; only a file can be restored under a new name`);
  const dirSt = await lstatOrNull(input.target);
  if (!dirSt?.isDirectory()) throw new CodedError('not-found', `folder ${input.target} does not exist (or is not a folder)`);
  const dest = `${input.target.replace(/\/+$/, '')}/${input.renameTo}`;
  if (await lstatOrNull(dest)) throw new CodedError('conflict', `${dest} already exists; choose another name`);

  const result = newResult(input.snapshotId, input.target);
  const report = () => ctx.progress({ phase: 'restore', bytesDone: result.bytes, bytesTotal: e.size, filesDone: result.files, filesTotal: 1, currentItem: input.renameTo });
  try {
    await writeFileFromChunks(repo, Buffer.from(dest), e.chunks ?? [], e.size, (n) => ((result.bytes += n), result.chunksVerified++, report()), ctx.signal);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new CodedError('conflict', `${dest} appeared while restoring; nothing was overwritten`);
    if (code === 'ENOSPC' || code === 'EDQUOT') throw new CodedError('io', `${input.target} is full (while writing ${input.renameTo})`);
    throw err;
  }
  await applyMeta(dest, e, false);
  result.files = 1;
  noteRestored(result, Buffer.from(input.renameTo));
  report();
  return result;
}
