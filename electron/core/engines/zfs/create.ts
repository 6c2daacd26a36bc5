import { CodedError } from '../../../../shared/result.js';
import { type ZfsHost, zfsArgv, zfsError } from './zfs-host.js';

/** `hourly-20261122T031500Z`: the type before the first '-' (retention's keepByType), then UTC time. */
export function snapshotName(type: string, at: Date, attempt = 1): string {
  if (!/^[A-Za-z0-9_]{1,32}$/.test(type)) throw new CodedError('bad-input', `a snapshot type uses letters, digits and underscore (got "${type}")`);
  const stamp = at.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
  return attempt === 1 ? `${type}-${stamp}` : `${type}-${stamp}-${attempt}`;
}

/**
 * Creates the recursive snapshot root@<type>-<UTC>. Two snapshots in the same second get
 * `-2`, `-3`, …: the name is tried, and "already exists" moves on to the next suffix.
 */
export async function createSnapshot(h: ZfsHost, root: string, type: string, now = new Date()): Promise<{ name: string; full: string }> {
  for (let attempt = 1; attempt <= 100; attempt++) {
    const name = snapshotName(type, now, attempt);
    const args = ['snapshot', '-r', `${root}@${name}`];
    const r = await h.exec.run(zfsArgv(h, args));
    if (r.code === 0) return { name, full: `${root}@${name}` };
    if (!/already exists/.test(r.stderr)) throw zfsError(h, args, r.code, r.stderr);
  }
  throw new CodedError('conflict', `100 snapshots named ${snapshotName(type, now)} exist already`);
}
