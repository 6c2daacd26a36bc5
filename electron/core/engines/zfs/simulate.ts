// Plan validation by simulation (backupd's ValidatePlan): apply every operation to a model of both
// inventories, check each step's preconditions, that the last common snapshot is never lost, and
// that the end state is exactly the target. Indexed by guid so 100 × 1,000 snapshots stay fast.
import type { SnapInfo } from './model.js';
import type { DatasetPlan, Operation } from './plan-types.js';
import type { PlanInput } from './planner.js';

class Side {
  exists: boolean;
  /** every snapshot ever on this side, in order; `alive[i]` says whether it still is */
  order: SnapInfo[];
  alive: boolean[];
  aliveCount = 0;
  pos = new Map<string, number>();
  /** name → index, built on first use (only transfers ask) */
  private byName: Map<string, number> | null = null;
  constructor(exists: boolean, snaps: SnapInfo[]) {
    this.exists = exists;
    this.order = snaps.slice();
    this.alive = new Array<boolean>(snaps.length).fill(true);
    this.aliveCount = snaps.length;
    for (let i = 0; i < snaps.length; i++) this.pos.set(snaps[i]!.guid, i);
  }
  add(s: SnapInfo) {
    const i = this.order.length;
    this.pos.set(s.guid, i);
    this.order.push(s);
    this.alive.push(true);
    this.aliveCount++;
    this.byName?.set(s.name, i);
  }
  remove(i: number) {
    if (!this.alive[i]) return;
    this.alive[i] = false;
    this.aliveCount--;
  }
  index(guid: string | undefined): number {
    if (guid === undefined) return -1;
    const i = this.pos.get(guid);
    return i !== undefined && this.alive[i] ? i : -1;
  }
  has(guid: string): boolean {
    return this.index(guid) >= 0;
  }
  get(guid: string | undefined): SnapInfo | undefined {
    const i = this.index(guid);
    return i >= 0 ? this.order[i] : undefined;
  }
  hasName(name: string): boolean {
    if (!this.byName) {
      this.byName = new Map();
      for (let i = 0; i < this.order.length; i++) this.byName.set(this.order[i]!.name, i);
    }
    const i = this.byName.get(name);
    return i !== undefined && this.alive[i] === true && this.order[i]!.name === name;
  }
  newest(): SnapInfo | undefined {
    for (let i = this.order.length - 1; i >= 0; i--) if (this.alive[i]) return this.order[i];
    return undefined;
  }
  *aliveGuids(): Generator<string> {
    for (let i = 0; i < this.order.length; i++) if (this.alive[i]) yield this.order[i]!.guid;
  }
}

interface Pair {
  local: Side;
  remote: Side;
  common: number;
  hadCommon: boolean;
}

export function simulate(input: PlanInput, ops: Operation[], datasets: DatasetPlan[]): string[] {
  const problems: string[] = [];
  const state = new Map<string, Pair>();
  const L = new Map(input.local.datasets.map((d) => [d.rel, d]));
  const R = new Map((input.remote?.datasets ?? []).map((d) => [d.rel, d]));
  for (const d of datasets) {
    const l = L.get(d.rel);
    const r = R.get(d.rel);
    const local = new Side(!!l, l?.snapshots ?? []);
    const remote = new Side(!!r, r?.snapshots ?? []);
    let common = 0;
    for (const g of remote.aliveGuids()) if (local.has(g)) common++;
    state.set(d.rel, { local, remote, common, hadCommon: common > 0 });
  }
  for (const [n, op] of ops.entries()) {
    const st = state.get(op.rel);
    const where = `step ${n + 1} (${op.kind} ${op.dataset})`;
    if (!st) {
      problems.push(`${where}: unknown dataset`);
      continue;
    }
    const err = op.kind === 'initial-transfer' || op.kind === 'range-transfer' ? applyTransfer(op, st, state) : applyDelete(op, st);
    if (err) problems.push(`${where}: ${err}`);
    if (st.hadCommon && st.common === 0) problems.push(`${where}: loses the last snapshot both sides share`);
  }
  for (const d of datasets) {
    if (d.status === 'blocked') continue;
    const st = state.get(d.rel)!;
    const same = (have: Side, want: { guid: string; keep: boolean }[]) => {
      const keep = want.filter((t) => t.keep);
      return keep.length === have.aliveCount && keep.every((t) => have.has(t.guid));
    };
    if (d.localTarget.length && !same(st.local, d.localTarget)) problems.push(`${d.local}: the plan does not reach the local target`);
    if (d.remote && (d.remoteTarget.length || st.remote.aliveCount) && !same(st.remote, d.remoteTarget)) problems.push(`${d.remote}: the plan does not reach the remote target`);
  }
  return problems;
}

