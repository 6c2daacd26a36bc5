import { CodedError } from '../../../../shared/result.js';
import type { Executor, RunOptions } from './exec/types.js';
import type { Capabilities } from './capabilities.js';

/** One side of a replication: where `zfs` runs, with which binary, and what that binary can do. */
export interface ZfsHost {
  exec: Executor;
  /** full path or plain `zfs` (found on PATH) */
  zfsPath: string;
  caps?: Capabilities;
}

export function zfsArgv(h: ZfsHost, args: readonly string[]): string[] {
  return [h.zfsPath, ...args];
}

/** Runs zfs and returns stdout; any failure becomes a CodedError with a message the user can act on. */
export async function zfsRun(h: ZfsHost, args: readonly string[], opts?: RunOptions): Promise<string> {
  const r = await h.exec.run(zfsArgv(h, args), opts);
  if (r.code !== 0) throw zfsError(h, args, r.code, r.stderr);
  return r.stdout;
}

export function firstLine(s: string): string {
  return s.split('\n').map((l) => l.trim()).find(Boolean) ?? '';
}

export function zfsError(h: ZfsHost, args: readonly string[], code: number | null, stderr: string): CodedError {
  const where = h.exec.label;
  const what = `zfs ${args[0] ?? ''}`;
  const line = firstLine(stderr);
  if (code === 127 || /command not found|not found$|No such file or directory$/m.test(stderr.trim()) && !/dataset/.test(stderr)) {
    return new CodedError('remote', `zfs was not found on ${where} (tried "${h.zfsPath}"): set the full path to zfs in the workload's settings (e.g. /usr/sbin/zfs)`);
  }
  if (/permission denied|insufficient privileges|operation not permitted/i.test(stderr)) {
    return new CodedError('forbidden', `${what} on ${where} was refused: permission denied (${line}). Grant the SSH user the rights with e.g. \`zfs allow -u USER send,snapshot,hold,release,receive,create,mount,destroy,rollback DATASET\``);
  }
  if (/failed to initialize ZFS library|zfs-fuse daemon is running|\/dev\/zfs/.test(stderr)) {
    return new CodedError('remote', `ZFS is not running on ${where}: ${line}`);
  }
  if (/out of space|no space left/i.test(stderr)) return new CodedError('io', `the pool on ${where} is full: ${line}`);
  if (/does not exist/.test(stderr)) return new CodedError('not-found', `${what} on ${where}: ${line}`);
  if (code === null) return new CodedError('remote', `${what} on ${where} was interrupted (${line || 'connection lost'})`);
  return new CodedError('remote', `${what} on ${where} failed (exit ${code}): ${line || 'no message'}`);
}
