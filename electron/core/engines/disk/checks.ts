// Preparation checks, run by the adapter (so the user hears at once) and again by the job (things change while it waits).
import { constants, type Stats } from 'node:fs';
import { access, lstat, readFile, stat, statfs } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { TargetCheck, TargetCheckId } from '../../../../shared/contract/disk.js';
import { formatBytes } from '../../../../shared/format.js';
import { CodedError, type ErrorCode } from '../../../../shared/result.js';
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

/** A check as the wizard shows it, plus the error the job throws when it fails. */
interface Check extends TargetCheck {
  code?: ErrorCode;
}

const pass = (id: TargetCheckId, text: string): Check => ({ id, status: 'pass', text });
const fail = (id: TargetCheckId, code: ErrorCode, text: string): Check => ({ id, status: 'fail', text, code });

export interface TargetInspection extends TargetInfo {
  checks: Check[];
}

/** Free bytes for an unprivileged writer in `dir`. */
async function freeBytes(dir: string): Promise<number> {
  const s = await statfs(dir);
  return s.bavail * s.bsize;
}

/**
 * Every preparation check of a restore target, in the order they matter, each pass / fail / warn
 * with a sentence for the user: the wizard shows them all before anything is written, the job
 * throws the first failure. The in-use checks fail even with force: writing under a live
 * filesystem destroys it. An existing target is a warning here; `checkTarget` needs force for it.
 */
export async function inspectTarget(target: string, sizeBytes: number): Promise<TargetInspection> {
  const lst = await lstat(target).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return null;
    throw new CodedError('io', `cannot inspect the target ${target}: ${e.code ?? e.message}`);
  });
  if (!lst) {
    const dir = dirname(target);
    const d = await statOrThrow(dir, 'target folder');
    if (!d?.isDirectory()) return { exists: false, device: false, checks: [fail('path', 'not-found', `the folder ${dir} for the target does not exist`)] };
    const writable = await access(dir, constants.W_OK).then(() => true, () => false);
    if (!writable) return { exists: false, device: false, checks: [fail('path', 'io', `the folder ${dir} is not writable`)] };
    return { exists: false, device: false, checks: [pass('exists', `${target} does not exist yet: a new file will be created`), await spaceCheck(dir, sizeBytes)] };
  }
  if (lst.isSymbolicLink()) return { exists: true, device: false, checks: [fail('path', 'bad-input', `the target ${target} is a symbolic link; give the path it points to`)] };
  if (!lst.isFile() && !lst.isBlockDevice()) return { exists: true, device: false, checks: [fail('path', 'bad-input', `the target ${target} is neither a regular file nor a block device`)] };
  const device = lst.isBlockDevice();
  const { mounts, loops } = await usage(target, lst);
  const users = await openers(target, lst);
  const checks: Check[] = [
    { id: 'exists', status: 'warn', text: `${target} exists${device ? ' (a block device)' : ''}: it will be replaced only if you confirm` },
    mounts.length ? fail('mounted', 'conflict', `the target ${target} is in use: mounted at ${mounts.map((m) => m.mountPoint).join(', ')}`) : pass('mounted', 'not mounted'),
    loops.length ? fail('loop', 'conflict', `the target ${target} is in use: it backs the loop device /dev/${loops.map((l) => l.name).join(', /dev/')}`) : pass('loop', 'not backing a loop device'),
    users.length ? fail('open', 'conflict', `the target ${target} is in use: open by process ${(await describe(users.map((u) => u.pid))).join(', ')}`) : pass('open', 'not open by another process'),
  ];
  if (device) {
    const cap = await sizeOf(target, lst);
    checks.push(cap < sizeBytes ? fail('size', 'bad-input', `the target device ${target} is too small: ${cap} bytes, the image needs ${sizeBytes}`) : pass('size', `the device holds ${formatBytes(cap)}, the image needs ${formatBytes(sizeBytes)}`));
  } else {
    // the new copy is written beside the old one and renamed over it: both exist for a moment
    checks.push(await spaceCheck(dirname(target), sizeBytes));
  }
  return { exists: true, device, checks };
}

/** A warning, never a refusal: zero runs become holes, so a sparse image may fit in less than its size. */
async function spaceCheck(dir: string, sizeBytes: number): Promise<Check> {
  const free = await freeBytes(dir).catch(() => null);
  if (free === null) return { id: 'space', status: 'warn', text: `the free space in ${dir} could not be read` };
  if (free >= sizeBytes) return pass('space', `${formatBytes(free)} free in ${dir}, the image is ${formatBytes(sizeBytes)}`);
  return { id: 'space', status: 'warn', text: `only ${formatBytes(free)} free in ${dir} for a ${formatBytes(sizeBytes)} image: it fits only if enough of it is zeros (written as holes)` };
}

/** Refuses a target that is in use (even with force), exists without force, or is too small. */
export async function checkTarget(target: string, force: boolean, sizeBytes: number): Promise<TargetInfo> {
  const { exists, device, checks } = await inspectTarget(target, sizeBytes);
  const failed = checks.find((c) => c.status === 'fail');
  if (failed) throw new CodedError(failed.code ?? 'conflict', failed.text);
  if (exists && !force) throw new CodedError('conflict', `the target ${target} exists: pass --force to replace it`);
  return { exists, device };
}