function applyTransfer(op: Operation, st: Pair, all: Map<string, Pair>): string | undefined {
  const { local, remote } = st;
  const src: SnapInfo[] = [];
  for (const [i, name] of op.snapshots.entries()) {
    const s = local.get(op.guids[i]);
    if (!s || s.name !== name) return 'a snapshot to send is not on the local side';
    if (remote.hasName(name)) return `${name} already exists on the remote`;
    src.push(s);
  }
  const arrive = (list: SnapInfo[]) => {
    for (const s of list) {
      remote.add(s);
      if (local.has(s.guid)) st.common++;
    }
  };
  if (op.kind === 'initial-transfer') {
    if (remote.exists && !(op.forceReceive && remote.aliveCount === 0)) return 'the remote dataset already exists';
    const parent = op.rel.includes('/') ? op.rel.slice(0, op.rel.lastIndexOf('/')) : op.rel === '' ? null : '';
    if (parent !== null && !all.get(parent)?.remote.exists) return 'the remote parent dataset does not exist';
    remote.exists = true;
    arrive(src.slice(0, 1));
    return undefined;
  }
  const fromGuid = op.fromGuid;
  if (fromGuid === undefined) return 'an incremental transfer without a base';
  if (remote.newest()?.guid !== fromGuid) return `the incremental base ${op.from} is not the newest snapshot on the remote`;
  const base = local.get(fromGuid);
  if (!base) return `the incremental base ${op.from} is not on the local side`;
  if (src.length > 1) {
    // -I brings every local snapshot between from and to; -i (one snapshot) brings only `to`
    const i = local.pos.get(fromGuid)!;
    const j = local.pos.get(src[src.length - 1]!.guid)!;
    const between = local.order.slice(i + 1, j + 1).filter((_, k) => local.alive[i + 1 + k]);
    if (between.length !== src.length || between.some((s, k) => s !== src[k])) return 'the range would send snapshots the plan does not list';
  } else if (local.pos.get(src[0]!.guid)! < local.pos.get(fromGuid)!) return 'sends a snapshot older than its base';
  arrive(src);
  return undefined;
}

function applyDelete(op: Operation, st: Pair): string | undefined {
  const side = op.side === 'local' ? st.local : st.remote;
  const other = op.side === 'local' ? st.remote : st.local;
  const idx: number[] = [];
  for (const [k, name] of op.snapshots.entries()) {
    const i = side.index(op.guids[k]);
    if (i < 0 || side.order[i]!.name !== name) return 'deletes a snapshot that does not exist';
    if (side.order[i]!.userrefs > 0) return 'deletes a held snapshot';
    idx.push(i);
  }
  if (op.kind === 'range-delete') {
    const lo = Math.min(...idx);
    const hi = Math.max(...idx);
    let aliveInRange = 0;
    for (let i = lo; i <= hi; i++) if (side.alive[i]) aliveInRange++;
    if (aliveInRange !== idx.length) return 'the range covers snapshots the plan does not list';
  }
  for (const i of idx) {
    side.remove(i);
    if (other.has(side.order[i]!.guid)) st.common--;
  }
  return undefined;
}
