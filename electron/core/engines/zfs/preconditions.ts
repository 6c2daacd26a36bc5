import { CodedError } from '../../../../shared/result.js';
import { currentGuids } from './guids.js';
import type { Operation } from './plan-types.js';
import type { ZfsHost } from './zfs-host.js';

const stale = (what: string) =>
  new CodedError('conflict', `${what} since the plan was made; nothing was changed for this dataset — sync again to re-plan`);

/**
 * Re-checks, right before an operation runs, that the snapshots it names are still the ones the
 * plan saw (same guid): a snapshot deleted by hand, or recreated under an old name, stops the
 * dataset instead of destroying or sending the wrong thing. For a transfer, snapshots that are
 * already on the target (an earlier, interrupted sync got them across) are dropped from the op.
 */
export async function checkOperation(op: Operation, localDs: string, local: ZfsHost, remote: ZfsHost | null): Promise<Operation | null> {
  if (op.kind === 'delete' || op.kind === 'range-delete') {
    const host = op.side === 'local' ? local : remote!;
    const now = await currentGuids(host, op.snapshots.map((n) => `${op.dataset}@${n}`));
    for (const [i, n] of op.snapshots.entries()) {
      const g = now.get(`${op.dataset}@${n}`);
      if (g === undefined) throw stale(`${op.dataset}@${n} was deleted`);
      if (g !== op.guids[i]) throw stale(`${op.dataset}@${n} was replaced by another snapshot of the same name (guid ${g}, planned ${op.guids[i]})`);
    }
    return op;
  }
  const names = [...(op.from ? [op.from] : []), ...op.snapshots];
  const src = await currentGuids(local, names.map((n) => `${localDs}@${n}`));
  const wanted = [...(op.from ? [op.fromGuid] : []), ...op.guids];
  for (const [i, n] of names.entries()) {
    const want = wanted[i];
    const g = src.get(`${localDs}@${n}`);
    if (g === undefined) throw stale(`${localDs}@${n} was deleted`);
    if (g !== want) throw stale(`${localDs}@${n} was replaced by another snapshot of the same name`);
  }
  const dst = await currentGuids(remote!, names.map((n) => `${op.dataset}@${n}`));
  if (op.from && dst.get(`${op.dataset}@${op.from}`) !== op.fromGuid) throw stale(`the incremental base ${op.dataset}@${op.from} is gone or was replaced on the remote`);
  let from = op.from;
  let fromGuid = op.fromGuid;
  const todo: string[] = [];
  const todoGuids: string[] = [];
  for (const [i, n] of op.snapshots.entries()) {
    const g = dst.get(`${op.dataset}@${n}`);
    if (g === undefined) todo.push(n), todoGuids.push(op.guids[i]!);
    else if (g !== op.guids[i]) throw stale(`${op.dataset}@${n} exists on the remote with another guid`);
    else if (todo.length === 0) (from = n), (fromGuid = g); // already received: start after it
    else throw stale(`${op.dataset}@${n} is on the remote but an older snapshot of the range is not`);
  }
  if (todo.length === 0) return null;
  if (from === op.from) return op;
  return { ...op, kind: 'range-transfer', from: from!, fromGuid: fromGuid!, guids: todoGuids, snapshots: todo };
}
