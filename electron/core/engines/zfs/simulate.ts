// Plan validation by simulation (backupd's ValidatePlan): apply every operation to a model of both
// inventories, check each step's preconditions, that the last common snapshot is never lost, and
// that the end state is exactly the target.
import type { DatasetPlan, Operation } from './plan-types.js';
import type { PlanInput } from './planner.js';
import type { SnapInfo } from './model.js';

interface Side {
  exists: boolean;
  snaps: SnapInfo[];
}

export function simulate(input: PlanInput, ops: Operation[], datasets: DatasetPlan[]): string[] {
  const problems: string[] = [];
  const state = new Map<string, { local: Side; remote: Side; hadCommon: boolean }>();
  for (const d of datasets) {
    const l = input.local.datasets.find((x) => x.rel === d.rel);
    const r = input.remote?.datasets.find((x) => x.rel === d.rel);
    const local = { exists: !!l, snaps: [...(l?.snapshots ?? [])] };
    const remote = { exists: !!r, snaps: [...(r?.snapshots ?? [])] };
    state.set(d.rel, { local, remote, hadCommon: common(local, remote) });
  }
  for (const [n, op] of ops.entries()) {
    const st = state.get(op.rel);
    const where = `step ${n + 1} (${op.kind} ${op.dataset})`;
    if (!st) {
      problems.push(`${where}: unknown dataset`);
      continue;
    }
    const err = op.kind === 'initial-transfer' || op.kind === 'range-transfer' ? applyTransfer(op, st.local, st.remote, state) : applyDelete(op, op.side === 'local' ? st.local : st.remote);
    if (err) problems.push(`${where}: ${err}`);
    if (st.hadCommon && !common(st.local, st.remote)) problems.push(`${where}: loses the last snapshot both sides share`);
  }
  for (const d of datasets) {
    if (d.status === 'blocked') continue;
    const st = state.get(d.rel)!;
    const same = (have: SnapInfo[], want: { guid: string; keep: boolean }[]) => {
      const a = have.map((s) => s.guid).sort();
      const b = want.filter((t) => t.keep).map((t) => t.guid).sort();
      return a.length === b.length && a.every((g, i) => g === b[i]);
    };
    if (d.localTarget.length && !same(st.local.snaps, d.localTarget)) problems.push(`${d.local}: the plan does not reach the local target`);
    if (d.remote && (d.remoteTarget.length || st.remote.snaps.length) && !same(st.remote.snaps, d.remoteTarget)) problems.push(`${d.remote}: the plan does not reach the remote target`);
  }
  return problems;
}

function common(a: Side, b: Side): boolean {
  const g = new Set(a.snaps.map((s) => s.guid));
  return b.snaps.some((s) => g.has(s.guid));
}

function applyTransfer(op: Operation, local: Side, remote: Side, all: Map<string, { remote: Side }>): string | undefined {
  const src = op.snapshots.map((name) => local.snaps.find((s) => s.guid === op.guids[name] && s.name === name));
  if (src.some((s) => !s)) return 'a snapshot to send is not on the local side';
  for (const name of op.snapshots) if (remote.snaps.some((s) => s.name === name)) return `${name} already exists on the remote`;
  if (op.kind === 'initial-transfer') {
    if (remote.exists && !(op.forceReceive && remote.snaps.length === 0)) return 'the remote dataset already exists';
    const parent = op.rel.includes('/') ? op.rel.slice(0, op.rel.lastIndexOf('/')) : op.rel === '' ? null : '';
    if (parent !== null && !all.get(parent)?.remote.exists) return 'the remote parent dataset does not exist';
    remote.exists = true;
    remote.snaps.push(src[0]!);
    return undefined;
  }
  const fromGuid = op.guids.from;
  const newest = remote.snaps[remote.snaps.length - 1];
  if (!newest || newest.guid !== fromGuid) return `the incremental base ${op.from} is not the newest snapshot on the remote`;
  const i = local.snaps.findIndex((s) => s.guid === fromGuid);
  if (i < 0) return `the incremental base ${op.from} is not on the local side`;
  const j = local.snaps.indexOf(src[src.length - 1]!);
  // -I brings every local snapshot between from and to; -i (one snapshot) brings only `to`
  const arriving = src.length === 1 ? src : local.snaps.slice(i + 1, j + 1);
  if (arriving.length !== src.length || arriving.some((s, k) => s !== src[k])) return 'the range would send snapshots the plan does not list';
  remote.snaps.push(...(arriving as SnapInfo[]));
  return undefined;
}

function applyDelete(op: Operation, side: Side): string | undefined {
  const idx = op.snapshots.map((name) => side.snaps.findIndex((s) => s.name === name && s.guid === op.guids[name]));
  if (idx.some((i) => i < 0)) return 'deletes a snapshot that does not exist';
  if (idx.some((i) => side.snaps[i]!.userrefs > 0)) return 'deletes a held snapshot';
  if (op.kind === 'range-delete') {
    const lo = Math.min(...idx);
    const hi = Math.max(...idx);
    if (hi - lo + 1 !== idx.length) return 'the range covers snapshots the plan does not list';
  }
  const drop = new Set(idx);
  side.snaps = side.snaps.filter((_, i) => !drop.has(i));
  return undefined;
}
