// Job `disk.restore`: put an image back onto a file or a block device, verified.
//
// A file target is written under a temporary name beside it and renamed over the target only after the
// checksum matched: a failed restore leaves no new file and an existing target untouched.
// A device cannot be renamed: if a restore onto a device fails after writing started, its first MiB is
// zeroed (partition table, superblocks) so the half-written device is never mistaken for a good copy.
import { open, realpath, stat, type FileHandle } from 'node:fs/promises';
import { formatBytes } from '../../../../shared/format.js';
import { CodedError } from '../../../../shared/result.js';
import type { JobHandler } from '../../jobs/types.js';
import { checkTarget } from './checks.js';
import { commitRename, removeQuietly, tempBeside, writeError } from './files.js';
import { decodeImage } from './read-image.js';
import { Writeback, writeSparse } from './sparse.js';
import { readHeader } from './store.js';

export interface DiskRestoreInput {
  snapshotId: string;
  imagePath: string;
  target: string;
  force: boolean;
}

export interface DiskRestoreResult {
  target: string;
  bytes: number;
  checksum: string;
  sparse: boolean;
  summary: string;
}

const SPOIL_BYTES = 1 << 20;

/** A replaced file keeps its owner and mode (a VM disk owned by the hypervisor's user stays usable). */
async function keepOwnership(fh: FileHandle, target: string, existed: boolean): Promise<void> {
  if (!existed) return;
  const old = await stat(target);
  await fh.chmod(old.mode & 0o7777);
  await fh.chown(old.uid, old.gid).catch(() => {}); // only root may give files away; others keep their own
}

async function spoilDevice(fh: FileHandle, size: number): Promise<string> {
  try {
    await fh.write(Buffer.alloc(Math.min(SPOIL_BYTES, size)), 0, Math.min(SPOIL_BYTES, size), 0);
    await fh.sync();
    return 'its first MiB was zeroed so it cannot be mistaken for a good copy';
  } catch (e) {
    return `zeroing its first MiB failed too (${(e as Error).message}): do not use this device`;
  }
}

export const diskRestore: JobHandler<DiskRestoreInput, DiskRestoreResult> = async (input, ctx) => {
  const header = await readHeader(input.imagePath);
  const size = header.meta.size_bytes;
  const real = async (p: string) => realpath(p).catch(() => p);
  if ((await real(input.target)) === (await real(input.imagePath))) throw new CodedError('bad-input', `the target ${input.target} is the stored image itself`);
  const target = await checkTarget(input.target, input.force, size);
  const dest = target.device ? input.target : tempBeside(input.target);
  const fh = await open(dest, target.device ? 'r+' : 'wx', 0o600).catch((e: NodeJS.ErrnoException) => {
    throw new CodedError('io', `cannot open the target ${input.target} for writing: ${e.code ?? e.message}`);
  });
  let open_ = true;
  ctx.log('info', `restoring ${input.snapshotId} (${size} bytes) to ${input.target}${target.device ? ' (block device)' : ''}`);
  const writeback = new Writeback(fh);
  try {
    const { checksum, bytes } = await decodeImage(
      input.imagePath,
      {
        signal: ctx.signal,
        onData: (view, offset) => writeSparse(fh, view, offset, !target.device).then(() => writeback.wrote(view.length)),
        onProgress: (done, total) => ctx.progress({ phase: 'restoring', bytesDone: done, bytesTotal: total, filesDone: 0, filesTotal: 1, currentItem: input.target }),
      },
      header,
    );
    if (!target.device) {
      await fh.truncate(size); // a trailing run of zeros is a hole that still counts
      await keepOwnership(fh, input.target, target.exists);
    }
    await writeback.finish();
    await fh.close();
    open_ = false;
    if (!target.device) await commitRename(dest, input.target);
    const summary = `restored ${formatBytes(bytes)} to ${input.target}, sha256 verified`;
    ctx.log('info', summary);
    return { target: input.target, bytes, checksum, sparse: !target.device, summary };
  } catch (e) {
    const err = writeError(e, `the target ${input.target}`);
    if (target.device) {
      const note = open_ ? await spoilDevice(fh, size) : 'it was fully written';
      err.message = `${err.message}; the device ${input.target} is incomplete: ${note}`;
    } else {
      if (open_) await fh.close().catch(() => {});
      open_ = false;
      await removeQuietly(dest);
      err.message = `${err.message}; nothing was left at ${input.target}${target.exists ? ' (the existing file is unchanged)' : ''}`;
    }
    throw err;
  } finally {
    if (open_) await fh.close().catch(() => {});
  }
};
