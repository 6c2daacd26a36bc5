import type { Capabilities } from './capabilities.js';
import type { SnapInfo } from './model.js';
import type { Operation, TargetItem } from './plan-types.js';

const reasonOf = (t: TargetItem | undefined) => (t ? t.reasons.join('; ') : '');

/**
 * Transfers for the snapshots the remote wants, oldest first. A run of snapshots adjacent on the
 * local side is one `-I` range; a wanted snapshot after unwanted ones is reached with `-i`, which
 * skips them (so nothing the remote policy does not want is sent).
 */
export function transferOps(rel: string, remoteDs: string, local: SnapInfo[], base: SnapInfo | undefined, send: SnapInfo[], remoteItems: Map<string, TargetItem>, force: boolean): Operation[] {
  const ops: Operation[] = [];
  const pos = new Map(local.map((s, i) => [s.guid, i]));
  let from = base;
  let i = 0;
  if (!from && send[0]) {
    const first = send[0];
    ops.push({ kind: 'initial-transfer', side: 'remote', dataset: remoteDs, rel, to: first.name, snapshots: [first.name], guids: [first.guid], reason: `first snapshot for an empty remote; ${reasonOf(remoteItems.get(first.guid))}` });
    from = first;
    i = 1;
  }
  while (i < send.length && from) {
    const start = send[i]!;
    const adjacent = pos.get(start.guid)! === pos.get(from.guid)! + 1;
    let j = i;
    // extend the run while the next wanted snapshot directly follows on the local side
    if (adjacent) while (j + 1 < send.length && pos.get(send[j + 1]!.guid)! === pos.get(send[j]!.guid)! + 1) j++;
    const run = send.slice(i, j + 1);
    const to = run[run.length - 1]!;
    const op: Operation = {
      kind: 'range-transfer',
      side: 'remote',
      dataset: remoteDs,
      rel,
      from: from.name,
      to: to.name,
      snapshots: run.map((s) => s.name),
      guids: run.map((s) => s.guid),
      fromGuid: from.guid,
      reason: run.length === 1 ? reasonOf(remoteItems.get(to.guid)) : `${run.length} snapshots the remote policy keeps (newest: ${reasonOf(remoteItems.get(to.guid))})`,
    };
    if (force) op.forceReceive = true;
    ops.push(op);
    from = to;
    i = j + 1;
  }
  return ops;
}

/** Deletes on one side, grouped: `a%b` ranges for runs where the host has them, the rest in one delete. */
export function deleteOps(rel: string, side: 'local' | 'remote', dataset: string, snaps: SnapInfo[], drop: (index: number) => boolean, caps: Capabilities | null, extra: Partial<Operation> = {}): Operation[] {
  const runs: SnapInfo[][] = [];
  let cur: SnapInfo[] = [];
  for (let i = 0; i < snaps.length; i++) {
    if (drop(i)) cur.push(snaps[i]!);
    else if (cur.length) runs.push(cur), (cur = []);
  }
  if (cur.length) runs.push(cur);
  // retention gives a deleted snapshot no reasons: it is simply not kept by any rule
  const reason = () => `not kept by the ${side} policy, nor protected`;
  const op = (kind: Operation['kind'], group: SnapInfo[]): Operation => ({
    kind,
    side,
    dataset,
    rel,
    ...(kind === 'range-delete' ? { from: group[0]!.name, to: group[group.length - 1]!.name } : {}),
    snapshots: group.map((s) => s.name),
    guids: group.map((s) => s.guid),
    reason: reason(),
    ...extra,
  });
  const ops: Operation[] = [];
  const singles: SnapInfo[] = [];
  for (const r of runs) {
    if (r.length >= 2 && caps?.destroyRange) ops.push(op('range-delete', r));
    else singles.push(...r);
  }
  // One delete op lists them all; the executor destroys them in one comma list where the host has
  // it, one command per snapshot otherwise.
  if (singles.length) ops.push(op('delete', singles));
  return ops;
}
