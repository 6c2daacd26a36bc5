// The zfs command lines of a plan's operations (argv arrays: the SSH hop quotes each argument).
import type { Capabilities } from './capabilities.js';
import type { Operation } from './plan-types.js';
import type { ZfsHost } from './zfs-host.js';

export function sendArgs(op: Operation, localDs: string): string[] {
  if (op.kind === 'initial-transfer') return ['send', `${localDs}@${op.to}`];
  return ['send', op.snapshots.length === 1 ? '-i' : '-I', `${localDs}@${op.from}`, `${localDs}@${op.to}`];
}

export function recvArgs(op: Operation, remote: ZfsHost): string[] {
  const a = ['receive'];
  if (remote.caps?.recvNoMount) a.push('-u');
  if (remote.caps?.recvResumable) a.push('-s');
  if (op.forceReceive) a.push('-F');
  a.push(op.dataset);
  return a;
}

export function destroyArgs(op: Operation, caps: Capabilities | undefined): string[][] {
  if (op.kind === 'range-delete') return [['destroy', `${op.dataset}@${op.from}%${op.to}`]];
  if (op.snapshots.length > 1 && caps?.destroyList) {
    // keep each command line well under ARG_MAX
    const out: string[][] = [];
    for (let i = 0; i < op.snapshots.length; i += 100) out.push(['destroy', `${op.dataset}@${op.snapshots.slice(i, i + 100).join(',')}`]);
    return out;
  }
  return op.snapshots.map((s) => ['destroy', `${op.dataset}@${s}`]);
}
