// Preparation checks, run by the adapter (so the user hears at once) and again by the job (things change while it waits).
import { constants, type Stats } from 'node:fs';
import { access, lstat, readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { CodedError } from '../../../../shared/result.js';
import { openers, sizeOf, usage } from './devices.js';

export interface SourceInfo {
  size: number;
  device: boolean;
  /** set when the caller confirmed imaging a read-write mounted source */
  warning?: string;
}

async function statOrThrow(path: string, role: string): Promise<Stats | null> {
  try {
    return await stat(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    throw new CodedError('io', `cannot read the ${role} ${path}: ${code ?? (e as Error).message}`);
  }
}

export async function checkSource(path: string, confirm: boolean): Promise<SourceInfo> {
  const st = await statOrThrow(path, 'image');
  if (!st) throw new CodedError('not-found', `the image ${path} does not exist`);
  if (!st.isFile() && !st.isBlockDevice()) throw new CodedError('bad-input', `the image ${path} is neither a regular file nor a block device`);
  await access(path, constants.R_OK).catch((e: NodeJS.ErrnoException) => {
    throw new CodedError('io', `the image ${path} is not readable: ${e.code ?? e.message}`);
  });
  const size = await sizeOf(path, st);
  const { mounts, loops } = await usage(path, st);
  const rw = mounts.filter((m) => m.options.includes('rw'));
  // a running VM holds its disk file open for writing: the same crash-consistency applies
  const writers = (await openers(path, st)).filter((o) => o.writing);
  if (rw.length === 0 && writers.length === 0) return { size, device: st.isBlockDevice() };
  const via = loops.length ? ` (through /dev/${loops.map((l) => l.name).join(', /dev/')})` : '';
  const how = rw.length
    ? `is mounted read-write at ${rw.map((m) => m.mountPoint).join(', ')}${via}`
    : `is open for writing by process ${(await describe(writers.map((w) => w.pid))).join(', ')}`;
  const warning = `${path} ${how}: the image will only be crash-consistent, as if the power had been cut while it was written`;
  if (!confirm) throw new CodedError('needs-confirmation', `${warning}; ${rw.length ? 'unmount it' : 'stop that process'} or confirm to continue`);
  return { size, device: st.isBlockDevice(), warning };
}

export interface TargetInfo {
  exists: boolean;
  device: boolean;
}

/** "1234 (qemu-system-x86)" for the first few pids */
async function describe(pids: number[]): Promise<string[]> {
  return Promise.all(pids.slice(0, 5).map(async (p) => `${p} (${(await readFile(`/proc/${p}/comm`, 'utf8').catch(() => '?')).trim()})`));
}

/** Refuses a target that is in use (even with force: writing under a live filesystem destroys it), exists without force, or is too small. */
export async function checkTarget(target: string, force: boolean, sizeBytes: number): Promise<TargetInfo> {
  const lst = await lstat(target).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return null;
    throw new CodedError('io', `cannot inspect the target ${target}: ${e.code ?? e.message}`);
  });
  if (!lst) {
    const dir = dirname(target);
    const d = await statOrThrow(dir, 'target folder');
    if (!d?.isDirectory()) throw new CodedError('not-found', `the folder ${dir} for the target does not exist`);
    await access(dir, constants.W_OK).catch(() => {
      throw new CodedError('io', `the folder ${dir} is not writable`);
    });
    return { exists: false, device: false };
  }
  if (lst.isSymbolicLink()) throw new CodedError('bad-input', `the target ${target} is a symbolic link; give the path it points to`);
  if (!lst.isFile() && !lst.isBlockDevice()) throw new CodedError('bad-input', `the target ${target} is neither a regular file nor a block device`);
  const { mounts, loops } = await usage(target, lst);
  if (mounts.length) throw new CodedError('conflict', `the target ${target} is in use: mounted at ${mounts.map((m) => m.mountPoint).join(', ')}`);
  if (loops.length) throw new CodedError('conflict', `the target ${target} is in use: it backs the loop device /dev/${loops.map((l) => l.name).join(', /dev/')}`);
  const users = await openers(target, lst);
  if (users.length) throw new CodedError('conflict', `the target ${target} is in use: open by process ${(await describe(users.map((u) => u.pid))).join(', ')}`);
  if (!force) throw new CodedError('conflict', `the target ${target} exists: pass --force to replace it`);
  if (lst.isBlockDevice()) {
    const cap = await sizeOf(target, lst);
    if (cap < sizeBytes) throw new CodedError('bad-input', `the target device ${target} is too small: ${cap} bytes, the image needs ${sizeBytes}`);
  }
  return { exists: true, device: lst.isBlockDevice() };
}
